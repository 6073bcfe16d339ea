// Network namespaces for a chaos run (root only): one namespace per node with its own address on
// 10.231.<slot>.0/24, a veth pair per node into one bridge in the root namespace (which holds
// 10.231.<slot>.1, where the load and the observers come from). Links between nodes are cut with
// nftables rules inside the namespaces, so the API stays reachable from the bridge address.
// Everything made here is named tpc<slot>...; remove() deletes it, also what a crashed run left.
// A chaos run takes slot seed % 250 (CHAOS_SLOTS); the slots above are for tests that need
// namespaces of their own beside a chaos run (test/e2e/deployment.test.ts takes 250).
import { execFileSync, spawnSync } from 'node:child_process';

export const SUBNET_FIRST_OCTETS = '10.231';
const FIRST_NODE_OCTET = 10;
const NFT_TABLE = 'tpchaos';
/** Slots 0..CHAOS_SLOTS-1 belong to chaos runs (seed % CHAOS_SLOTS); up to SLOT_MAX to tests. */
export const CHAOS_SLOTS = 250;
const SLOT_MAX = 254;

export class NetnsError extends Error {
  override name = 'NetnsError';
}

export interface Netns {
  readonly slot: number;
  readonly bridge: string;
  /** The root namespace's address on the bridge. */
  readonly hostAddress: string;
  /** Per node (in layout order): namespace name and address. */
  readonly nodes: readonly { readonly namespace: string; readonly address: string }[];
}

/** A blocked link: packets from `from` to `to` are dropped; `both` drops the reverse too. */
export interface Block {
  readonly from: string;
  readonly to: string;
  readonly both: boolean;
}

/**
 * Root, and the commands present (ip, and nft for cut links): namespaces can be used. A caller
 * that never cuts links names the commands it does use instead.
 */
export function netnsAvailable(tools: readonly string[] = ['ip', 'nft']): { ok: true } | { ok: false; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'not root' };
  for (const tool of tools) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error !== undefined) return { ok: false, why: `no ${tool} command` };
  }
  return { ok: true };
}

/** The names and addresses a run with this slot uses (no side effects). */
export function planNetns(slot: number, count: number): Netns {
  if (!Number.isInteger(slot) || slot < 0 || slot > SLOT_MAX) throw new NetnsError(`slot must be 0..${SLOT_MAX}, got ${slot}`);
  const prefix = `${SUBNET_FIRST_OCTETS}.${slot}`;
  return {
    slot, bridge: `tpc${slot}br`, hostAddress: `${prefix}.1`,
    nodes: Array.from({ length: count }, (_, index) => ({
      namespace: `tpc${slot}n${index}`, address: `${prefix}.${FIRST_NODE_OCTET + index}`,
    })),
  };
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes the bridge, the namespaces and the veth pairs; on failure removes what it made. */
export function createNetns(net: Netns): void {
  removeNetns(net);
  try {
    ip('link', 'add', net.bridge, 'type', 'bridge');
    ip('addr', 'add', `${net.hostAddress}/24`, 'dev', net.bridge);
    ip('link', 'set', net.bridge, 'up');
    net.nodes.forEach(({ namespace, address }, index) => {
      const hostSide = `tpc${net.slot}v${index}`;
      ip('netns', 'add', namespace);
      ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace);
      ip('link', 'set', hostSide, 'master', net.bridge, 'up');
      ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', namespace, 'link', 'set', 'eth0', 'up');
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
    });
  } catch (error) {
    removeNetns(net);
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    throw new NetnsError(`could not make the network namespaces: ${(error as Error).message} ${stderr}`);
  }
}

/** Deletes the namespaces (their veth ends go with them) and the bridge; quiet about absent ones. */
export function removeNetns(net: Netns): void {
  for (const { namespace } of net.nodes) spawnSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' });
  spawnSync('ip', ['link', 'del', net.bridge], { stdio: 'ignore' });
}

/** argv prefix that runs a command inside node K's namespace. */
export function inNamespace(net: Netns, index: number): string[] {
  const node = net.nodes[index];
  if (node === undefined) throw new NetnsError(`no namespace for node ${index}`);
  return ['ip', 'netns', 'exec', node.namespace];
}

/**
 * Replaces every namespace's rules with the given blocks (an empty list heals): node K's output
 * chain drops what K may not send, its input chain what K may not receive. addressOf maps names.
 */
export function applyBlocks(net: Netns, names: readonly string[], blocks: readonly Block[]): void {
  names.forEach((name, index) => {
    const addressOf = (other: string): string => net.nodes[names.indexOf(other)]!.address;
    const dropOut = blocks.filter((b) => b.from === name).map((b) => addressOf(b.to))
      .concat(blocks.filter((b) => b.both && b.to === name).map((b) => addressOf(b.from)));
    const dropIn = blocks.filter((b) => b.to === name).map((b) => addressOf(b.from))
      .concat(blocks.filter((b) => b.both && b.from === name).map((b) => addressOf(b.to)));
    const namespace = net.nodes[index]!.namespace;
    // "add table; delete table; add table {…}" replaces the rules in one transaction, existing or not.
    const script = [`add table inet ${NFT_TABLE}`, `delete table inet ${NFT_TABLE}`];
    if (dropOut.length > 0 || dropIn.length > 0) {
      script.push(`table inet ${NFT_TABLE} {`,
        '  chain output { type filter hook output priority 0; policy accept;',
        dropOut.length > 0 ? `    ip daddr { ${[...new Set(dropOut)].join(', ')} } drop` : '', '  }',
        '  chain input { type filter hook input priority 0; policy accept;',
        dropIn.length > 0 ? `    ip saddr { ${[...new Set(dropIn)].join(', ')} } drop` : '', '  }', '}');
    }
    execFileSync('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], { input: script.join('\n') + '\n', stdio: ['pipe', 'ignore', 'pipe'] });
  });
}
