// tsx scripts/heap-snapshot-diff.ts A.heapsnapshot B.heapsnapshot [--top N]: what a node's JS heap
// gained between two snapshots of one process (docs/reliability.md, "What grew, and what was
// fixed"). Take them with NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2 and `kill -USR2 PID` (V8
// collects garbage before it writes one). Printed: the growth by constructor (count, bytes), by
// owner (the retained bytes of each object charged to its nearest dominator that is an instance of
// a named class, e.g. MessageDeliveries or Mempool), and the largest objects of B by retained size
// with a retainer path. An owner that grows between snapshots taken minutes apart under a steady
// load is the lead; time-windowed caches move with the message rate and must be told apart.
import { readFileSync } from 'node:fs';

interface Snapshot {
  readonly count: number;
  type(i: number): string;
  name(i: number): string;
  size(i: number): number;
  /** Outgoing edges of node i as [edge name, target, strong]. */
  edges(i: number): Iterable<[string, number, boolean]>;
  /** Incoming strong edges of node i as [source, edge name]. */
  retainers(i: number): Iterable<[number, string]>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function load(file: string): Snapshot {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const { node_fields: nf, edge_fields: ef, node_types: [nodeTypes], edge_types: [edgeTypes] } = raw.snapshot.meta;
  const [N, E] = [nf.length, ef.length];
  const [iType, iName, iSize, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f)) as [number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f)) as [number, number, number];
  const { nodes, edges, strings } = raw;
  const count = nodes.length / N;
  const first = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) first[i + 1] = first[i]! + nodes[i * N + iEdges]! * E;
  const strong = (e: number): boolean => !['weak', 'shortcut'].includes(edgeTypes[edges[e + eType]!]!);
  const edgeName = (e: number): string => {
    const kind = edgeTypes[edges[e + eType]!];
    const value = edges[e + eName]!;
    return kind === 'element' || kind === 'hidden' ? `[${value}]` : strings[value]!;
  };
  // Incoming edges, in one pass: counts, offsets, then fill.
  const inStart = new Uint32Array(count + 1);
  for (let e = 0; e < edges.length; e += E) inStart[edges[e + eTo]! / N + 1]!++;
  for (let i = 0; i < count; i++) inStart[i + 1]! += inStart[i]!;
  const inFrom = new Uint32Array(inStart[count]!);
  const inEdge = new Uint32Array(inStart[count]!);
  const fill = inStart.slice();
  for (let i = 0; i < count; i++) {
    for (let e = first[i]!; e < first[i + 1]!; e += E) {
      const to = edges[e + eTo]! / N;
      inFrom[fill[to]!] = i;
      inEdge[fill[to]!++] = e;
    }
  }
  return {
    count,
    type: (i) => nodeTypes[nodes[i * N + iType]!]!,
    name: (i) => strings[nodes[i * N + iName]!]!,
    size: (i) => nodes[i * N + iSize]!,
    *edges(i) {
      for (let e = first[i]!; e < first[i + 1]!; e += E) yield [edgeName(e), edges[e + eTo]! / N, strong(e)];
    },
    *retainers(i) {
      for (let r = inStart[i]!; r < inStart[i + 1]!; r++) if (strong(inEdge[r]!)) yield [inFrom[r]!, edgeName(inEdge[r]!)];
    },
  };
}

/** Immediate dominators (Cooper, Harvey and Kennedy) and retained sizes, from the root (node 0). */
function dominators(s: Snapshot): { idom: Int32Array; retained: Float64Array; postorder: Int32Array } {
  const order = new Int32Array(s.count).fill(-1);
  const postorder = new Int32Array(s.count);
  let done = 0;
  const stack: [number, Iterator<[string, number, boolean]>][] = [[0, s.edges(0)[Symbol.iterator]()]];
  const seen = new Uint8Array(s.count);
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top[1].next();
    if (next.done === true) {
      order[top[0]] = done;
      postorder[done++] = top[0];
      stack.pop();
    } else if (next.value[2] && seen[next.value[1]] === 0) {
      seen[next.value[1]] = 1;
      stack.push([next.value[1], s.edges(next.value[1])[Symbol.iterator]()]);
    }
  }
  const idom = new Int32Array(s.count).fill(-1);
  idom[0] = 0;
  const meet = (a: number, b: number): number => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = done - 2; k >= 0; k--) {
      const v = postorder[k]!;
      let d = -1;
      for (const [p] of s.retainers(v)) if (order[p]! >= 0 && idom[p]! >= 0) d = d < 0 ? p : meet(p, d);
      if (d >= 0 && idom[v] !== d) [idom[v], changed] = [d, true];
    }
  }
  const retained = new Float64Array(s.count);
  for (let k = 0; k < done; k++) {
    const v = postorder[k]!;
    retained[v]! += s.size(v);
    if (v !== 0) retained[idom[v]!]! += retained[v]!;
  }
  return { idom, retained, postorder: postorder.subarray(0, done) };
}

const label = (s: Snapshot, i: number): string => {
  const type = s.type(i);
  if (type.includes('string')) return 'string';
  return `${type}:${s.name(i).slice(0, 60)}`;
};

/** Up to `depth` strong retainers, preferring ones that are not V8 internals. */
function retainerPath(s: Snapshot, i: number, depth = 6): string {
  const parts: string[] = [];
  const visited = new Set([i]);
  let at = i;
  for (let d = 0; d < depth; d++) {
    let best: [number, string] | undefined;
    for (const [from, edge] of s.retainers(at)) {
      if (visited.has(from)) continue;
      if (best === undefined || (s.type(best[0]) === 'hidden' && s.type(from) !== 'hidden')) best = [from, edge];
    }
    if (best === undefined || s.type(best[0]) === 'synthetic') break;
    parts.push(`${s.name(best[0]).slice(0, 40)}.${best[1]}`);
    visited.add(best[0]);
    at = best[0];
  }
  return parts.join(' < ');
}

const GENERIC = new Set(['Object', 'Array', 'Map', 'Set', 'WeakMap', 'Promise', 'Uint8Array', 'Buffer', 'ArrayBuffer', '']);

/** Self sizes summed per owner: the nearest dominator that is an instance of a named class. */
function byOwner(s: Snapshot, idom: Int32Array, postorder: Int32Array): Map<string, number> {
  const owner = new Int32Array(s.count).fill(-1);
  const out = new Map<string, number>();
  for (let k = postorder.length - 1; k >= 0; k--) {
    const v = postorder[k]!;
    if (v === 0) continue;
    const named = s.type(v) === 'object' && !GENERIC.has(s.name(v)) && !s.name(v).startsWith('system');
    owner[v] = named ? v : idom[v] === 0 ? -1 : owner[idom[v]!]!;
    const key = owner[v]! < 0 ? '(no named owner)' : s.name(owner[v]!);
    out.set(key, (out.get(key) ?? 0) + s.size(v));
  }
  return out;
}

function byConstructor(s: Snapshot): Map<string, { n: number; bytes: number }> {
  const out = new Map<string, { n: number; bytes: number }>();
  for (let i = 0; i < s.count; i++) {
    const entry = out.get(label(s, i)) ?? { n: 0, bytes: 0 };
    entry.n++;
    entry.bytes += s.size(i);
    out.set(label(s, i), entry);
  }
  return out;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0).padStart(7)} KiB`;

function printGrowth<T>(title: string, a: Map<string, T>, b: Map<string, T>, bytesOf: (v: T | undefined) => number,
  top: number, extra: (x: T | undefined, y: T | undefined) => string = () => ''): void {
  console.log(`--- ${title}`);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const rows = keys.map((k) => ({ k, d: bytesOf(b.get(k)) - bytesOf(a.get(k)) })).sort((x, y) => y.d - x.d);
  for (const { k, d } of rows.slice(0, top)) {
    console.log(`${kib(d)}  ${kib(bytesOf(a.get(k)))} -> ${kib(bytesOf(b.get(k)))}${extra(a.get(k), b.get(k))}  ${k}`);
  }
}

function main(argv: readonly string[]): void {
  const files = argv.filter((a) => !a.startsWith('--'));
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  if (topAt >= 0) files.splice(files.indexOf(argv[topAt + 1]!), 1);
  if (files.length !== 2 || !Number.isInteger(top) || top < 1) {
    console.error('usage: tsx scripts/heap-snapshot-diff.ts A.heapsnapshot B.heapsnapshot [--top N]');
    process.exit(2);
  }
  const [a, b] = files.map(load) as [Snapshot, Snapshot];
  const [da, db] = [dominators(a), dominators(b)];
  console.log(`heap: ${(da.retained[0]! / 1e6).toFixed(1)} MB -> ${(db.retained[0]! / 1e6).toFixed(1)} MB, `
    + `${a.count} -> ${b.count} objects`);
  printGrowth('growth by constructor (self bytes)', byConstructor(a), byConstructor(b), (v) => v?.bytes ?? 0, top,
    (x, y) => `  ${String(y?.n ?? 0).padStart(8)} n (${(y?.n ?? 0) - (x?.n ?? 0) >= 0 ? '+' : ''}${(y?.n ?? 0) - (x?.n ?? 0)})`);
  printGrowth('growth by owner (nearest named dominator)', byOwner(a, da.idom, da.postorder), byOwner(b, db.idom, db.postorder),
    (v) => v ?? 0, top);
  console.log('--- largest objects of B by retained size');
  const largest = [...db.postorder].filter((v) => v !== 0 && b.type(v) !== 'synthetic')
    .sort((x, y) => db.retained[y]! - db.retained[x]!).slice(0, top);
  for (const v of largest) console.log(`${kib(db.retained[v]!)}  ${label(b, v)}  @ ${retainerPath(b, v)}`);
}

main(process.argv.slice(2));
