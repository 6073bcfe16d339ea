// Drives the pure single-validator producer with the real clock: feeds it ticks, carries out its
// produce effects one at a time, and halts for good if a block cannot be written.
import { soloInit, soloStep, type SoloParams, type SoloState, type EngineEffect } from '../consensus/index.js';
import type { Clock } from '../types/index.js';

export interface SoloDriverComponents {
  readonly clock: Clock;
  readonly params: SoloParams;
  txsWaiting(): number;
  /** Builds and commits the block; resolves once it is durable. */
  produce(height: number, timeMs: number): Promise<void>;
  /** Called once when producing failed: the node stops making blocks. */
  halt(error: unknown): void;
}

export class SoloDriver {
  private state: SoloState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly c: SoloDriverComponents, height: number, lastBlockTimeMs: number) {
    this.state = soloInit(height, lastBlockTimeMs, c.clock.nowMs());
  }

  start(): void {
    this.running = true;
    this.tick();
  }

  /** New txs arrived: let the producer decide now rather than at its next wake. */
  notifyTxs(): void {
    if (this.running && !this.state.producing && this.state.txsWaitingSinceMs === undefined) this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.busy;
  }

  private tick(): void {
    if (!this.running) return;
    const out = soloStep(this.state, { type: 'tick', nowMs: this.c.clock.nowMs(), txsWaiting: this.c.txsWaiting() },
      this.c.params);
    this.state = out.state;
    this.apply(out.effects);
  }

  private apply(effects: readonly EngineEffect[]): void {
    for (const effect of effects) {
      if (effect.type === 'wake') {
        if (this.timer !== undefined) clearTimeout(this.timer);
        const delayMs = Math.max(0, effect.atMs - this.c.clock.nowMs());
        this.timer = setTimeout(() => this.tick(), delayMs);
      } else {
        this.busy = this.produce(effect.height, effect.timeMs);
      }
    }
  }

  private async produce(height: number, timeMs: number): Promise<void> {
    try {
      await this.c.produce(height, timeMs);
    } catch (error) {
      this.running = false;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.c.halt(error);
      return;
    }
    const out = soloStep(this.state, { type: 'committed', height, timeMs, nowMs: this.c.clock.nowMs() }, this.c.params);
    this.state = out.state;
    this.apply(out.effects);
  }
}
