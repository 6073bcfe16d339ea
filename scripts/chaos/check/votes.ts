// Every signed vote and proposal the checker found, by signer and (height, round, step). A
// validator that signed two different sign-bytes strings for one (height, round, step) double
// signed: the consensus core never does (docs/consensus.md, the double-sign guard), so for an
// honest validator it is a failure whatever the cause (a lost WAL, a restored backup, a bug).
// Only statements whose signature verifies under the signer's key are entered.
import type { Findings } from './findings.js';
import { hex, STEP_NAMES, type Statement } from './primitives.js';
import { nameOfKey, type Trust } from './trust.js';

interface Seen {
  readonly statement: Statement;
  readonly sources: string[];
}

/** Statements kept at most: a long run has a few per validator per height. */
const STATEMENTS_MAX = 2_000_000;

export class VoteBook {
  /** signer/height/round/step → sign bytes hex → what it says and where it was found. */
  private readonly book = new Map<string, Map<string, Seen>>();
  private entries = 0;

  constructor(private readonly findings: Findings) {}

  add(signerHex: string, statement: Statement, signBytes: Uint8Array, source: string): void {
    const slot = `${signerHex}/${statement.height}/${statement.round}/${statement.step}`;
    let bySignBytes = this.book.get(slot);
    if (bySignBytes === undefined) {
      if (this.entries >= STATEMENTS_MAX) return;
      bySignBytes = new Map();
      this.book.set(slot, bySignBytes);
    }
    const id = hex(signBytes);
    const seen = bySignBytes.get(id);
    if (seen === undefined) {
      bySignBytes.set(id, { statement, sources: [source] });
      this.entries++;
    } else if (seen.sources.length < 4 && !seen.sources.includes(source)) {
      seen.sources.push(source);
    }
    this.findings.add('votesSeen');
  }

  /** Reports every double sign: a failure for an honest signer, a count for a byzantine one. */
  report(trust: Trust): void {
    let equivocations = 0;
    let byzantine = 0;
    for (const [slot, bySignBytes] of this.book) {
      if (bySignBytes.size < 2) continue;
      const [signer] = slot.split('/') as [string];
      const statements = [...bySignBytes.values()];
      const first = statements[0]!.statement;
      if (trust.byzantine.has(signer)) {
        byzantine++;
        continue;
      }
      equivocations++;
      const what = statements.map((s) => `${s.statement.blockHash.slice(0, 16)} (${s.sources.join(', ')})`).join(' and ');
      this.findings.fail(`double sign: honest ${nameOfKey(trust, signer)} signed two ${STEP_NAMES[first.step]}s at height `
        + `${first.height} round ${first.round}: ${what}`);
    }
    this.findings.set('equivocations', equivocations);
    this.findings.set('byzantineEquivocations', byzantine);
    this.findings.set('voteSlots', this.book.size);
  }
}
