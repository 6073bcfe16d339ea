// A chain written straight into a ledger with the production code, as the validators would have
// committed it: each block executed by executeBlock ('validate'), its header built as a proposer
// builds it, and a real commit certificate signed by every validator of the height (round 0). A
// node that syncs these blocks checks them exactly as blocks committed live. The txs are signed
// here, so they are not verified again while writing (isVerified): that is the generator's only
// shortcut, and the syncing node's checks do not depend on it.
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { blockHashOfHeader, decodeTx, encodeBlock, encodeHeader, type DecodedTx } from '../../src/codec/index.js';
import { voteSignBytes } from '../../src/codec/sign-bytes.js';
import { createValidatorSet, nextHeightValidatorSet, proposerIndex, VOTE_PRECOMMIT, type ValidatorSet } from '../../src/consensus/tendermint/index.js';
import type { KeyPair, SignatureVerifier } from '../../src/crypto/ed25519.js';
import type { Ledger } from '../../src/ledger/index.js';
import { executeBlock, readValidatorHistory, type Genesis } from '../../src/state/index.js';
import { asHeight, asRound, assert, toHex, type Hash32 } from '../../src/types/index.js';
import { encodeCertificate } from '../../src/wire/index.js';
import { nodePrivateKey } from '../bench-lib.js';

export interface WrittenBlock {
  readonly height: number;
  readonly hash: Hash32;
  readonly blockBytes: Uint8Array;
  readonly commitBytes: Uint8Array;
}

/** Signs the validators' precommits with node:crypto (the bytes noble makes, several times faster). */
type Signers = ReadonlyMap<string, KeyObject>;

export class CertifiedChainWriter {
  private constructor(private readonly genesis: Genesis, private readonly ledger: Ledger, private readonly verifier: SignatureVerifier,
    private readonly signers: Signers, private set: ValidatorSet) {}

  /** A writer appending to `ledger` (from its tip), signing with `validatorKeys` (every key of the sets it meets). */
  static async open(genesis: Genesis, ledger: Ledger, verifier: SignatureVerifier, validatorKeys: readonly KeyPair[]):
    Promise<CertifiedChainWriter> {
    // The set of the tip's next height, replayed from the history as the driver does.
    const history = await readValidatorHistory(ledger.state);
    const first = history.get(1);
    assert(first !== undefined, 'the genesis validator set is in the history');
    let set = createValidatorSet(first);
    for (let h = 2; h <= ledger.tip.height + 1; h++) {
      const changed = history.get(h);
      set = changed === undefined ? nextHeightValidatorSet(set) : createValidatorSet(changed);
    }
    const signers = new Map(validatorKeys.map((key) => [toHex(key.publicKey), nodePrivateKey(key.seed)]));
    return new CertifiedChainWriter(genesis, ledger, verifier, signers, set);
  }

  get height(): number {
    return this.ledger.tip.height;
  }

  /** Executes `txs` as the next block at `timeMs`, certifies it and commits it with its commit (one synced batch). */
  async append(txs: readonly DecodedTx[], timeMs: number): Promise<WrittenBlock> {
    const { genesis, ledger } = this;
    const height = ledger.tip.height + 1;
    const result = await executeBlock(ledger.state, {
      chainId: genesis.chainId, height, timeMs, params: genesis.params, verifier: this.verifier, isVerified: () => true,
    }, txs, 'validate');
    const proposer = this.set.validators[proposerIndex(this.set, 0)]!.publicKey;
    const headerBytes = encodeHeader({
      chainId: genesis.chainId, height, timeMs, prevBlockHash: ledger.tip.blockHash, historyRoot: ledger.historyRoot(),
      txRoot: result.txRoot, appHash: result.appHash, resultsHash: result.resultsHash, validatorsHash: result.validatorsHash,
      nextValidatorsHash: result.nextValidatorsHash, proposer, txCount: result.included.length, eventsRoot: result.eventsRoot,
      eventCount: result.events.length,
    });
    const hash = blockHashOfHeader(headerBytes);
    const blockBytes = encodeBlock(headerBytes, result.included.map((tx) => tx.bytes));
    const commitBytes = encodeCertificate({ height: asHeight(height), round: asRound(0), blockHash: hash, signatures: this.sign(height, hash) });
    await ledger.commitBlock({ height, hash, timeMs, headerBytes, blockBytes, commitBytes, appHash: result.appHash, stateWrites: result.writes });
    // The generated chains change no validator: the set of the next height only rotates its proposer.
    assert(toHex(result.validatorsHash) === toHex(result.nextValidatorsHash), 'the generated chain keeps its validator set');
    this.set = nextHeightValidatorSet(this.set);
    return { height, hash, blockBytes, commitBytes };
  }

  private sign(height: number, hash: Hash32): { validatorIndex: number; signature: Uint8Array }[] {
    const message = voteSignBytes(this.genesis.chainId, height, 0, VOTE_PRECOMMIT, hash);
    return this.set.validators.map((validator, validatorIndex) => {
      const key = this.signers.get(toHex(validator.publicKey));
      assert(key !== undefined, `no key for validator ${toHex(validator.publicKey)}`);
      return { validatorIndex, signature: new Uint8Array(cryptoSign(null, message, key)) };
    });
  }
}

/** Decodes pre-signed tx bytes as a block holds them. */
export const decodeTxs = (genesis: Genesis, bytes: readonly Uint8Array[]): DecodedTx[] =>
  bytes.map((b) => decodeTx(b, genesis.params.txBytesMax));
