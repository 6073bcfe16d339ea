// The running testnet of a chaos run: one handle per node, started (and restarted) inside its
// network namespace when there is one, with a skewed clock when asked (libfaketime preloaded into
// the node itself, so the handle's pid is the node's and SIGSTOP/SIGKILL reach it), plus the
// link cuts: nftables rules in netns mode, each node's deny list otherwise.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestnetNode, stopAll, type TestnetLayout, type TestnetNodeHandle } from '../testnet-lib.js';
import { FAST_NODE_ENV } from '../../test/e2e/network-helpers.js';
import { applyBlocks, inNamespace, type Block, type Netns } from './netns.js';

const FAKETIME_LIBS = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
];
/**
 * The ban the chaos nodes give a peer after repeated penalties (production: 10 min). The ban is on
 * the key, so the validator whose key the Byzantine peer used is refused for this long after it
 * restarts honestly; a short ban lets it rejoin within the run.
 */
export const CHAOS_BAN_MS = 20_000;

export const DENY_LIST_FILE = 'deny.txt';
const RESTART_HEALTH_TIMEOUT_MS = 90_000;

export class ClusterError extends Error {
  override name = 'ClusterError';
}

/** Debian's libfaketime (package faketime), or undefined when it is not installed. */
export function findFaketimeLib(): string | undefined {
  return FAKETIME_LIBS.find((path) => existsSync(path));
}

export interface ClusterOptions {
  readonly layout: TestnetLayout;
  readonly net: Netns | undefined;
  readonly faketimeLib: string | undefined;
  /** Extra environment for every node (e.g. a per-address connection cap). */
  readonly env?: Readonly<Record<string, string>>;
  /** Called when a node exits that the run did not stop. */
  readonly onUnexpectedExit: (name: string, how: string, logTail: string) => void;
}

export class Cluster {
  readonly layout: TestnetLayout;
  private readonly handles = new Map<string, TestnetNodeHandle>();
  private readonly expectedDown = new Set<string>();
  private readonly paused = new Set<string>();
  /** Started and answered; a node still starting gets no load (it would refuse the connection). */
  private readonly healthy = new Set<string>();

  constructor(private readonly o: ClusterOptions) {
    this.layout = o.layout;
    for (const node of o.layout.nodes) writeFileSync(join(node.dataDir, DENY_LIST_FILE), '');
  }

  get names(): string[] {
    return this.layout.nodes.map((n) => n.name);
  }

  get validators(): string[] {
    return this.layout.nodes.filter((n) => n.role === 'validator').map((n) => n.name);
  }

  handle(name: string): TestnetNodeHandle | undefined {
    return this.handles.get(name);
  }

  /** Running and not paused: may be asked for its status or sent load. */
  isUp(name: string): boolean {
    return this.handles.get(name)?.running() === true && this.healthy.has(name) && !this.paused.has(name);
  }

  upNames(): string[] {
    return this.names.filter((name) => this.isUp(name));
  }

  /** Starts the node (it must not be running) and waits until it answers. */
  async start(name: string, skewS?: number): Promise<TestnetNodeHandle> {
    if (this.handles.get(name)?.running() === true) throw new ClusterError(`${name} is already running`);
    const index = this.names.indexOf(name);
    const env: Record<string, string> = { ...FAST_NODE_ENV, TIANPING_P2P_DENY_LIST_FILE: DENY_LIST_FILE,
      TIANPING_P2P_BAN_MS: String(CHAOS_BAN_MS), ...this.o.env };
    if (skewS !== undefined && skewS !== 0) {
      if (this.o.faketimeLib === undefined) throw new ClusterError('clock skew needs libfaketime (Debian package faketime)');
      // libfaketime alone, not beside jemalloc (nodeMallocEnv): with both preloaded the node hung
      // at start and never answered (a soak's skewed start timed out after 90 s). A skewed node
      // runs on glibc malloc with its settings.
      Object.assign(env, {
        LD_PRELOAD: this.o.faketimeLib, FAKETIME: `${skewS > 0 ? '+' : ''}${skewS}s`,
        // Only the wall clock moves: timers and timeouts keep the real monotonic clock.
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      });
    }
    const prefix = this.o.net === undefined ? [] : inNamespace(this.o.net, index);
    const layout: TestnetLayout = { ...this.layout, nodes: this.layout.nodes.map((node) =>
      node.name === name ? { ...node, command: [...prefix, ...node.command] } : node) };
    const handle = startTestnetNode(layout, name, { env });
    this.handles.set(name, handle);
    this.expectedDown.delete(name);
    this.paused.delete(name);
    this.healthy.delete(name);
    // An exit before the node answers is the caller's error (start throws); after it, news.
    let healthy = false;
    void handle.exited.then((exit) => {
      if (!healthy || this.expectedDown.has(name) || this.handles.get(name) !== handle) return;
      this.o.onUnexpectedExit(name, exit.signal ?? `code ${exit.code}`, handle.logTail());
    });
    try {
      await handle.waitHealthy(RESTART_HEALTH_TIMEOUT_MS);
    } catch (error) {
      this.expectedDown.add(name);
      if (handle.running()) await handle.kill9();
      throw error;
    }
    healthy = true;
    this.healthy.add(name);
    void handle.exited.then(() => {
      if (this.handles.get(name) === handle) this.healthy.delete(name);
    });
    return handle;
  }

  async kill9(name: string): Promise<void> {
    this.expectedDown.add(name);
    this.healthy.delete(name);
    this.resumeIfPaused(name);
    await this.handles.get(name)?.kill9();
  }

  /** SIGTERM (a clean stop), SIGKILL after the grace period. */
  async stop(name: string): Promise<void> {
    this.expectedDown.add(name);
    this.healthy.delete(name);
    this.resumeIfPaused(name);
    const handle = this.handles.get(name);
    if (handle !== undefined) await stopAll([handle]);
  }

  pause(name: string): void {
    const handle = this.mustRun(name);
    process.kill(handle.pid, 'SIGSTOP');
    this.paused.add(name);
  }

  resume(name: string): void {
    this.resumeIfPaused(name);
  }

  /** Marks a node that exits by itself as expected (a node that refuses to start). */
  expectExit(name: string): void {
    this.expectedDown.add(name);
  }

  async stopAll(): Promise<void> {
    for (const name of this.names) {
      this.expectedDown.add(name);
      this.resumeIfPaused(name);
    }
    await stopAll([...this.handles.values()]);
  }

  /** True when this run can drop one direction of a link only (nftables in namespaces). */
  get oneWayLinks(): boolean {
    return this.o.net !== undefined;
  }

  /** Replaces the cut links (an empty list heals every link). */
  setBlocks(blocks: readonly Block[]): void {
    if (this.o.net !== undefined) {
      applyBlocks(this.o.net, this.names, blocks);
      return;
    }
    if (blocks.some((b) => !b.both)) throw new ClusterError('one-way links need network namespaces');
    // The deny list works both ways: a node refuses the peers it lists, in and out.
    for (const node of this.layout.nodes) {
      const denied = blocks.filter((b) => b.from === node.name || b.to === node.name)
        .map((b) => (b.from === node.name ? b.to : b.from));
      const ids = [...new Set(denied)].map((name) => this.layout.nodes.find((n) => n.name === name)!.nodeId);
      writeFileSync(join(node.dataDir, DENY_LIST_FILE), ids.length === 0 ? '' : ids.join('\n') + '\n');
    }
  }

  private mustRun(name: string): TestnetNodeHandle {
    const handle = this.handles.get(name);
    if (handle === undefined || !handle.running()) throw new ClusterError(`${name} is not running`);
    return handle;
  }

  private resumeIfPaused(name: string): void {
    if (!this.paused.delete(name)) return;
    const handle = this.handles.get(name);
    if (handle?.running() === true) process.kill(handle.pid, 'SIGCONT');
  }
}

/** Every pair (a, b) with a in one group and b in the other, both ways. */
export function blocksBetween(groups: readonly (readonly string[])[]): Block[] {
  const blocks: Block[] = [];
  groups.forEach((group, i) => {
    for (const other of groups.slice(i + 1)) {
      for (const a of group) for (const b of other) blocks.push({ from: a, to: b, both: true });
    }
  });
  return blocks;
}
