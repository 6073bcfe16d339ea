// What this machine lets a chaos run do: network namespaces and nftables (root with ip and nft),
// clock skew (Debian's libfaketime), a tmpfs to fill (root), the Byzantine peer (once its script
// exists). Missing tools are installed when root (scripts/install-chaos-tools.sh); a fault kind
// that still cannot run is left out of the schedule with a printed note.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SETTINGS, envVarOf } from '../../src/config/settings.js';
import { byzantinePeerPresent } from './byzantine.js';
import { findFaketimeLib } from './cluster.js';
import { findJemallocLib } from '../testnet-lib.js';
import { netnsAvailable } from './netns.js';
import type { ChaosOptions } from './options.js';
import { FAULT_KINDS, type FaultKind } from './schedule.js';

const INSTALL_SCRIPT = fileURLToPath(new URL('../install-chaos-tools.sh', import.meta.url));
/** Per-client connection cap given to the chaos nodes: all load comes from one address. */
const CONNECTIONS_PER_CLIENT = 1_024;

export interface Tools {
  readonly netns: boolean;
  readonly faketimeLib: string | undefined;
  readonly kinds: FaultKind[];
  readonly notes: string[];
  nodeEnv(options: ChaosOptions): Record<string, string>;
}

export function detectTools(options: ChaosOptions, print: (line: string) => void): Tools {
  const root = process.getuid?.() === 0;
  if (root && (findFaketimeLib() === undefined || findJemallocLib() === undefined || (options.netns && !netnsAvailable().ok))) {
    const installed = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8' });
    for (const line of `${installed.stdout ?? ''}${installed.stderr ?? ''}`.trim().split('\n')) if (line !== '') print(`chaos: ${line}`);
  }
  const notes: string[] = [];
  const net = netnsAvailable();
  const netns = options.netns && net.ok;
  if (options.netns && !net.ok) notes.push(`no network namespaces (${net.why}): nodes on 127.0.0.1, partitions by deny lists, no one-way links`);
  const faketimeLib = findFaketimeLib();
  if (faketimeLib === undefined) notes.push('no libfaketime (Debian package faketime): no clock skew faults');
  if (!root) notes.push('not root: no full-disk faults (they mount a tmpfs)');
  if (findJemallocLib() === undefined) notes.push('no libjemalloc (Debian package libjemalloc2): nodes run on glibc malloc');
  if (!byzantinePeerPresent()) notes.push('scripts/chaos/byzantine-peer.ts is not there yet: no Byzantine peer faults');
  const kinds = FAULT_KINDS.filter((kind) => {
    switch (kind) {
      case 'oneway': return netns;
      case 'skew': return faketimeLib !== undefined;
      case 'diskfull': return root;
      case 'byzantine': return byzantinePeerPresent();
      default: return true;
    }
  });
  for (const note of notes) print(`chaos: note: ${note}`);
  return {
    netns, faketimeLib, kinds, notes,
    nodeEnv: () => {
      // Set only when the node has the setting (older nodes would not know the variable).
      const path = 'api.connectionsPerClientMax';
      return SETTINGS.some((s) => s.path === path) ? { [envVarOf(path)]: String(CONNECTIONS_PER_CLIENT) } : {};
    },
  };
}
