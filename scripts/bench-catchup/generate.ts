// The chain the catch-up runs against, written in this process rather than committed live: at the
// rate a 4-validator testnet commits on this machine (a few thousand anchors/s), a million anchors
// would take several minutes of load before the measurement starts; written with the production
// code it takes about as long as signing the txs. The blocks are those the validators would have
// committed (chain-gen.ts): a syncing node cannot tell them apart. Validators 2 and 3 get copies
// of validator 1's ledger before they ever start, so no consensus WAL or high-water mark exists
// that would disagree with it.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeyFile } from '../../src/crypto/index.js';
import { installNodeSha256 } from '../../src/crypto/hash-node.js';
import { NodeVerifier } from '../../src/crypto/verify-node.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { LevelStorage } from '../../src/ledger/level-storage.js';
import { LEDGER_DIR } from '../../src/node/ledger-open.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { presignAnchorTxs } from '../bench-lib.js';
import type { TestnetLayout } from '../testnet-lib.js';
import { CertifiedChainWriter, decodeTxs } from './chain-gen.js';

export const CATEGORY = 'copyright';
/** Block k of the written chain is timed k ms after genesis: all of it lies before the live blocks. */
const BLOCK_SPACING_MS = 1;

export interface WrittenChain {
  readonly height: number;
  readonly anchors: number;
  /** Signing the txs (node:crypto), in ms. */
  readonly signMs: number;
  /** Executing and committing the blocks (executeBlock 'validate' + one synced batch each), in ms. */
  readonly writeMs: number;
}

export async function writeChain(layout: TestnetLayout, anchors: number, perBlock: number, log: (line: string) => void):
  Promise<WrittenChain> {
  installNodeSha256();
  const genesisBytes = readFileSync(layout.genesisFile);
  const genesis = parseGenesis(JSON.parse(genesisBytes.toString('utf8')));
  const validators = layout.nodes.filter((node) => node.role === 'validator');
  const keys = validators.map((node) => readKeyFile(join(node.dataDir, 'node.key')));
  const submitter = readKeyFile(layout.submitterKeyFile);
  const first = validators[0]!;
  const storage = await LevelStorage.open(join(first.dataDir, LEDGER_DIR));
  let signMs = 0;
  let writeMs = 0;
  try {
    const ledger = await Ledger.open(storage, genesis, genesisHash(genesisBytes));
    const writer = await CertifiedChainWriter.open(genesis, ledger, new NodeVerifier(), keys);
    const expiresAtMs = genesis.genesisTimeMs + genesis.params.txExpiryMaxMs;
    let lastLogMs = performance.now();
    for (let done = 0; done < anchors;) {
      const count = Math.min(perBlock, anchors - done);
      const signStart = performance.now();
      const txs = presignAnchorTxs({ chainId: genesis.chainId, keyPair: submitter, count, category: CATEGORY, firstNonce: done + 1, expiresAtMs });
      const decoded = decodeTxs(genesis, txs.map((tx) => tx.bytes));
      const writeStart = performance.now();
      signMs += writeStart - signStart;
      await writer.append(decoded, genesis.genesisTimeMs + (writer.height + 1) * BLOCK_SPACING_MS);
      writeMs += performance.now() - writeStart;
      done += count;
      if (performance.now() - lastLogMs > 10_000 || done === anchors) {
        lastLogMs = performance.now();
        log(`  written ${done.toLocaleString('en-US')} anchors in ${writer.height} blocks`
          + ` (signing ${(signMs / 1000).toFixed(1)} s, executing and committing ${(writeMs / 1000).toFixed(1)} s)`);
      }
    }
    const height = writer.height;
    await storage.close();
    for (const other of validators.slice(1, 3)) cpSync(join(first.dataDir, LEDGER_DIR), join(other.dataDir, LEDGER_DIR), { recursive: true });
    return { height, anchors, signMs, writeMs };
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}
