// Phase 2, the worker thread side: a worker runs this file (root-only.ts starts it) and builds the
// tree of its range of items, then every receipt of the range into its files.
import { open } from 'node:fs/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { installNodeSha256 } from '../../src/crypto/index.js';
import { leafHashesOfItems, MerkleBuilder } from '../../src/merkle/index.js';

const WRITE_CHUNK_BYTES = 32 * 1024 * 1024;
/** Hashes in one batch path at most: a tree of 2^63 items, plus the other thread's root. */
const PATH_HASHES_MAX = 64;

/** What a root-only worker is given: the digests (shared), its range of items, and where to write. */
export interface RootWorkerData {
  readonly kind: 'bench-batch-root-only';
  readonly digests: SharedArrayBuffer;
  readonly itemCount: number;
  readonly begin: number;
  readonly end: number;
}

/** Second message: the receipt parts every item shares, and the files of this worker. */
export interface RootWorkerWrite {
  /** Receipt fields 1..3 (version, chain id, algorithm), encoded. */
  readonly head: Uint8Array;
  /** Field 5 (salted), encoded: empty when false. */
  readonly saltedField: Uint8Array;
  /** Fields 7..13 (tx, tx index and count, tx proof, header, commit, set changes), encoded. */
  readonly tail: Uint8Array;
  /** The root of the other half of the tree, the top of every path of this half; absent with one thread. */
  readonly otherRoot: Uint8Array | undefined;
  readonly files: readonly string[];
  /** Items whose place in the files to report (for the read-back check). */
  readonly sample: readonly number[];
}

export interface SamplePlace {
  readonly item: number;
  readonly file: string;
  /** Offset of the Receipt bytes (after the length prefix) and their length. */
  readonly offset: number;
  readonly length: number;
}

export interface RootWorkerTreeDone {
  readonly root: Uint8Array;
  readonly leafMs: number;
  readonly treeMs: number;
}

export interface RootWorkerWriteDone {
  readonly receipts: number;
  readonly bytes: number;
  /** Building receipts (paths and splicing), and waiting for a chunk's write to finish (writes overlap the building). */
  readonly buildMs: number;
  readonly writeMs: number;
  readonly fsyncMs: number;
  readonly places: readonly SamplePlace[];
}

function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) length++;
  return length;
}

function writeVarint(buffer: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buffer[at++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buffer[at++] = v;
  return at;
}

/**
 * Worker side of phase 2. First the tree: leaf hashes of this range, then MerkleBuilder over them
 * (the whole tree with one thread; with two, the left subtree of the RFC 6962 split and the rest).
 * Then, once the tx is committed, every receipt of the range: shared head ‖ digest ‖ salted ‖
 * batch path ‖ shared tail, each preceded by its length as a varint, into this worker's files.
 */
function runRootWorker(data: RootWorkerData): void {
  const port = parentPort!;
  const digests = new Uint8Array(data.digests);
  let tree: MerkleBuilder | undefined;
  port.once('message', () => {
    let startMs = performance.now();
    const leaves = leafHashesOfItems(digests.subarray(32 * data.begin, 32 * data.end), 32);
    const leafMs = performance.now() - startMs;
    startMs = performance.now();
    tree = new MerkleBuilder(leaves);
    const treeMs = performance.now() - startMs;
    port.postMessage({ root: tree.root, leafMs, treeMs } satisfies RootWorkerTreeDone);
    port.once('message', (write: RootWorkerWrite) => {
      void writeReceipts(data, digests, tree!, write).then((done) => port.postMessage(done satisfies RootWorkerWriteDone));
    });
  });
  port.postMessage('ready');
}

/**
 * Builds every receipt of the range into one of two chunks while the other is being written (the
 * write runs in libuv's thread pool), so building and writing overlap.
 */
async function writeReceipts(data: RootWorkerData, digests: Uint8Array, tree: MerkleBuilder, write: RootWorkerWrite):
  Promise<RootWorkerWriteDone> {
  const count = data.end - data.begin;
  const { head, saltedField, tail, otherRoot, files } = write;
  const sample = new Set(write.sample);
  const places: SamplePlace[] = [];
  const itemCountField = 1 + varintLength(data.itemCount);
  const chunks = [new Uint8Array(WRITE_CHUNK_BYTES), new Uint8Array(WRITE_CHUNK_BYTES)];
  let chunk = chunks[0]!;
  let used = 0;
  let bytes = 0;
  let writeWaitMs = 0;
  let fsyncMs = 0;
  const startMs = performance.now();
  const perFile = Math.ceil(count / files.length);
  // Each path goes into one reused buffer: no array and no object per hash, for a million receipts.
  const pathScratch = new Uint8Array(32 * PATH_HASHES_MAX);
  let pathLength = 0;
  const copyPathHash = (level: Uint8Array, offset: number): void => {
    const to = 32 * pathLength++;
    for (let b = 0; b < 32; b++) pathScratch[to + b] = level[offset + b]!;
  };
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    const handle = await open(file, 'w');
    let fileOffset = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      const t = performance.now();
      await pending; // the other chunk is free again
      writeWaitMs += performance.now() - t;
      const full = chunk;
      const length = used;
      pending = (async () => {
        for (let written = 0; written < length; ) written += (await handle.write(full, written, length - written)).bytesWritten;
      })();
      chunk = full === chunks[0] ? chunks[1]! : chunks[0]!;
      fileOffset += length;
      bytes += length;
      used = 0;
    };
    const from = f * perFile;
    const to = Math.min(count, from + perFile);
    for (let local = from; local < to; local++) {
      const item = data.begin + local;
      pathLength = 0;
      tree.forEachProofHash(local, copyPathHash);
      if (otherRoot !== undefined) pathScratch.set(otherRoot, 32 * pathLength++);
      const path = pathScratch.subarray(0, 32 * pathLength);
      // BatchPath: item_index (omitted when 0, as canonical proto3 omits defaults), item_count, path.
      const batchLength = (item === 0 ? 0 : 1 + varintLength(item)) + itemCountField + 34 * pathLength;
      const receiptLength = head.length + 34 + saltedField.length + 1 + varintLength(batchLength) + batchLength + tail.length;
      const recordLength = varintLength(receiptLength) + receiptLength;
      if (used + recordLength > chunk.length) await flush();
      const at = writeVarint(chunk, used, receiptLength);
      const receiptOffset = fileOffset + at;
      used = spliceReceipt(chunk, at, write, digests.subarray(32 * item, 32 * item + 32), item, data.itemCount, batchLength, path);
      if (sample.has(item)) places.push({ item, file, offset: receiptOffset, length: receiptLength });
    }
    await flush();
    let t = performance.now();
    await pending;
    writeWaitMs += performance.now() - t;
    t = performance.now();
    await handle.sync();
    await handle.close();
    fsyncMs += performance.now() - t;
  }
  const buildMs = performance.now() - startMs - writeWaitMs - fsyncMs;
  return { receipts: count, bytes, buildMs, writeMs: writeWaitMs, fsyncMs, places };
}

/**
 * Writes one item's Receipt at chunk[at..]: the shared head, field 4 (its digest), the shared
 * salted field, field 6 (its BatchPath) and the shared tail, in field order. Returns the end.
 */
function spliceReceipt(chunk: Uint8Array, at: number, parts: Pick<RootWorkerWrite, 'head' | 'saltedField' | 'tail'>,
  digest: Uint8Array, item: number, itemCount: number, batchLength: number, path: Uint8Array): number {
  const { head, saltedField, tail } = parts;
  chunk.set(head, at);
  at += head.length;
  chunk[at++] = 0x22; // field 4 (digest), length-delimited
  chunk[at++] = 32;
  chunk.set(digest, at);
  at += 32;
  chunk.set(saltedField, at);
  at += saltedField.length;
  chunk[at++] = 0x32; // field 6 (batch), length-delimited
  at = writeVarint(chunk, at, batchLength);
  if (item !== 0) {
    chunk[at++] = 0x08; // BatchPath.item_index
    at = writeVarint(chunk, at, item);
  }
  chunk[at++] = 0x10; // BatchPath.item_count
  at = writeVarint(chunk, at, itemCount);
  for (let hashAt = 0; hashAt < path.length; hashAt += 32) {
    chunk[at++] = 0x1a; // BatchPath.path
    chunk[at++] = 32;
    chunk.set(path.subarray(hashAt, hashAt + 32), at);
    at += 32;
  }
  chunk.set(tail, at);
  at += tail.length;
  return at;
}

// A platform runs the tree and its receipts in Node (the tianping CLI), which hashes with OpenSSL:
// so does the bench, in every worker as in the main thread (main.ts).
installNodeSha256();
if (!isMainThread && (workerData as { kind?: unknown } | null)?.kind === 'bench-batch-root-only') {
  runRootWorker(workerData as RootWorkerData);
}
