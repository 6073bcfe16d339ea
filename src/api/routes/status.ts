// Node status, and the probes for load balancers and orchestrators: /healthz (liveness: the process
// serves) and /readyz (readiness: caught up and hearing a quorum, so its reads are current and the
// txs it admits can commit). An orchestrator restarts on the first and routes traffic on the second.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TianpingError } from '../../types/index.js';
import type { RouteOptions } from '../options.js';
import { HealthSchema, ReadySchema, StatusSchema, problemResponses } from '../schemas.js';

export const statusRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { components, clock }) => {
  app.get('/v1/status', {
    schema: {
      tags: ['node'],
      summary: 'Chain, height, mempool and health of this node',
      response: { 200: StatusSchema, ...problemResponses() },
    },
  }, async () => components.status());

  app.get('/healthz', {
    schema: {
      tags: ['node'],
      summary: 'Liveness: 200 while the node runs, 503 before the genesis time, once it halted, and while its ledger re-fetches lost blocks',
      response: { 200: HealthSchema, ...problemResponses('NODE_HALTED', 'GENESIS_PENDING', 'LEDGER_REPAIRING') },
    },
  }, async () => {
    const status = components.status();
    if (status.halted) throw new TianpingError('NODE_HALTED', 'the node stopped after a storage failure and serves no writes');
    if (status.repairingTo !== undefined) {
      throw new TianpingError('LEDGER_REPAIRING', `the ledger is re-fetching committed blocks up to height ${status.repairingTo}`);
    }
    refuseBeforeGenesis(components.genesis.genesisTimeMs, clock);
    return { ok: true as const };
  });

  app.get('/readyz', {
    schema: {
      tags: ['node'],
      summary: 'Readiness: 200 once caught up with its peers and hearing validators of more than 2/3 of the voting power; '
        + '503 while behind (NODE_SYNCING), cut off (QUORUM_UNREACHABLE), halted, repairing or before the genesis time',
      response: { 200: ReadySchema,
        ...problemResponses('NODE_HALTED', 'LEDGER_REPAIRING', 'GENESIS_PENDING', 'NODE_SYNCING', 'QUORUM_UNREACHABLE') },
    },
  }, async () => {
    const readiness = components.readiness();
    if (!readiness.ready && (readiness.code === 'NODE_HALTED' || readiness.code === 'LEDGER_REPAIRING')) {
      throw new TianpingError(readiness.code, readiness.detail);
    }
    refuseBeforeGenesis(components.genesis.genesisTimeMs, clock);
    if (!readiness.ready) throw new TianpingError(readiness.code, readiness.detail);
    return readiness;
  });
};

/** Before its genesis time a chain makes no block: a node waiting for it is neither serving nor ready. */
function refuseBeforeGenesis(startsAtMs: number, clock: RouteOptions['clock']): void {
  if (clock.nowMs() < startsAtMs) {
    throw new TianpingError('GENESIS_PENDING', `the chain starts at ${new Date(startsAtMs).toISOString()} (genesis time)`,
      { genesisTimeMs: startsAtMs });
  }
}
