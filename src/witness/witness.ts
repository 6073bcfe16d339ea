// A witness: decides add-checkpoint requests against its record, cosigns what passes and makes the
// new record durable before it answers. Requests are handled one at a time, so that checking the
// old size and recording the new one are one step (the spec's race: two requests checked against
// one record, the smaller recorded last, would roll the record back).
import type { Clock } from '../types/index.js';
import type { Cosigner } from './cosignature.js';
import { isWitnessError } from './errors.js';
import { decideAddCheckpoint, parseAddCheckpoint, type LogConfig, type Recorded } from './protocol.js';
import type { WitnessState, WitnessStore } from './store.js';

export const SIZE_MEDIA_TYPE = 'text/x.tlog.size';
export const TEXT_MEDIA_TYPE = 'text/plain; charset=utf-8';

export interface WitnessDeps {
  readonly cosigner: Cosigner;
  readonly logs: readonly LogConfig[];
  readonly store: WitnessStore;
  readonly clock: Clock;
}

/** An HTTP answer as the protocol defines it; the HTTP layer only writes it out. */
export interface WitnessAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The stable code of a refusal; absent on success. */
  readonly code?: string;
}

export class Witness {
  private readonly logs: ReadonlyMap<string, LogConfig>;
  private state: WitnessState | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WitnessDeps) {
    this.logs = new Map(deps.logs.map((log) => [log.origin, log]));
  }

  /** Reads the record; a record that does not parse throws here, before the witness serves. */
  async open(): Promise<void> {
    this.state = await this.deps.store.load();
  }

  latest(origin: string): Recorded | undefined {
    return this.state?.get(origin);
  }

  addCheckpoint(body: Uint8Array): Promise<WitnessAnswer> {
    const next = this.queue.then(() => this.handle(body));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async handle(body: Uint8Array): Promise<WitnessAnswer> {
    if (this.state === undefined) await this.open();
    const state = this.state as WitnessState;
    let decision;
    try {
      decision = decideAddCheckpoint(this.logs, (origin) => state.get(origin), parseAddCheckpoint(body));
    } catch (error) {
      if (!isWitnessError(error)) throw error;
      return { status: 400, contentType: TEXT_MEDIA_TYPE, body: `${error.code}: ${error.message}\n`, code: error.code };
    }
    if (decision.kind === 'refuse') {
      // The spec fixes this answer's body: the size held, for the client to build the right proof.
      if (decision.latestSize !== undefined) {
        return { status: decision.status, contentType: SIZE_MEDIA_TYPE, body: `${decision.latestSize}\n`, code: decision.code };
      }
      return { status: decision.status, contentType: TEXT_MEDIA_TYPE, body: `${decision.code}: ${decision.message}\n`, code: decision.code };
    }
    const { checkpoint, text } = decision;
    const line = this.deps.cosigner.cosign(text, Math.floor(this.deps.clock.nowMs() / 1000));
    const updated = new Map(state);
    updated.set(checkpoint.origin, { size: checkpoint.size, root: checkpoint.root });
    // Durable first: a cosignature out with the record lost would let a fork of it be cosigned later.
    await this.deps.store.save(updated);
    this.state = updated;
    return { status: 200, contentType: TEXT_MEDIA_TYPE, body: line };
  }
}
