// The composition root: reads config, genesis and key, opens the ledger, wires the node core to the
// API and starts listening. Nothing else in the code base constructs these pieces together.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { buildApp } from '../api/index.js';
import type { NodeConfig } from '../config/defaults.js';
import { NodeVerifier, installNodeSha256 } from '../crypto/index.js';
import type { Ledger } from '../ledger/index.js';
import { NodeMetrics } from '../metrics/index.js';
import { FileHighWater } from './high-water.js';
import { openLedger } from './ledger-open.js';
import { genesisHash } from '../state/index.js';
import { toHex, type Clock } from '../types/index.js';
import { NodeCore } from './node.js';
import { systemClock, systemTimers } from './system-env.js';
import { WitnessPush, witnessTargets } from './witness-push.js';
import { parseSources } from './crosschain-two-hop.js';
import { createP2P } from '../p2p/index.js';
import { watchDenyList } from './deny-list.js';
import { allMembers, readValidatorSet } from '../state/index.js';
import { VERSION } from './version.js';
import { explainLedgerOpenFailure, lockDataDir } from './data-dir-lock.js';
import { inDataDir, preflight } from './preflight.js';
import { createPayoutService, failpointFromEnv, payoutWebhookRoutes, type PayoutService } from '../payouts/index.js';

export { NodeCore } from './node.js';

export interface RunningNode {
  readonly apiUrl: string;
  readonly nodeId: string;
  close(): Promise<void>;
}

export { systemClock, systemTimers } from './system-env.js';
export { applyHeapGrowingPercent } from './heap-growth.js';

export { StartupError, type StartupErrorCode } from './startup-error.js';
export { checkNodeConfig, GENESIS_WAIT_MS_MAX } from './preflight.js';
export { LOCK_FILE } from './data-dir-lock.js';

export async function startNode(opts: { config: NodeConfig; logger: Logger; clock?: Clock }): Promise<RunningNode> {
  const { config, logger } = opts;
  // The node hashes with OpenSSL (the same SHA-256, several times faster than the JS one).
  installNodeSha256();
  // The whole configuration is checked before anything is written to the data directory.
  const { genesis, genesisBytes, key, tls } = preflight(config, opts.clock ?? systemClock, logger);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(resolve(config.dataDir), logger);
  // The payout dispatcher (docs/payouts.md §6) follows this node's own API once it listens.
  const payouts = config.payouts.enabled ? await startablePayouts(config, genesis, logger).catch((error: unknown) => {
    lock.release();
    throw error;
  }) : undefined;
  // Refuses a damaged ledger (LedgerError LEDGER_DAMAGED, HIGH_WATER_MISMATCH); one behind its
  // high-water mark starts repairing from peers (node/ledger-open.ts).
  // One set of series per node, in its own registry; every piece records into it through its own interface.
  const metrics = new NodeMetrics();
  const verifier = new NodeVerifier(metrics.signatureVerifications);
  const { ledger, mark, repairTo } = await openLedger({ dataDir: resolve(config.dataDir), genesis,
    genesisHash: genesisHash(genesisBytes), verifier, canRepair: config.p2p.listen.length > 0, metrics,
    openFilesMax: config.memory.ledgerOpenFilesMax })
    .catch((error: unknown) => {
      lock.release();
      throw explainLedgerOpenFailure(error, resolve(config.dataDir));
    });
  if (repairTo !== undefined) {
    logger.error({ event: 'ledger.repairing', code: 'LEDGER_REPAIRING', tip: ledger.tip.height, mark: repairTo.height },
      'the ledger lost committed blocks: re-fetching them from peers; reads answer 503 until it is back at its high-water mark');
  }
  let members = await nodeMembers(ledger);
  let denied = new Set<string>();
  const p2p = config.p2p.listen.length === 0 ? undefined : await createP2P({
    chainId: genesis.chainId, nodeSeed: key.seed, listenAddrs: config.p2p.listen, bootstrap: config.p2p.bootstrap,
    allowedNodes: members, logger: logger.child({ module: 'p2p' }), metrics,
    limits: { requestBytesMax: config.p2p.messageBytesMax, responseBytesMax: config.p2p.messageBytesMax,
      messageBytesMax: { txs: genesis.params.txBytesMax + 1024 }, banMs: config.p2p.banMs },
  });
  const stopDenyList = p2p === undefined || config.p2p.denyListFile === '' ? undefined
    : watchDenyList(inDataDir(config, config.p2p.denyListFile), logger.child({ module: 'p2p' }),
      (ids) => {
        denied = ids;
        p2p.setAllowedNodes(members.filter((id) => !denied.has(id)));
      });
  // The wire follows the chain: after each commit the allowed node keys are read again from state,
  // so an admitted node may connect and a removed one is cut once its removal takes effect.
  // Reloads run one after another (a later one never loses to an earlier), and the chain of them
  // is awaited before the ledger closes: a commit just before shutdown must not leave a read of
  // the members running into a closed database.
  let refreshing: Promise<void> = Promise.resolve();
  const refreshWire = (): void => {
    if (p2p === undefined) return;
    refreshing = refreshing.then(() => nodeMembers(ledger)).then((now) => {
      if (now.join() === members.join()) return;
      members = now;
      p2p.setAllowedNodes(members.filter((id) => !denied.has(id)));
      logger.info({ nodes: members.length }, 'allowed nodes reloaded from committed membership');
    }, (error: unknown) => logger.error({ err: error }, 'reading membership failed'));
  };
  // Pushes checkpoints to the witnesses configured, once the core serves them (below).
  const witnesses: WitnessPush | undefined = config.witnesses.list.length === 0 ? undefined : new WitnessPush({
    witnesses: witnessTargets(config.witnesses.list), intervalMs: config.witnesses.intervalMs,
    everyHeights: config.witnesses.everyHeights, dataDir: resolve(config.dataDir), checkpoint: (): Promise<string> => core.checkpoint(),
    tipHeight: () => ledger.tip.height, consistency: (from: number, to: number): Promise<{ proof: readonly string[] }> => core.historyConsistency(from, to),
    timers: systemTimers, clock: opts.clock ?? systemClock, logger: logger.child({ module: 'witness-push' }),
  });
  const core: NodeCore = new NodeCore({
    genesis, ledger, key, verifier, clock: opts.clock ?? systemClock,
    logger: logger.child({ module: 'node' }), moniker: config.moniker, version: VERSION,
    mempool: config.mempool, consensus: config.consensus, syncBlocksMax: config.p2p.syncBlocksMax,
    onCommitted: (height) => {
      refreshWire();
      witnesses?.committed(height);
    },
    ...(witnesses === undefined ? {} : { witnessed: (count: number) => witnesses.cosigned(count) }),
    highWater: { store: new FileHighWater(resolve(config.dataDir), metrics.highWaterSyncSeconds), mark },
    ...(repairTo === undefined ? {} : { repairTo }), ...(p2p === undefined ? {} : { network: p2p }), metrics,
    gatherCheckpoints: true, crosschainSources: { urls: parseSources(config.crosschain.sources) },
  });
  metrics.watch({ height: () => ledger.tip.height, mempool: core.mempool });
  const app = await buildApp(core, {
    bodyBytesMax: config.api.bodyBytesMax, commitWaitMsMax: config.api.commitWaitMsMax,
    evidencePageMax: config.api.evidencePageMax, logger: logger.child({ module: 'api' }), version: VERSION,
    signatureWindowMs: config.api.signatureWindowMs, clock: opts.clock ?? systemClock,
    connections: config.api, ...(tls === undefined ? {} : { https: tls }), metrics, verifier,
  });
  if (payouts !== undefined) await app.register(payoutWebhookRoutes, payouts.webhook);
  await core.start();
  const address = await app.listen({ host: config.api.host, port: config.api.port });
  witnesses?.start();
  payouts?.start(address);
  logger.info({ chainId: genesis.chainId, height: ledger.tip.height, role: core.role, api: address,
    nodeId: toHex(key.publicKey), p2p: p2p?.multiaddrs() ?? [] }, 'node started');
  let closing: Promise<void> | undefined;
  return {
    apiUrl: address,
    nodeId: toHex(key.publicKey),
    close: () => (closing ??= (async () => {
      // The producer stops first (finishing a block in flight) and parked waiters are answered, so
      // the server's close does not wait on requests that can no longer complete.
      await witnesses?.stop();
      // Before the core: a payout step waiting for a commit ends at its step on disk.
      await payouts?.stop();
      await core.stop();
      await app.close();
      stopDenyList?.();
      await p2p?.stop();
      await refreshing;
      await ledger.close();
      lock.release();
      logger.info('node stopped');
    })()),
  };
}

function startablePayouts(config: NodeConfig, genesis: Parameters<typeof createPayoutService>[0]['trust'], logger: Logger):
  Promise<PayoutService> {
  const p = config.payouts;
  const failpoint = failpointFromEnv(process.env);
  return createPayoutService({
    settings: { ...p, keyFile: inDataDir(config, p.keyFile), accountsFile: inDataDir(config, p.accountsFile),
      accountsKeyFile: inDataDir(config, p.accountsKeyFile), outboxDir: inDataDir(config, p.outboxDir) },
    trust: genesis, logger: logger.child({ module: 'payouts' }),
    ...(failpoint === undefined ? {} : { failpoint }),
  });
}

/** Node keys allowed on the wire: validators and observers of the committed state. */
async function nodeMembers(ledger: Ledger): Promise<string[]> {
  const ids = new Set((await readValidatorSet(ledger.state)).map((v) => toHex(v.publicKey)));
  for await (const member of allMembers(ledger.state)) {
    if (member.status === 'active' && (member.role === 'validator' || member.role === 'observer')) ids.add(member.publicKey);
  }
  return [...ids].sort();
}
