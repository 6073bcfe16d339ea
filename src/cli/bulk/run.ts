// tianping anchor --batch DIR | --list FILE: anchors many files in few transactions. Files are
// hashed streaming, a few at a time; their digests go out in AnchorBatch txs (indexed: batch-size
// digests per tx; root-only: one tx holding only the Merkle root of all items), each submitted with
// wait=commit; every item gets a receipt file verifiable offline, built from the batch tx's
// inclusion proof (one signed request per batch). The journal (journal.ts) makes a
// killed run resumable without a double anchor; setup.ts opens it, settle.ts follows each batch tx
// to its end, files.ts writes the receipts. Node only.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { batchItemReceipt, buildBatchTx, batchTree, randomSalt, saltedDigest } from '../../client/batch.js';
import { TianpingClient } from '../../client/client.js';
import { hashFile } from '../../client/file.js';
import { receiptToJson } from '../../client/receipt-json.js';
import { encodeReceipt, type Receipt } from '../../client/receipt.js';
import { DEFAULT_TX_LIFETIME_MS } from '../../client/tx.js';
import { equalBytes, fromHex, toBase64, toHex } from '../../types/index.js';
import { CliError } from '../common.js';
import { JOURNAL_FILE, toRuns, type ItemRecord, type JournalWriter } from './journal.js';
import { forEachConcurrent, orderedMap } from './concurrency.js';
import { ReceiptFiles, statOrFail } from './files.js';
import { Progress } from './progress.js';
import { chooseBatchSize, listSource, openJournal } from './setup.js';
import { TxSettler } from './settle.js';
import type { SourceItem, SourceListing } from './sources.js';
import type { Batch, BulkState, Item } from './state.js';
import type { BatchSummary, BulkOptions, BulkResult, Outcome, Refusal, Resolution } from './types.js';

export type { BatchSummary, BulkOptions, BulkResult, ChainLimitParams, Refusal } from './types.js';
export { DEFAULT_BATCH_SIZE } from './setup.js';

/** Receipts of `--batch DIR` go here unless --receipts says otherwise; the walk skips it. */
export const DEFAULT_RECEIPTS_FOLDER = '.tianping-receipts';
/** Files hashed at once: overlaps reading one file with hashing another; hashing is one thread. */
const HASH_CONCURRENCY = 4;
/** Receipt requests (indexed) and receipt file writes in flight at once. */
const RECEIPT_CONCURRENCY = 8;
/** Waits after consecutive connection failures; the run gives up (exit 2, resumable) after the last. */
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];
/** Txs of this run that may expire uncommitted before the run gives up. */
const SUPERSEDED_MAX = 3;
/** How long a file may keep changing under the hasher before the run gives up on it. */
const HASH_ATTEMPTS = 3;

export async function bulkAnchor(options: BulkOptions): Promise<BulkResult> {
  const run = new BulkRun(options);
  return run.execute();
}

class BulkRun {
  private readonly client: TianpingClient;
  /** Signs its requests with the submitter key: tx status and inclusion proofs are member reads. */
  private readonly member: TianpingClient;
  private readonly settler: TxSettler;
  private readonly sourcePath: string;
  private readonly receiptsDir: string;
  private readonly files: ReceiptFiles;
  private readonly progress: Progress;
  private state!: BulkState;
  private journal!: JournalWriter;
  private chainId = '';
  private batchSize = 0;
  private stopped = false;
  private readonly refused: Refusal[] = [];
  private readonly changed: string[] = [];
  private receiptsWritten = 0;
  private skipped: readonly string[] = [];
  private duplicates = 0;
  private readonly counts = { total: 0, hashed: 0, submitted: 0, committed: 0 };
  private supersededNow = 0;

  constructor(private readonly o: BulkOptions) {
    const fetchOption = o.fetch === undefined ? {} : { fetch: o.fetch };
    this.client = new TianpingClient(o.url, fetchOption);
    this.member = new TianpingClient(o.url, { ...fetchOption, signer: o.keyPair });
    this.settler = new TxSettler(this.client, this.member, o.retryDelaysMs ?? RETRY_DELAYS_MS);
    this.sourcePath = resolve(o.source.path);
    this.receiptsDir = resolve(o.receiptsDir ?? (o.source.kind === 'dir' ? join(this.sourcePath, DEFAULT_RECEIPTS_FOLDER)
      : `${this.sourcePath}.receipts`));
    this.files = new ReceiptFiles(this.receiptsDir);
    this.progress = new Progress({ counts: () => this.counts, write: o.stderr, isTty: o.stderrIsTty });
  }

  async execute(): Promise<BulkResult> {
    // Not retried: a wrong --node fails at once.
    const status = await this.client.status();
    this.chainId = status.chainId;
    this.settler.sawBlockTime(status.latestBlockTimeMs);
    this.batchSize = await chooseBatchSize(this.o, this.client, this.chainId);
    const listing = await listSource(this.o, this.sourcePath, this.receiptsDir);
    this.skipped = listing.skipped;
    await mkdir(this.receiptsDir, { recursive: true, mode: 0o700 });
    ({ state: this.state, journal: this.journal } = await openJournal(this.o, this.receiptsDir, this.chainId));
    try {
      for (const skipped of listing.skipped) this.progress.note(`tianping anchor: skipped ${skipped} (not a regular file)`);
      await this.recover();
      // Counted once the journal's open batches are settled: superseded ones hold no items now.
      this.countJournaled(listing);
      this.progress.start();
      if (!this.stopped) await this.anchorListing(listing);
      // Receipts of earlier runs' batches that are not on disk yet, and of files found to share a
      // digest after their carrier's receipts were written.
      for (const batch of this.state.batches) if (batch.state === 'committed') await this.writeReceipts(batch);
    } finally {
      this.progress.stop();
      await this.journal.close();
    }
    return this.result();
  }


  private countJournaled(listing: SourceListing): void {
    Object.assign(this.counts, { total: 0, hashed: 0, submitted: 0, committed: 0 });
    for (const batch of this.state.batches) {
      if (batch.state === 'superseded') continue;
      const n = batch.items.length;
      this.counts.total += n;
      this.counts.hashed += n;
      this.counts.submitted += n;
      if (batch.state === 'committed') this.counts.committed += n;
    }
    for (const source of listing.items) if (this.state.byName.get(source.name)?.batch === undefined) this.counts.total++;
  }

  // ------------------------------------------------------------------ the run

  /** Batches journaled by an interrupted run: committed, still committable (same bytes), or expired. */
  private async recover(): Promise<void> {
    for (const batch of this.state.batches) {
      if (batch.state !== 'open' || this.stopped) continue;
      const outcome = await this.settler.settle(batch, false);
      if (outcome.kind === 'superseded') {
        // Its items are anchored again only if the listing still holds them (files may be gone).
        await this.journal.append({ type: 'superseded', b: batch.b, reason: outcome.reason });
        this.state.supersede(batch);
        this.state.release(batch.items);
        this.progress.note(`tianping anchor: batch ${batch.b} (tx ${batch.txHash}) can no longer commit (${outcome.reason}); its items go into a new tx`);
        continue;
      }
      await this.afterOutcome(batch, outcome);
    }
  }

  private async anchorListing(listing: SourceListing): Promise<void> {
    const pool: Item[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    let failed = false;
    const startBatch = (items: Item[]): Promise<void> => {
      const running = (async () => {
        const batch = await this.journalBatch(items);
        await this.process(batch, pool);
      })();
      // Awaited before the next batch starts; until then a failure must neither go unhandled
      // (which would end the process before the journal is closed) nor let hashing run on.
      running.catch(() => {
        failed = true;
      });
      return running;
    };
    try {
      for await (const resolution of orderedMap(listing.items, HASH_CONCURRENCY, (source) => this.resolveSource(source))) {
        if (this.stopped || failed) break;
        const item = await this.admit(resolution);
        if (item !== undefined) pool.push(item);
        if (this.o.mode === 'indexed' && pool.length >= this.batchSize) {
          // One batch in flight: the next one is hashed while this one commits.
          await inFlight;
          if (this.stopped) break;
          inFlight = startBatch(pool.splice(0, this.batchSize));
        }
      }
      await inFlight;
      while (!this.stopped && pool.length > 0) {
        inFlight = startBatch(pool.splice(0, this.o.mode === 'indexed' ? this.batchSize : pool.length));
        await inFlight;
      }
    } finally {
      // An error while hashing still lets the batch in flight finish and be journaled.
      await inFlight.catch(() => undefined);
    }
  }

  /** What to do with one listed file: nothing (already in a batch), reuse its journaled digest, or hash it. */
  private async resolveSource(source: SourceItem): Promise<Resolution> {
    const previous = this.state.byName.get(source.name);
    const info = await statOrFail(source.absolutePath);
    const same = previous !== undefined && previous.sizeBytes === info.size && previous.mtimeMs === info.mtimeMs;
    if (previous?.batch !== undefined) return same ? { kind: 'batched' } : { kind: 'changed', name: source.name };
    if (previous !== undefined && same) return { kind: 'reuse', item: previous };
    return { kind: 'new', record: await this.hashSource(source) };
  }

  private async hashSource(source: SourceItem): Promise<Omit<ItemRecord, 'type' | 'n'>> {
    for (let attempt = 0; attempt < HASH_ATTEMPTS; attempt++) {
      const before = await statOrFail(source.absolutePath);
      let fileDigest: Uint8Array;
      try {
        fileDigest = await hashFile(source.absolutePath, this.o.algorithm);
      } catch (error) {
        throw new CliError(`cannot read ${source.absolutePath}: ${(error as Error).message}`);
      }
      const after = await statOrFail(source.absolutePath);
      // A file written to while it was read has no single digest; hash it again once it is still.
      if (before.size !== after.size || before.mtimeMs !== after.mtimeMs) continue;
      const base = { path: source.name, sizeBytes: after.size, mtimeMs: after.mtimeMs };
      if (!this.o.salted) return { ...base, digest: toHex(fileDigest) };
      const salt = randomSalt();
      return { ...base, digest: toHex(saltedDigest(this.o.algorithm, salt, fileDigest)), fileDigest: toHex(fileDigest), salt: toHex(salt) };
    }
    throw new CliError(`${source.absolutePath} kept changing while it was hashed`);
  }

  /** Journals a newly hashed item; returns the item when it needs a place in a batch. */
  private async admit(resolution: Resolution): Promise<Item | undefined> {
    switch (resolution.kind) {
      case 'batched': return undefined;
      case 'changed':
        this.changed.push(resolution.name);
        this.progress.note(`tianping anchor: ${resolution.name} changed since it was anchored by this journal; not anchored again `
          + '(anchor its new content with another --receipts directory)');
        return undefined;
      case 'reuse':
      case 'new': {
        let item: Item;
        if (resolution.kind === 'new') {
          const added = this.state.addItem(resolution.record);
          await this.journal.append(added.record);
          item = added.item;
        } else {
          item = resolution.item;
        }
        this.counts.hashed++;
        const carrier = this.state.claim(item);
        if (carrier === undefined) return item;
        this.duplicates++;
        // It shares its carrier's fate: counted with the carrier's batch from now on.
        const state = carrier.batch?.state;
        if (state === 'open' || state === 'committed') this.counts.submitted++;
        if (state === 'committed') this.counts.committed++;
        return undefined;
      }
    }
  }

  /** Signs the batch and journals it, synced, before anything is sent. */
  private async journalBatch(items: Item[]): Promise<Batch> {
    const digests = items.map((item) => fromHex(item.digest)!);
    // From the chain's time when this machine's clock is behind it, so the node does not find
    // the tx expired on arrival.
    const expiresAtMs = Math.max(Date.now(), this.settler.latestBlockTimeMs) + DEFAULT_TX_LIFETIME_MS;
    const common = {
      chainId: this.chainId, keyPair: this.o.keyPair, algorithm: this.o.algorithm, category: this.o.category,
      salted: this.o.salted, expiresAtMs,
    };
    const tx = this.o.mode === 'indexed'
      ? buildBatchTx({ ...common, kind: 'indexed', digests })
      : buildBatchTx({ ...common, kind: 'root-only', root: batchTree(digests).root, itemCount: items.length });
    const record = {
      type: 'batch' as const, b: this.state.batches.length, txHash: toHex(tx.hash), tx: toBase64(tx.bytes), expiresAtMs,
      items: toRuns(items.map((item) => item.n)),
    };
    await this.journal.appendSynced(record);
    const batch = this.state.addBatch(record, items);
    this.counts.submitted += this.coveredBy(batch);
    return batch;
  }

  private async process(batch: Batch, pool: Item[]): Promise<void> {
    const outcome = await this.settler.settle(batch, true);
    if (outcome.kind === 'superseded') {
      // A fresh tx that expires before it commits points at clocks or a stalled chain; signing
      // the items again and again would not help.
      if (++this.supersededNow > SUPERSEDED_MAX) {
        throw new CliError(`${this.supersededNow} txs expired before they committed (the latest: ${batch.txHash}); check this `
          + 'machine\'s clock against the chain, and that the chain makes blocks');
      }
      this.counts.submitted -= this.coveredBy(batch);
      await this.journal.append({ type: 'superseded', b: batch.b, reason: outcome.reason });
      this.state.supersede(batch);
      this.progress.note(`tianping anchor: tx ${batch.txHash} can no longer commit (${outcome.reason}); its items go into a new tx`);
      // Back to the front of the pool, in order (a root-only batch may hold millions: no spreading).
      const rest = pool.splice(0, pool.length);
      for (const item of batch.items) pool.push(item);
      for (const item of rest) pool.push(item);
      return;
    }
    await this.afterOutcome(batch, outcome);
  }

  private async afterOutcome(batch: Batch, outcome: Exclude<Outcome, { kind: 'superseded' }>): Promise<void> {
    if (outcome.kind === 'refused') {
      this.stopped = true;
      const { error } = outcome;
      this.refused.push({ txHash: batch.txHash, items: batch.items.length, code: error.code, message: error.message });
      this.progress.note(`tianping anchor: the node refused batch ${batch.b} (tx ${batch.txHash}, ${batch.items.length} items): `
        + `${error.message}. Nothing more is submitted; a rerun resubmits the same tx, or once it has expired `
        + `(${new Date(batch.expiresAtMs).toISOString()}) signs its items anew`);
      return;
    }
    const { view } = outcome;
    this.settler.sawBlockTime(view.blockTimeMs);
    batch.state = 'committed';
    batch.height = view.height;
    batch.txIndex = view.index;
    await this.journal.appendSynced({ type: 'committed', b: batch.b, height: view.height, txIndex: view.index, blockTimeMs: view.blockTimeMs });
    this.counts.committed += this.coveredBy(batch);
    await this.writeReceipts(batch);
  }

  /** Items the batch anchors: its own, and the files that share their digests. */
  private coveredBy(batch: Batch): number {
    let n = batch.items.length;
    for (const item of batch.items) n += this.state.followersOf(item).length;
    return n;
  }

  // ------------------------------------------------------------------ receipts

  /** One receipt file per item of a committed batch (and per file sharing an item's digest). */
  private async writeReceipts(batch: Batch): Promise<void> {
    let targets: { readonly item: Item; readonly carrier: Item }[] = [];
    for (const carrier of batch.items) {
      if (!carrier.receiptDone) targets.push({ item: carrier, carrier });
      for (const item of this.state.followersOf(carrier)) if (!item.receiptDone) targets.push({ item, carrier });
    }
    if (batch.committedEarlier) {
      // Receipts an interrupted run already wrote: their files were renamed into place whole.
      const missing: typeof targets = [];
      await forEachConcurrent(targets, RECEIPT_CONCURRENCY, async (target) => {
        if (await this.files.onDisk(target.item)) target.item.receiptDone = true;
        else missing.push(target);
      });
      targets = missing;
    }
    if (targets.length === 0) return;
    // One signed request per batch: the tx's inclusion proof, completed locally with each item's
    // path in the batch tree. For an indexed batch that is exactly the receipt the node serves per
    // digest, and asking the node item by item would cost a request and a whole batch tree each.
    const inclusion = await this.settler.retrying(() => this.member.txInclusion(batch.txHash));
    const tree = batchTree(batch.items.map((item) => fromHex(item.digest)!));
    const build = (carrier: Item): Receipt => {
      const index = carrier.indexInBatch!;
      return batchItemReceipt(inclusion, { digest: fromHex(carrier.digest)!, index, count: tree.itemCount, path: tree.path(index),
        algorithm: this.o.algorithm, salted: this.o.salted }, this.o.mode);
    };
    if (this.o.mode === 'indexed') {
      // The node's own receipt of one item (public route) must be the same bytes: a cheap check
      // that the local construction and the node agree before thousands of files are written.
      const first = targets[0]!.carrier;
      const served = await this.settler.retrying(() => this.client.receipt(first.digest, { algorithm: this.o.algorithm, tx: batch.txHash }));
      if (!equalBytes(encodeReceipt(served), encodeReceipt(build(first)))) {
        throw new CliError(`the node's receipt of ${first.name} (tx ${batch.txHash}) differs from the one built from its inclusion proof`);
      }
    }
    // The JSON of the parts every item shares (tx, header, commit, set changes, with their decoded
    // views) is made once; each item only swaps in its own digest and batch path. Same keys, same
    // order, same text as formatReceiptJson, which would decode the whole tx again for every item.
    const shared = receiptToJson(build(targets[0]!.carrier));
    await forEachConcurrent(targets, RECEIPT_CONCURRENCY, async ({ item, carrier }) => {
      const receipt = build(carrier);
      const json = { ...shared, digest: toHex(receipt.digest), batch: { itemIndex: receipt.batch!.itemIndex,
        itemCount: receipt.batch!.itemCount, path: receipt.batch!.path.map(toHex) } };
      await this.files.write(item, JSON.stringify(json, null, 2) + '\n');
      item.receiptDone = true;
      this.receiptsWritten++;
    });
  }

  private result(): BulkResult {
    const batches: BatchSummary[] = this.state.batches.map((batch) => ({
      txHash: batch.txHash, items: batch.items.length, status: batch.state, earlier: batch.committedEarlier,
      ...(batch.height === undefined ? {} : { height: batch.height }),
    }));
    const open = this.state.batches.some((batch) => batch.state === 'open');
    return {
      ok: this.refused.length === 0 && !open, chainId: this.chainId, mode: this.o.mode, algorithm: this.o.algorithm,
      category: this.o.category, salted: this.o.salted, batchSize: this.batchSize, receiptsDir: this.receiptsDir,
      journal: join(this.receiptsDir, JOURNAL_FILE),
      items: { total: this.counts.total, committed: this.counts.committed, duplicates: this.duplicates, receiptsWritten: this.receiptsWritten },
      changed: this.changed, skipped: this.skipped, batches, refused: this.refused,
    };
  }
}
