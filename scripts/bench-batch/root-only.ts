// Phase 2, the main thread side: N item digests → RFC 6962 tree → one signed root-only AnchorBatch
// → committed → N complete receipts written to disk, items/s and the time of each stage; then a
// sample of the files read back and checked. The threads doing the hashing and writing run
// root-worker.ts.
import { randomFillSync, randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildBatchTx, rootOnlyReceipt } from '../../src/client/batch.js';
import { TianpingClient } from '../../src/client/client.js';
import { decodeReceipt, encodeReceipt, type Receipt } from '../../src/client/receipt.js';
import { verifyReceipt } from '../../src/client/receipt-verify.js';
import type { KeyPair } from '../../src/crypto/index.js';
import { nodeHash } from '../../src/merkle/index.js';
import type { Genesis } from '../../src/state/genesis.js';
import { equalBytes, toHex } from '../../src/types/index.js';
import { keepAliveAgent, postJson } from '../bench-lib.js';
import type { TestnetLayout, TestnetNode, TestnetNodeHandle } from '../testnet-lib.js';
import type { Args } from './args.js';
import {
  CATEGORY, COMMIT_WAIT_MS, cpuPercents, cpuSnapshot, fixed, log, ROOT_ONLY_SAMPLE, seconds, SUBMIT_TIMEOUT_MS, sum,
  type CpuPercents, type CpuSnapshot,
} from './common.js';
import type { RootWorkerData, RootWorkerTreeDone, RootWorkerWrite, RootWorkerWriteDone, SamplePlace } from './root-worker.js';

const RECEIPT_FILES_PER_THREAD = 4;
const ROOT_WORKER_FILE = new URL('./root-worker.ts', import.meta.url).href;

export interface RootOnlyResult {
  readonly items: number;
  readonly threads: number;
  readonly digestsMs: number;
  readonly workerStartMs: number;
  readonly leafMs: number;
  readonly treeMs: number;
  readonly txMs: number;
  readonly commitMs: number;
  readonly inclusionMs: number;
  readonly receiptsMs: number;
  readonly receiptsBuildMs: number;
  readonly receiptsWriteMs: number;
  readonly receiptsFsyncMs: number;
  readonly endToEndMs: number;
  readonly itemsPerSec: number;
  readonly height: number;
  readonly txBytes: number;
  readonly files: number;
  readonly fileBytes: number;
  readonly bytesPerReceipt: number;
  readonly sampleChecked: number;
  readonly sampleValid: number;
  readonly sameAsSdk: number;
  readonly framesCounted: number;
  readonly sampleVerifyMs: readonly number[];
  readonly checkMs: number;
  /** CPU from the first hash to the last receipt written: this bench process (all its threads), the nodes, the machine. */
  readonly cpu: CpuPercents;
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (message: T): void => {
      worker.off('error', onError);
      resolvePromise(message);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function startRootWorker(data: RootWorkerData): Worker {
  // A worker does not inherit the main thread's loader: it loads root-worker.ts through tsx's API.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const file = ROOT_WORKER_FILE;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
  return new Worker(code, { eval: true, workerData: data });
}

/** Stage 1, once the workers are ready: each builds its subtree; the root joins them. */
async function buildTree(workers: readonly Worker[], n: number, threads: number):
  Promise<{ treeDone: RootWorkerTreeDone[]; root: Uint8Array; treeStageMs: number }> {
  const t = performance.now();
  const trees = workers.map((w) => nextMessage<RootWorkerTreeDone>(w));
  for (const worker of workers) worker.postMessage('tree');
  const treeDone = await Promise.all(trees);
  const root = treeDone.length === 2 ? nodeHash(treeDone[0]!.root, treeDone[1]!.root) : treeDone[0]!.root;
  const treeStageMs = performance.now() - t;
  log(`  tree of ${n} items on ${threads} thread(s): ${seconds(treeStageMs)} (root ${toHex(root).slice(0, 16)}…)`);
  return { treeDone, root, treeStageMs };
}

interface Anchored {
  readonly txMs: number;
  readonly txBytes: number;
  readonly commitMs: number;
  readonly height: number;
  readonly inclusion: Receipt;
  readonly inclusionMs: number;
}

/** Stages 2 to 4: the root signed into a tx, committed, and the tx's inclusion proof read back. */
async function anchorRoot(layout: TestnetLayout, node0: TestnetNode, keyPair: KeyPair, root: Uint8Array, n: number): Promise<Anchored> {
  // Stage 2: one signed root-only AnchorBatch (the SDK's builder, noble signature).
  let t = performance.now();
  const tx = buildBatchTx({ chainId: layout.chainId, keyPair, algorithm: 'sha256', category: CATEGORY, kind: 'root-only',
    root, itemCount: n });
  const txMs = performance.now() - t;
  const txBytes = tx.bytes.length;

  // Stage 3: submitted, and committed by the validators.
  t = performance.now();
  const agent = keepAliveAgent(1);
  const answer = await postJson(agent, new URL(node0.apiUrl), `/v1/txs?wait=commit&timeoutMs=${COMMIT_WAIT_MS}`,
    Buffer.from(JSON.stringify({ tx: Buffer.from(tx.bytes).toString('base64') })), COMMIT_WAIT_MS + SUBMIT_TIMEOUT_MS);
  agent.destroy();
  if (answer.status !== 200) throw new Error(`the root-only batch was not committed: ${answer.status} ${answer.body}`);
  const height = (JSON.parse(answer.body) as { height: number }).height;
  const commitMs = performance.now() - t;

  // Stage 4: the tx's inclusion proof (tx, tx-root path, header, commit, set changes), a signed read.
  t = performance.now();
  const inclusion = await new TianpingClient(node0.apiUrl, { signer: keyPair }).txInclusion(tx.hash);
  const inclusionMs = performance.now() - t;
  return { txMs, txBytes, commitMs, height, inclusion, inclusionMs };
}

/** Stage 5: every receipt, spliced from the shared parts encoded once. */
async function writeAllReceipts(workers: readonly Worker[], inclusion: Receipt, treeDone: readonly RootWorkerTreeDone[],
  files: readonly (readonly string[])[], sample: ReadonlySet<number>): Promise<{ written: RootWorkerWriteDone[]; receiptsMs: number }> {
  const t = performance.now();
  const parts = sharedReceiptParts(inclusion);
  const done = workers.map((w) => nextMessage<RootWorkerWriteDone>(w));
  workers.forEach((w, i) => w.postMessage({ ...parts,
    otherRoot: treeDone.length === 2 ? treeDone[1 - i]!.root : undefined, files: files[i]!, sample: [...sample] } satisfies RootWorkerWrite));
  const written = await Promise.all(done);
  return { written, receiptsMs: performance.now() - t };
}

export async function rootOnly(args: Args, dir: string, layout: TestnetLayout, handles: readonly TestnetNodeHandle[], keyPair: KeyPair,
  genesis: Genesis): Promise<RootOnlyResult> {
  const n = args.items;
  const receiptDir = join(dir, 'receipts');
  mkdirSync(receiptDir, { recursive: true });

  // The input: N item digests, as a platform holds them (not part of the end-to-end time).
  let t = performance.now();
  const shared = new SharedArrayBuffer(32 * n);
  const digests = new Uint8Array(shared);
  randomFillSync(digests);
  const digestsMs = performance.now() - t;

  // Stage 1: the tree. With two threads, RFC 6962 splits at k, the largest power of two below N:
  // root = H(1 ‖ MTH(items[0, k)) ‖ MTH(items[k, N))); each thread builds one subtree.
  const threads = n >= 4 ? args.threads : 1;
  const split = threads === 2 ? largestPowerOfTwoBelow(n) : n;
  const ranges = threads === 2 ? [[0, split], [split, n]] as const : [[0, n]] as const;
  // The threads start before the clock does: a platform's process is up before its items arrive.
  t = performance.now();
  const workers = ranges.map(([begin, end]) => startRootWorker({ kind: 'bench-batch-root-only', digests: shared, itemCount: n, begin, end }));
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let anchored: Anchored;
  let receipts: Awaited<ReturnType<typeof writeAllReceipts>>;
  const files: string[][] = ranges.map((_, w) => Array.from({ length: RECEIPT_FILES_PER_THREAD },
    (__, f) => join(receiptDir, `receipts-${String(w * RECEIPT_FILES_PER_THREAD + f).padStart(2, '0')}.pb`)));
  const sample = new Set<number>([0, 1, n - 1, split - 1, Math.min(split, n - 1)]);
  while (sample.size < Math.min(n, ROOT_ONLY_SAMPLE)) sample.add(randomInt(n));
  let workerStartMs = 0;
  let e2eStartMs = 0;
  let cpuFrom: CpuSnapshot | undefined;
  try {
    await Promise.all(workers.map((w) => nextMessage<string>(w)));
    workerStartMs = performance.now() - t;
    cpuFrom = cpuSnapshot(handles);
    e2eStartMs = performance.now();
    tree = await buildTree(workers, n, threads);
    anchored = await anchorRoot(layout, handles[0]!.node, keyPair, tree.root, n);
    receipts = await writeAllReceipts(workers, anchored.inclusion, tree.treeDone, files, sample);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const endToEndMs = performance.now() - e2eStartMs;
  const cpu = cpuPercents(cpuFrom ?? cpuSnapshot(handles), cpuSnapshot(handles));
  const { written, receiptsMs } = receipts;
  const fileBytes = sum(written.map((w) => w.bytes));
  log(`  ${n} receipts written (${fixed(fileBytes / 2 ** 20)} MiB in ${files.flat().length} files) in ${seconds(receiptsMs)}; `
    + `end to end ${seconds(endToEndMs)}`);

  // Not part of the end-to-end time: prove the files hold valid, canonical receipts.
  const check = checkRootOnlyFiles(files.flat(), written.flatMap((w) => w.places), digests, n, anchored.inclusion, genesis);
  const { txMs, commitMs, inclusionMs, height, txBytes } = anchored;
  return {
    items: n, threads, digestsMs, workerStartMs,
    leafMs: Math.max(...tree.treeDone.map((d) => d.leafMs)), treeMs: tree.treeStageMs,
    txMs, commitMs, inclusionMs, receiptsMs,
    receiptsBuildMs: Math.max(...written.map((w) => w.buildMs)), receiptsWriteMs: Math.max(...written.map((w) => w.writeMs)),
    receiptsFsyncMs: Math.max(...written.map((w) => w.fsyncMs)),
    endToEndMs, itemsPerSec: (n * 1000) / endToEndMs, height, txBytes,
    files: files.flat().length, fileBytes, bytesPerReceipt: fileBytes / n, ...check, cpu,
  };
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The receipt parts shared by every item, encoded once with the SDK's own encoder: fields 1..3,
 * field 5, and fields 7..13. A receipt with an empty digest and no batch encodes as exactly
 * head ‖ salted ‖ tail (empty and absent fields are omitted), so the item's fields 4 and 6 splice
 * in between, in field order.
 */
function sharedReceiptParts(inclusion: Receipt): Pick<RootWorkerWrite, 'head' | 'saltedField' | 'tail'> {
  const empty = new Uint8Array();
  const { batch: _batch, ...withoutBatch } = inclusion;
  const whole = encodeReceipt({ ...withoutBatch, digest: empty });
  const head = encodeReceipt({ version: inclusion.version, chainId: inclusion.chainId, algorithm: inclusion.algorithm, digest: empty,
    salted: false, tx: empty, txIndex: 0, txCount: 0, txProof: [], header: empty, commit: empty, setChanges: [] });
  const saltedField = inclusion.salted ? Uint8Array.of(0x28, 0x01) : empty;
  if (!equalBytes(whole.subarray(0, head.length), head) || !equalBytes(whole.subarray(head.length, head.length + saltedField.length), saltedField)) {
    throw new Error('the encoded receipt does not start with its fields 1..3 and 5: cannot splice');
  }
  return { head, saltedField, tail: whole.slice(head.length + saltedField.length) };
}

/**
 * Reads back the sampled receipts: each decodes canonically (decodeReceipt), names its own digest
 * and position, is byte for byte what the SDK's rootOnlyReceipt + encodeReceipt make, and passes
 * verifyReceipt against the genesis. Every file's length prefixes are walked to count the receipts.
 */
function checkRootOnlyFiles(files: readonly string[], places: readonly SamplePlace[], digests: Uint8Array, n: number,
  inclusion: Receipt, genesis: Genesis): Pick<RootOnlyResult, 'sampleChecked' | 'sampleValid' | 'sameAsSdk' | 'framesCounted'
  | 'sampleVerifyMs' | 'checkMs'> {
  const startMs = performance.now();
  let sampleValid = 0;
  let sameAsSdk = 0;
  const sampleVerifyMs: number[] = [];
  const failures: string[] = [];
  for (const place of places) {
    const bytes = Buffer.alloc(place.length);
    const fd = openSync(place.file, 'r');
    try {
      readSync(fd, bytes, 0, place.length, place.offset);
    } finally {
      closeSync(fd);
    }
    const digest = digests.subarray(32 * place.item, 32 * place.item + 32);
    let receipt: Receipt;
    try {
      receipt = decodeReceipt(bytes);
    } catch (error) {
      failures.push(`item ${place.item}: ${(error as Error).message}`);
      continue;
    }
    if (!equalBytes(receipt.digest, digest) || receipt.batch?.itemIndex !== place.item || receipt.batch.itemCount !== n) {
      failures.push(`item ${place.item}: the receipt names another digest or position`);
      continue;
    }
    const sdk = encodeReceipt(rootOnlyReceipt(inclusion, { digest, index: place.item, count: n, path: receipt.batch.path, algorithm: 'sha256' }));
    if (equalBytes(sdk, bytes)) sameAsSdk++;
    else failures.push(`item ${place.item}: differs from the SDK's encoding`);
    const t = performance.now();
    const verdict = verifyReceipt(receipt, { fileDigest: digest }, genesis);
    sampleVerifyMs.push(performance.now() - t);
    if (verdict.valid) sampleValid++;
    else failures.push(`item ${place.item}: ${verdict.failed}: ${verdict.reason}`);
  }
  let framesCounted = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    for (let at = 0; at < bytes.length; framesCounted++) {
      let length = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[at++]!;
        length += (byte & 0x7f) * scale;
        scale *= 128;
        if (byte < 0x80) break;
      }
      at += length;
      if (at > bytes.length) throw new Error(`${file}: the last receipt is cut short`);
    }
  }
  if (failures.length > 0) log(`  read-back failures (${failures.length}):\n    ${failures.slice(0, 10).join('\n    ')}`);
  if (framesCounted !== n) log(`  the files hold ${framesCounted} receipts, not ${n}`);
  return { sampleChecked: places.length, sampleValid, sameAsSdk, framesCounted, sampleVerifyMs, checkMs: performance.now() - startMs };
}
