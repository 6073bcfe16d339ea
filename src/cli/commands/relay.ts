// tianping relay: keeps a main chain's light client of a side chain current (docs/crosschain.md §5).
// Each round reads the main chain's record of NAME (newest trusted height T and its hash) and the
// side node's tip; once N side blocks or S seconds have passed since the last relay, it fetches the
// side's tip as a light block with the set changes since T and submits it as a ForeignHeaderUpdate
// signed by K. If the side node serves, at T, a header other than the one recorded, it submits the
// pair as a ForeignMisbehaviour (the main chain checks both commits and freezes the client). Logs
// are JSON lines (pino) on stdout; SIGINT or SIGTERM ends the loop between rounds.
import { pino, type Logger } from 'pino';
import type { Json } from '../../contract/http.js';
import type { ForeignChainDetailSchema, LightBlockSchema } from '../../contract/crosschain.js';
import { ApiError, TianpingClient, type KeyPair } from '../../client/index.js';
import {
  foreignHeaderUpdateTx, foreignMisbehaviourTx, type ForeignHeaderUpdateParams,
} from '../../client/crosschain-tx.js';
import type { BuiltTx } from '../../client/tx.js';
import { pb, type ForeignHeaderUpdateMsg } from '../../codec/index.js';
import { readKeyFile, sha256 } from '../../crypto/index.js';
import { fromHex, toHex } from '../../types/index.js';
import {
  CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, booleanOption, httpUrlOption, runCommand, stringOption,
  type CliIo, type CommandSpec, type ParsedArgs,
} from '../common.js';
import { requiredOption } from '../subcommands.js';
import { nodeJson } from './crosschain-http.js';

type Chain = Json<typeof ForeignChainDetailSchema>;
type LightBlock = Json<typeof LightBlockSchema>;
type UpdateProps = ForeignHeaderUpdateParams;

const DEFAULT_EVERY_BLOCKS = 10;
const DEFAULT_EVERY_SECONDS = 60;
/** A round at most this often: the side's tip is read each round. */
const POLL_MS_MAX = 5_000;

const spec: CommandSpec = {
  name: 'relay',
  usage: `Usage: tianping relay --from SIDE_URL --to MAIN_URL --key FILE --name NAME
                     [--every-blocks N] [--every-seconds S] [--once] [--log-level LEVEL]

Relays the side chain's headers to the main chain's light client of it (registered there as NAME):
whenever N side blocks (default ${DEFAULT_EVERY_BLOCKS}) or S seconds (default ${DEFAULT_EVERY_SECONDS}) have passed since the newest
trusted header, the side's newest header with its commit, next validator set and set changes is
submitted as a ForeignHeaderUpdate signed by the key (any active member of the main chain). A side
header at a trusted height that differs from the recorded one is submitted as a ForeignMisbehaviour.

Options:
  --from URL          the side chain's node API
  --to URL            the main chain's node API
  --key FILE          the relayer's member key on the main chain
  --name NAME         the side chain's registered name on the main chain
  --every-blocks N    relay once the side is N blocks past the newest trusted header
  --every-seconds S   relay once S seconds have passed and the side has a newer block
  --once              one round, then exit (0 relayed or nothing to do, 1 refused)
  --log-level LEVEL   pino level (default info)
  -h, --help          show this help

Logs are JSON lines on stdout. SIGINT or SIGTERM stops it between rounds (exit 0).
`,
  options: {
    from: { type: 'string' }, to: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' },
    'every-blocks': { type: 'string' }, 'every-seconds': { type: 'string' }, once: { type: 'boolean' }, 'log-level': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function positive(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

export interface RelayOptions {
  readonly side: string;
  readonly main: string;
  readonly name: string;
  readonly keyPair: KeyPair;
  readonly everyBlocks: number;
  readonly everyMs: number;
  readonly logger: Logger;
}

/** A light block in the ForeignHeaderUpdate's fields. */
export function updateOf(name: string, block: LightBlock): UpdateProps {
  const bytes = (hex: string): Uint8Array => fromHex(hex) ?? new Uint8Array();
  const set = (validators: LightBlock['nextValidators']): { publicKey: Uint8Array; power: number }[] =>
    validators.map((v) => ({ publicKey: bytes(v.publicKey), power: v.power }));
  return {
    name, header: bytes(block.header['hex'] as string), commit: bytes(block.commit['hex'] as string), nextValidators: set(block.nextValidators),
    setChanges: block.setChanges.map((c) => ({ header: bytes(c.header['hex'] as string), commit: bytes(c.commit['hex'] as string),
      nextValidators: set(c.nextValidators) })),
  };
}

const headerHeight = (update: { header: Uint8Array }): number => Number(pb.Header.decode(update.header).height);

/** A decoded update in the builder's fields. */
function paramsOf(update: ForeignHeaderUpdateMsg): UpdateProps {
  const set = (s: { validators?: { publicKey?: Uint8Array | null; power?: number | null }[] | null } | null | undefined) =>
    (s?.validators ?? []).map((v) => ({ publicKey: v.publicKey ?? new Uint8Array(), power: Number(v.power ?? 0) }));
  return { name: update.name, header: update.header, commit: update.commit, nextValidators: set(update.nextValidators),
    setChanges: update.setChanges.map((c) => ({ header: c.header ?? new Uint8Array(), commit: c.commit ?? new Uint8Array(),
      nextValidators: set(c.nextValidators) })) };
}

export class Relayer {
  private lastRelayMs = Date.now();
  /** Updates this relayer submitted, by height: the recorded half of a misbehaviour, without a signed read. */
  private readonly submitted = new Map<number, UpdateProps>();
  private readonly mainClient: TianpingClient;
  private mainChainId: string | undefined;

  constructor(private readonly o: RelayOptions) {
    this.mainClient = new TianpingClient(o.main, { signer: o.keyPair });
  }

  /** One round: 'relayed', 'idle' (nothing due), or 'refused' (the main chain said no). Connection errors throw. */
  async round(): Promise<'relayed' | 'idle' | 'refused'> {
    const { logger, name } = this.o;
    const chain = await nodeJson<Chain>(`${this.o.main}/v1/crosschain/chains/${encodeURIComponent(name)}`);
    if (chain.kind !== 'tianping') throw new CliError(`${name} is a ${chain.kind} chain: only tianping chains are relayed`);
    if (chain.standing !== 'active') {
      logger.warn({ name, standing: chain.standing }, 'the light client takes no updates until governance resets it');
      return 'refused';
    }
    const trusted = chain.trustedHeaders[0];
    const t = chain.latestHeight;
    const tip = (await nodeJson<{ latestHeight: number }>(`${this.o.side}/v1/status`)).latestHeight;
    if (trusted !== undefined && t > 0 && t <= tip && await this.conflictAt(chain, trusted.hash)) return 'relayed';
    const due = tip - t >= this.o.everyBlocks || (tip > t && Date.now() - this.lastRelayMs >= this.o.everyMs);
    if (!due) {
      logger.debug({ name, trustedHeight: t, sideHeight: tip }, 'nothing to relay yet');
      return 'idle';
    }
    const block = await nodeJson<LightBlock>(`${this.o.side}/v1/light-blocks/${tip}?since=${t}`);
    const update = updateOf(name, block);
    const outcome = await this.submit((common) => foreignHeaderUpdateTx({ ...common, ...update }), 'header relayed', { height: tip, setChanges: block.setChanges.length });
    if (outcome === 'relayed') {
      this.submitted.set(tip, update);
      this.lastRelayMs = Date.now();
    }
    return outcome;
  }

  /** Whether the side serves another header at the newest trusted height; submits the misbehaviour when it does. */
  private async conflictAt(chain: Chain, recordedHash: string): Promise<boolean> {
    const t = chain.latestHeight;
    const below = chain.trustedHeaders[1]?.height ?? 0;
    const block = await nodeJson<LightBlock>(`${this.o.side}/v1/light-blocks/${t}?since=${below}`);
    const second = updateOf(this.o.name, block);
    const hash = toHex(sha256(second.header));
    if (hash === recordedHash) return false;
    this.o.logger.error({ name: this.o.name, height: t, recorded: recordedHash, served: hash }, 'the side node serves another header at a trusted height');
    const first = this.submitted.get(t) ?? await this.recordedUpdate(chain);
    if (first === undefined) {
      this.o.logger.error({ name: this.o.name, height: t }, 'the recorded update could not be read: the conflict is not submitted');
      return true;
    }
    await this.submit((common) => foreignMisbehaviourTx({ ...common, name: this.o.name, first, second }), 'misbehaviour submitted',
      { height: t });
    return true;
  }

  /** The update tx that recorded the newest trusted header, read back from the main chain (a signed read). */
  private async recordedUpdate(chain: Chain): Promise<UpdateProps | undefined> {
    const txHash = chain.trustedHeaders[0]?.txHash;
    if (txHash === undefined || txHash === '') return undefined;
    try {
      const inclusion = await this.mainClient.txInclusion(txHash);
      const body = pb.TxBody.decode(pb.SignedTx.decode(inclusion.tx).body);
      const update = body.foreignHeaderUpdate as ForeignHeaderUpdateMsg | null | undefined;
      return update === null || update === undefined || headerHeight(update) !== chain.latestHeight ? undefined : paramsOf(update);
    } catch (error) {
      this.o.logger.warn({ err: error }, 'reading the recorded update failed');
      return undefined;
    }
  }

  private async submit(build: (common: { chainId: string; keyPair: KeyPair }) => BuiltTx, message: string, fields: Record<string, unknown>):
    Promise<'relayed' | 'refused'> {
    this.mainChainId ??= (await this.mainClient.status()).chainId;
    const tx = build({ chainId: this.mainChainId, keyPair: this.o.keyPair });
    try {
      const result = await this.mainClient.submit(tx.bytes, { wait: 'commit' });
      this.o.logger.info({ name: this.o.name, ...fields, tx: toHex(tx.hash), mainHeight: 'height' in result ? result.height : undefined }, message);
      return 'relayed';
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      this.o.logger.warn({ name: this.o.name, ...fields, code: error.code, detail: error.detail }, 'refused by the main chain');
      return 'refused';
    }
  }
}

/** Waits ms, or less when the signal aborts. */
const pause = (ms: number, signal: AbortSignal): Promise<void> => new Promise((done) => {
  const timer = setTimeout(done, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    done();
  }, { once: true });
});

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const level = stringOption(args, 'log-level') ?? 'info';
    if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
    const options: RelayOptions = {
      side: httpUrlOption('from', requiredOption(args, 'from')).replace(/\/+$/, ''),
      main: httpUrlOption('to', requiredOption(args, 'to')).replace(/\/+$/, ''),
      name: requiredOption(args, 'name'), everyBlocks: positive(args, 'every-blocks', DEFAULT_EVERY_BLOCKS),
      everyMs: positive(args, 'every-seconds', DEFAULT_EVERY_SECONDS) * 1000, keyPair: readKeyFile(requiredOption(args, 'key')),
      logger: pino({ level, base: { module: 'relay' } }, { write: (line: string) => io.stdout(line) }),
    };
    const relayer = new Relayer(options);
    if (booleanOption(args, 'once')) return (await relayer.round()) === 'refused' ? EXIT_NEGATIVE : EXIT_OK;
    return runLoop(relayer, options);
  });
}

async function runLoop(relayer: Relayer, options: RelayOptions): Promise<number> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  options.logger.info({ name: options.name, from: options.side, to: options.main }, 'relay started');
  try {
    while (!stop.signal.aborted) {
      try {
        await relayer.round();
      } catch (error) {
        if (error instanceof CliError) throw error;
        options.logger.warn({ err: error }, 'round failed; retrying');
      }
      await pause(Math.min(POLL_MS_MAX, options.everyMs), stop.signal);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  options.logger.info({ name: options.name }, 'relay stopped');
  return EXIT_OK;
}
