// The end of a bench:batch run: the summary on stdout, pass/fail per target, and the JSON line.
import { round, type MachineInfo } from '../bench-lib.js';
import type { Args } from './args.js';
import {
  fixed, ITEMS_PER_BATCH, passText, seconds, sum, TARGET_DISK_BYTES_PER_ITEM, TARGET_INDEXED_RECORDS_PER_SEC,
  TARGET_ROOT_ONLY_ITEMS_PER_SEC, VALIDATORS,
} from './common.js';
import { DISK_CONNECTIONS, type DiskResult } from './disk.js';
import type { LoadResult } from './load.js';
import { summarizeTimes, type ReceiptsResult, type VerifyResult } from './receipts.js';
import type { RootOnlyResult } from './root-only.js';

/** Above this share of one core used by other processes, the figures are flagged as disturbed. */
const OTHER_CPU_WARN_PERCENT = 20;

export interface Results {
  readonly load: LoadResult | undefined;
  /** Why the load phase has no figures: the chain stopped committing under it. */
  readonly loadFailure: string | undefined;
  readonly root: RootOnlyResult | undefined;
  readonly receipts: ReceiptsResult | undefined;
  readonly verify: VerifyResult | undefined;
  /** The same receipts with their batch path dropped (allowed for indexed batches). */
  readonly verifyNoPath: VerifyResult | undefined;
  readonly disk: DiskResult | undefined;
  readonly unclean: readonly string[];
}

/** Figures derived from the CPU percentages of the load and root-only phases. */
interface CpuFigures {
  readonly nodeMsPer1000: number;
  readonly clientMsPer1000: number;
  readonly projectedIdle: number;
  readonly loadOther: number;
  readonly rootOther: number;
}

type Target = { target: number; value: number; pass: boolean };

function cpuFigures(machine: MachineInfo, load: LoadResult | undefined, root: RootOnlyResult | undefined): CpuFigures {
  // CPU time per committed record hardly depends on what else runs: the figure to compare runs by
  // on a shared machine, and what the machine could commit if the chain had it to itself.
  const nodeCpu = load?.cpu === undefined ? Number.NaN : sum(load.cpu.nodes);
  const nodeMsPer1000 = load === undefined ? Number.NaN : (nodeCpu * 10 * 1000) / load.committedRecordsPerSec;
  const clientMsPer1000 = load === undefined ? Number.NaN : ((load.cpu?.client ?? Number.NaN) * 10 * 1000) / load.committedRecordsPerSec;
  const projectedIdle = load === undefined || load.committedRecordsPerSec <= 0 ? Number.NaN
    : (machine.cores * 1000 * 1000) / (nodeMsPer1000 + clientMsPer1000);
  const loadOther = load?.cpu === undefined ? Number.NaN : load.cpu.machine - load.cpu.client - nodeCpu;
  const rootOther = root === undefined ? Number.NaN : root.cpu.machine - root.cpu.client - sum(root.cpu.nodes);
  return { nodeMsPer1000, clientMsPer1000, projectedIdle, loadOther, rootOther };
}

function loadLines(load: LoadResult, machine: MachineInfo, f: CpuFigures): string[] {
  const refused = Object.entries(load.refused).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  return [
    `  indexed batches         ${fixed(load.committedRecordsPerSec)} records/s committed  (${ITEMS_PER_BATCH} items per batch; steady `
      + `${seconds(load.windowMs)}, ${load.windowBlocks} blocks, ${fixed(load.meanBlockIntervalMs)} ms apart, `
      + `${fixed(load.meanBatchesPerBlock, 1)} batches/block, max ${load.maxBatchesPerBlock}; ${load.laterRoundBlocks} committed `
      + `after round 0, highest round ${load.maxRound})`,
    `    accepted by the APIs  ${fixed(load.acceptedRecordsPerSec)} records/s  (${load.acceptedBatches} of ${load.submittedBatches} batches; `
      + `MEMPOOL_FULL ${load.mempoolFullAnswers}; backlog pauses ${load.backlogPauses}; refused: ${refused}`
      + `${load.ranOutOfTxs ? '; RAN OUT OF PRE-SIGNED BATCHES' : ''}; drain ${seconds(load.drainMs)}${load.drained ? '' : ' (not drained)'})`,
    `    CPU in the window     nodes ${load.cpu?.nodes.map((p) => `${fixed(p)}%`).join(' ') ?? 'n/a'}, bench client `
      + `${fixed(load.cpu?.client ?? Number.NaN)}%, machine ${fixed(load.cpu?.machine ?? Number.NaN)}% of ${machine.cores * 100}%; `
      + `other processes ${fixed(f.loadOther)}%`,
    `    CPU per 1,000 records ${fixed(f.nodeMsPer1000, 1)} ms in all validators (${fixed(f.nodeMsPer1000 / VALIDATORS, 1)} ms each), `
      + `${fixed(f.clientMsPer1000, 1)} ms in the client: ${fixed(f.projectedIdle)} records/s if this machine ran nothing else`,
  ];
}

function rootLines(root: RootOnlyResult, machine: MachineInfo, f: CpuFigures): string[] {
  return [
    `  root-only end to end    ${fixed(root.itemsPerSec)} items/s  (${root.items} items in ${seconds(root.endToEndMs)}, ${root.threads} thread(s))`,
    `    stages                tree ${seconds(root.treeMs)} (leaf hashes ${seconds(root.leafMs)}), tx ${seconds(root.txMs)}, `
      + `commit ${seconds(root.commitMs)} (height ${root.height}), inclusion proof ${seconds(root.inclusionMs)}, `
      + `receipts ${seconds(root.receiptsMs)} (build ${seconds(root.receiptsBuildMs)}, waiting for writes ${seconds(root.receiptsWriteMs)}, `
      + `fsync ${seconds(root.receiptsFsyncMs)}, slowest thread); threads started in ${seconds(root.workerStartMs)} before (not counted)`,
    `    receipts on disk      protobuf Receipt, each preceded by its varint length, in ${root.files} files: `
      + `${fixed(root.fileBytes / 2 ** 20)} MiB, ${fixed(root.bytesPerReceipt)} bytes per receipt; ${root.framesCounted} counted back`,
    `    read back             ${root.sampleValid}/${root.sampleChecked} valid (verifyReceipt), ${root.sameAsSdk}/${root.sampleChecked} `
      + `byte for byte as rootOnlyReceipt + encodeReceipt; check took ${seconds(root.checkMs)} (not counted); `
      + `digests made in ${seconds(root.digestsMs)} (input, not counted)`,
    `    CPU end to end        bench process ${fixed(root.cpu.client)}% (all its threads), nodes `
      + `${root.cpu.nodes.map((p) => `${fixed(p)}%`).join(' ')}, machine ${fixed(root.cpu.machine)}% of ${machine.cores * 100}%, `
      + `other processes ${fixed(f.rootOther)}%`,
  ];
}

function receiptsLines(receipts: ReceiptsResult): string[] {
  const errors = Object.entries(receipts.errors).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  return [
    `  receipts served         ${fixed(receipts.servedPerSec, 1)} receipts/s  (GET /v1/evidence/:digest/receipt, JSON, ${receipts.clients} `
      + `clients over ${VALIDATORS} nodes, ${seconds(receipts.windowMs)}; p50 ${fixed(receipts.p50Ms)} ms, p99 ${fixed(receipts.p99Ms)} ms; `
      + `${fixed(receipts.meanBytes)} bytes each; errors: ${errors})`,
    `    CPU                   nodes ${receipts.cpu.nodes.map((p) => `${fixed(p)}%`).join(' ')}, bench client ${fixed(receipts.cpu.client)}%: `
      + `${fixed((sum(receipts.cpu.nodes) * 10) / receipts.servedPerSec, 1)} ms of node CPU per receipt`,
  ];
}

function verifyLines(r: Results, rootVerify: VerifyResult | undefined): string[] {
  const { verify, root } = r;
  const lines: string[] = [];
  if (verify !== undefined) {
    lines.push(`  offline verification    p50 ${fixed(verify.p50Ms, 2)} ms, mean ${fixed(verify.meanMs, 2)} ms, p99 ${fixed(verify.p99Ms, 2)} ms `
      + `per receipt  (verifyReceipt, noble; ${verify.receipts} receipts of indexed batches, ${verify.valid} valid)`);
  }
  if (r.verifyNoPath !== undefined) {
    lines.push(`    without batch path    p50 ${fixed(r.verifyNoPath.p50Ms, 2)} ms, mean ${fixed(r.verifyNoPath.meanMs, 2)} ms per receipt `
      + `(the same receipts, path dropped as an indexed batch allows: no batch tree to rebuild; ${r.verifyNoPath.valid} valid)`);
  }
  if (rootVerify !== undefined) {
    lines.push(`    root-only receipts    p50 ${fixed(rootVerify.p50Ms, 2)} ms, mean ${fixed(rootVerify.meanMs, 2)} ms per receipt `
      + `(${rootVerify.receipts} of the ${root?.items} written, ${rootVerify.valid} valid)`);
  }
  return lines;
}

function diskLines(disk: DiskResult): string[] {
  return [
    `  disk per indexed item   ${fixed(disk.bytesPerItem, 1)} bytes  (dev node, ${disk.items} items in ${disk.batches} batches, height `
      + `${disk.height}; data dir ${disk.baselineBytes} → ${disk.afterBytes} bytes, both compacted; `
      + `${fixed(disk.bytesPerItemUncompacted, 1)} bytes before compaction; the batch txs alone are ${fixed(disk.txBytesPerItem, 1)} bytes per item)`,
    `    anchoring             ${fixed((disk.items * 1000) / disk.anchorMs)} records/s on one dev node (?wait=commit, ${DISK_CONNECTIONS} connections); `
      + `compaction ${seconds(disk.compactMs)}`,
  ];
}

/** Pass/fail of each target the phases run measured, and its line of the summary. */
function targetsOf(r: Results): { targets: Record<string, Target>; lines: string[] } {
  const { load, root, disk } = r;
  const lines: string[] = [];
  const targets: Record<string, Target> = {};
  if (load !== undefined || r.loadFailure !== undefined) {
    const value = load?.committedRecordsPerSec ?? 0;
    targets['indexedRecordsPerSec'] = { target: TARGET_INDEXED_RECORDS_PER_SEC, value: round(value), pass: value >= TARGET_INDEXED_RECORDS_PER_SEC };
    lines.push(`  target indexed >= ${TARGET_INDEXED_RECORDS_PER_SEC} records/s      ${passText(targets['indexedRecordsPerSec'].pass)}`);
  }
  if (root !== undefined) {
    const pass = root.itemsPerSec >= TARGET_ROOT_ONLY_ITEMS_PER_SEC && root.sampleValid === root.sampleChecked
      && root.framesCounted === root.items;
    targets['rootOnlyItemsPerSec'] = { target: TARGET_ROOT_ONLY_ITEMS_PER_SEC, value: round(root.itemsPerSec), pass };
    lines.push(`  target root-only >= ${TARGET_ROOT_ONLY_ITEMS_PER_SEC} items/s     ${passText(pass)}`
      + `${root.sampleValid === root.sampleChecked ? '' : ' (receipts INVALID)'}`);
  }
  if (disk !== undefined) {
    targets['diskBytesPerItem'] = { target: TARGET_DISK_BYTES_PER_ITEM, value: round(disk.bytesPerItem, 1),
      pass: disk.bytesPerItem <= TARGET_DISK_BYTES_PER_ITEM };
    lines.push(`  target disk <= ${TARGET_DISK_BYTES_PER_ITEM} bytes per indexed item  ${passText(targets['diskBytesPerItem'].pass)}`);
  }
  return { targets, lines };
}

export function report(args: Args, machine: MachineInfo, r: Results): void {
  const { load, root, receipts, disk } = r;
  const rootVerify = root === undefined ? undefined : summarizeTimes(root.sampleVerifyMs, root.sampleValid);
  const f = cpuFigures(machine, load, root);
  const lines = ['', `bench:batch  ${VALIDATORS} validators, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.nodeVersion}`
    + `${args.quick ? ', --quick' : ''}`, ''];
  if (load !== undefined) lines.push(...loadLines(load, machine, f));
  if (r.loadFailure !== undefined) lines.push(`  indexed batches         0 records/s: ${r.loadFailure.replace(/\n/g, '\n    ')}`);
  if (root !== undefined) lines.push(...rootLines(root, machine, f));
  if (receipts !== undefined) lines.push(...receiptsLines(receipts));
  lines.push(...verifyLines(r, rootVerify));
  if (disk !== undefined) lines.push(...diskLines(disk));
  if (r.unclean.length > 0) lines.push(`  ${r.unclean.length} validator(s) did not stop cleanly: ${r.unclean.join(', ')}`);
  lines.push('');
  const busiest = Math.max(Number.isFinite(f.loadOther) ? f.loadOther : 0, Number.isFinite(f.rootOther) ? f.rootOther : 0);
  if (busiest > OTHER_CPU_WARN_PERCENT) {
    lines.push(`  WARNING: other processes used up to ${fixed(busiest)}% of a core while measuring: the throughput figures `
      + 'understate the node and the SDK; compare runs by CPU per record, or rerun on an idle machine', '');
  }
  const { targets, lines: targetLines } = targetsOf(r);
  lines.push(...targetLines, '');
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(jsonLine(args, machine, r, f, rootVerify, targets) + '\n');
}

/** The last line of the run: every figure, machine-readable. */
function jsonLine(args: Args, machine: MachineInfo, r: Results, f: CpuFigures, rootVerify: VerifyResult | undefined,
  targets: Readonly<Record<string, Target>>): string {
  const { load, root, receipts, verify, disk } = r;
  return JSON.stringify({
    bench: 'batch', quick: args.quick, phases: [...args.phases], validators: VALIDATORS, itemsPerBatch: ITEMS_PER_BATCH,
    cores: machine.cores, cpuModel: machine.cpuModel, node: machine.nodeVersion,
    indexedStalled: r.loadFailure,
    indexed: load === undefined ? undefined : {
      loadSeconds: args.loadSeconds, connectionsPerValidator: args.connections,
      committedRecordsPerSec: round(load.committedRecordsPerSec), acceptedRecordsPerSec: round(load.acceptedRecordsPerSec),
      windowMs: round(load.windowMs), windowBlocks: load.windowBlocks, meanBlockIntervalMs: round(load.meanBlockIntervalMs),
      meanBatchesPerBlock: round(load.meanBatchesPerBlock, 1), maxBatchesPerBlock: load.maxBatchesPerBlock,
      laterRoundBlocks: load.laterRoundBlocks, maxRound: load.maxRound,
      acceptedBatches: load.acceptedBatches, submittedBatches: load.submittedBatches, mempoolFullAnswers: load.mempoolFullAnswers,
      refused: load.refused, ranOutOfTxs: load.ranOutOfTxs, drainMs: round(load.drainMs),
      nodeCpuPercent: load.cpu?.nodes, clientCpuPercent: load.cpu?.client, machineCpuPercent: load.cpu?.machine,
      otherCpuPercent: round(f.loadOther), nodeCpuMsPer1000Records: round(f.nodeMsPer1000, 1),
      clientCpuMsPer1000Records: round(f.clientMsPer1000, 1), projectedIdleRecordsPerSec: round(f.projectedIdle),
    },
    rootOnly: root === undefined ? undefined : {
      items: root.items, threads: root.threads, itemsPerSec: round(root.itemsPerSec), endToEndMs: round(root.endToEndMs),
      stagesMs: { tree: round(root.treeMs), leafHashes: round(root.leafMs), tx: round(root.txMs, 1), commit: round(root.commitMs),
        inclusion: round(root.inclusionMs), receipts: round(root.receiptsMs), receiptsBuild: round(root.receiptsBuildMs),
        receiptsWrite: round(root.receiptsWriteMs), receiptsFsync: round(root.receiptsFsyncMs) },
      format: 'protobuf Receipt, varint length-delimited', files: root.files, fileBytes: root.fileBytes,
      bytesPerReceipt: round(root.bytesPerReceipt, 1), receiptsCounted: root.framesCounted,
      sampleChecked: root.sampleChecked, sampleValid: root.sampleValid, sampleSameAsSdk: root.sameAsSdk,
      sampleVerifyP50Ms: round(rootVerify?.p50Ms ?? Number.NaN, 3), sampleVerifyMeanMs: round(rootVerify?.meanMs ?? Number.NaN, 3),
      benchCpuPercent: root.cpu.client, nodeCpuPercent: root.cpu.nodes, machineCpuPercent: root.cpu.machine, otherCpuPercent: round(f.rootOther),
    },
    receipts: receipts === undefined ? undefined : {
      clients: receipts.clients, windowMs: round(receipts.windowMs), served: receipts.served, servedPerSec: round(receipts.servedPerSec, 1),
      p50Ms: round(receipts.p50Ms), p99Ms: round(receipts.p99Ms), meanBytes: round(receipts.meanBytes), errors: receipts.errors,
      nodeCpuPercent: receipts.cpu.nodes, clientCpuPercent: receipts.cpu.client,
    },
    verify: verify === undefined ? undefined : {
      receipts: verify.receipts, valid: verify.valid, p50Ms: round(verify.p50Ms, 3), meanMs: round(verify.meanMs, 3), p99Ms: round(verify.p99Ms, 3),
      withoutPathP50Ms: round(r.verifyNoPath?.p50Ms ?? Number.NaN, 3), withoutPathMeanMs: round(r.verifyNoPath?.meanMs ?? Number.NaN, 3),
    },
    disk: disk === undefined ? undefined : {
      items: disk.items, batches: disk.batches, bytesPerItem: round(disk.bytesPerItem, 1),
      bytesPerItemUncompacted: round(disk.bytesPerItemUncompacted, 1), txBytesPerItem: round(disk.txBytesPerItem, 1),
      baselineBytes: disk.baselineBytes, afterBytes: disk.afterBytes, anchorMs: round(disk.anchorMs), compactMs: round(disk.compactMs),
      height: disk.height,
    },
    targets,
  });
}
