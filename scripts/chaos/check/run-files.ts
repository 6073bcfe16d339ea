// The run directory's logs, read strictly: a line that does not parse or lacks a field is a
// failure of the run (the runner writes whole lines), never skipped in silence.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Findings } from './findings.js';

export const ACKS_FILE = 'acks.jsonl';
export const FAULTS_FILE = 'faults.jsonl';
export const HEIGHTS_FILE = 'heights.jsonl';

/** One anchor the API answered "committed" for. Hashes and the digest are lowercase hex. */
export interface Ack {
  readonly txHash: string;
  readonly digest: string;
  readonly height: number;
  readonly blockHash: string;
  readonly node: string;
  readonly submittedAtMs: number;
  readonly ackedAtMs: number;
}

export interface FaultStart {
  readonly id: string;
  readonly atMs: number;
  readonly kind: string;
  readonly nodes: readonly string[];
  readonly detail: unknown;
}

export interface FaultHeal {
  readonly id: string;
  readonly healedAtMs: number;
  /** When the chain was seen to move again; null when it never was. */
  readonly recoveredAtMs: number | null;
}

export interface HeightSeen {
  readonly node: string;
  readonly height: number;
  readonly seenAtMs: number;
}

export interface RunLogs {
  readonly acks: readonly Ack[];
  readonly faults: readonly FaultStart[];
  readonly heals: readonly FaultHeal[];
  readonly heights: readonly HeightSeen[];
}

type Line = Record<string, unknown>;

function lines(dir: string, file: string, findings: Findings, required: boolean): Line[] {
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (required) findings.fail(`${file}: missing from the run directory`);
    return [];
  }
  const out: Line[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      out.push(value as Line);
    } catch (error) {
      findings.fail(`${file} line ${index + 1}: not a JSON object (${(error as Error).message})`);
    }
  });
  return out;
}

const isHex = (value: unknown, bytes: number): value is string =>
  typeof value === 'string' && value.length === bytes * 2 && /^[0-9a-f]+$/.test(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isHeight = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

function ackOf(line: Line): Ack | undefined {
  const { txHash, digest, height, blockHash, node, submittedAtMs, ackedAtMs } = line;
  const lower = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);
  const ack = { txHash: lower(txHash), digest: lower(digest), height, blockHash: lower(blockHash), node, submittedAtMs, ackedAtMs };
  if (!isHex(ack.txHash, 32) || !isHex(ack.digest, 32) || !isHeight(height) || !isHex(ack.blockHash, 32)
    || typeof node !== 'string' || !isTime(submittedAtMs) || !isTime(ackedAtMs)) return undefined;
  return ack as Ack;
}

export function readRunLogs(dir: string, findings: Findings): RunLogs {
  const acks: Ack[] = [];
  lines(dir, ACKS_FILE, findings, true).forEach((line, index) => {
    const ack = ackOf(line);
    if (ack === undefined) findings.fail(`${ACKS_FILE} entry ${index + 1}: not {txHash, digest, height, blockHash, node, submittedAtMs, ackedAtMs}`);
    else acks.push(ack);
  });
  const faults: FaultStart[] = [];
  const heals: FaultHeal[] = [];
  lines(dir, FAULTS_FILE, findings, false).forEach((line, index) => {
    const id = typeof line['id'] === 'string' || typeof line['id'] === 'number' ? String(line['id']) : undefined;
    if (id !== undefined && isTime(line['healedAtMs'])) {
      const recovered = line['recoveredAtMs'];
      if (recovered === null || recovered === undefined || isTime(recovered)) {
        heals.push({ id, healedAtMs: line['healedAtMs'], recoveredAtMs: recovered ?? null });
        return;
      }
    } else if (id !== undefined && isTime(line['atMs']) && typeof line['kind'] === 'string') {
      const nodes = Array.isArray(line['nodes']) ? line['nodes'].map(String) : [];
      faults.push({ id, atMs: line['atMs'], kind: line['kind'], nodes, detail: line['detail'] });
      return;
    }
    findings.fail(`${FAULTS_FILE} entry ${index + 1}: neither a fault {id, atMs, kind, nodes} nor a heal {id, healedAtMs, recoveredAtMs}`);
  });
  const heights: HeightSeen[] = [];
  lines(dir, HEIGHTS_FILE, findings, false).forEach((line, index) => {
    const { node, height, seenAtMs } = line;
    if (typeof node === 'string' && isHeight(height) && isTime(seenAtMs)) heights.push({ node, height, seenAtMs });
    else findings.fail(`${HEIGHTS_FILE} entry ${index + 1}: not {node, height, seenAtMs}`);
  });
  findings.set('acks', acks.length);
  findings.set('faults', faults.length);
  findings.set('heals', heals.length);
  if (acks.length === 0) findings.fail(`${ACKS_FILE}: no anchor was acked, so the run proves nothing`);
  return { acks, faults, heals, heights };
}
