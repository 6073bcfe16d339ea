// The summary of bench:payouts and its last line, one JSON object of the figures.
import { percentile, round } from '../bench-lib.js';
import { fixed, P50_TARGET_MS } from './args.js';
import type { Results } from './run.js';

interface Spread {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 1),
  };
}

function derive(r: Results) {
  const reached = r.payouts.filter((p) => p.receivedAtMs !== undefined);
  const fromCommit = spread(reached.map((p) => p.receivedAtMs! - p.committedAtMs));
  const fromBlockTime = spread(reached.map((p) => p.receivedAtMs! - p.blockTimeMs));
  const paidOnce = r.payouts.filter((p) => p.debits === 1 && p.settled).length;
  const paidTwice = r.payouts.filter((p) => p.debits > 1).length;
  const unpaid = r.payouts.filter((p) => p.debits === 0).length;
  const misattributed = r.payouts.filter((p) => p.settled && !p.attributed).length;
  const p50Pass = fromCommit.count > 0 && fromCommit.p50 <= P50_TARGET_MS;
  const oncePass = paidOnce === r.payouts.length && paidTwice === 0;
  return {
    fromCommit, fromBlockTime, paidOnce, paidTwice, unpaid, misattributed,
    targets: {
      p50: { limitMs: P50_TARGET_MS, valueMs: fromCommit.p50, pass: p50Pass },
      exactlyOnce: { expected: r.payouts.length, paidOnce, paidTwice, pass: oncePass },
    },
    pass: p50Pass && oncePass,
  };
}

const spreadText = (s: Spread): string => `p50 ${fixed(s.p50)} ms, p99 ${fixed(s.p99)} ms, max ${fixed(s.max)} ms, mean ${fixed(s.mean)} ms (${s.count})`;

export function summaryLines(r: Results): string[] {
  const d = derive(r);
  const passText = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  return [
    `bench:payouts${r.args.quick ? ' --quick' : ''}: ${r.machine.cores} cores, ${r.machine.cpuModel}, Node ${r.machine.nodeVersion}`,
    `  ${r.cases} cases × ${r.args.receiptsPerCase} receipts at ${r.args.rate}/s, ${r.args.payees} payees each: ${r.payouts.length} payouts `
      + `(send lag max ${fixed(r.sendLagMaxMs)} ms, report commit wait max ${fixed(r.commitWaitMaxMs)} ms)`,
    `  commit seen → transfer request at the gateway: ${spreadText(d.fromCommit)}`,
    `  block time  → transfer request at the gateway: ${spreadText(d.fromBlockTime)}`,
    `  paid exactly once ${d.paidOnce}/${r.payouts.length}, twice or more ${d.paidTwice}, not paid ${d.unpaid}, `
      + `ordered by another block ${d.misattributed}; dispatcher errors ${r.dispatcherErrors}, refusals ${r.refusals}`,
    `  target p50 <= ${P50_TARGET_MS} ms: ${passText(d.targets.p50.pass)}; exactly once: ${passText(d.targets.exactlyOnce.pass)}`,
  ];
}

export function jsonLine(r: Results): string {
  const d = derive(r);
  return JSON.stringify({
    bench: 'payouts', quick: r.args.quick, machine: r.machine,
    params: { payouts: r.payouts.length, cases: r.cases, receipts: r.receipts, receiptsPerCase: r.args.receiptsPerCase, payees: r.args.payees,
      ratePerS: r.args.rate, amountFen: r.args.amountFen, validators: 4 },
    latencyMs: { fromCommitSeen: d.fromCommit, fromBlockTime: d.fromBlockTime },
    sendLagMaxMs: r.sendLagMaxMs, commitWaitMaxMs: r.commitWaitMaxMs,
    paidOnce: d.paidOnce, paidTwice: d.paidTwice, unpaid: d.unpaid, misattributed: d.misattributed,
    dispatcherErrors: r.dispatcherErrors, refusals: r.refusals,
    targets: d.targets, pass: d.pass,
  });
}
