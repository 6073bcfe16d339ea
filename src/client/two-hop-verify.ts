// Offline verification of a two-hop receipt (docs/crosschain.md §5) from the main chain's genesis
// alone: the main chain's ForeignHeaderUpdate tx is in a block its validators committed (the anchor
// receipt's checks on the main block: header, tx inclusion, set changes from the genesis, commit),
// that tx relayed the side header H under the receipt's name (`relay-tx`), and the side receipt
// (version 2) proves the item in H's history (the anchor receipt's checks, named `side-…`). The
// relayer's signature is not checked: the main chain's validators executed the tx, which commits only
// when H's own commit verifies against their light client (§2). Browser-safe: no node:* imports.
import type { HeaderMsg, TxBodyMsg } from '../codec/proto.js';
import { CHAIN_ID_BYTES_MAX } from '../codec/sign-bytes.js';
import { sha256 } from '../crypto/hash.js';
import { leafHash, verifyInclusion } from '../merkle/index.js';
import { toHex, utf8 } from '../types/index.js';
import { decodeReceiptTx } from './exact-proto.js';
import { RECEIPT_TX_BYTES_MAX } from './receipt.js';
import {
  CommitProof, checkChainId, checkHashList, checkSetChangeShapes, decodeHeader, fail, isCount, isIndex, type BlockFacts,
  type CommitFacts,
} from './receipt-commit.js';
import { isHeaderHashTrust } from './receipt-history.js';
import { TrustAnchorError, prepareTrust, type PreparedTrust, type TrustAnchor } from './receipt-trust.js';
import {
  RECEIPT_TRUSTED_CHECKS, formatFailure, runChecks, verifyReceipt, type FailedChecks, type ReceiptCheck, type ReceiptCheckId,
  type ReceiptEvidence, type VerifiedReceipt,
} from './receipt-verify.js';
import { TWO_HOP_RECEIPT_KIND, TWO_HOP_RECEIPT_VERSION, type TwoHopReceipt } from './two-hop.js';

/** The checks of the main chain's block and of the relay tx, in the order they run. */
export const TWO_HOP_MAIN_CHECKS = [
  'format', 'chain-id', 'header', 'tx-inclusion', 'set-changes', 'validators-hash', 'commit-block', 'commit-signatures', 'relay-tx',
] as const;

type SideCheckId = `side-${(typeof RECEIPT_TRUSTED_CHECKS)[number]}`;

/** Every check of a two-hop receipt, in order: the main block's, `relay-tx`, then the side receipt's (version 2) prefixed `side-`. */
export const TWO_HOP_CHECKS: readonly TwoHopCheckId[] = [
  ...TWO_HOP_MAIN_CHECKS, ...RECEIPT_TRUSTED_CHECKS.map((id): SideCheckId => `side-${id}`),
];

export type TwoHopCheckId = (typeof TWO_HOP_MAIN_CHECKS)[number] | SideCheckId;

/** A registered name on the main chain (docs/crosschain.md §1). */
const FOREIGN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a valid two-hop receipt proves. Hashes and keys are lowercase hex. */
export interface VerifiedTwoHop {
  /** The side chain's registered name on the main chain. */
  readonly name: string;
  /** The item on the side chain: what its receipt proves (block, tx, submitter, digest). */
  readonly item: VerifiedReceipt;
  /** The side header H the main chain recorded, in whose history the item's block is. */
  readonly sideHeader: { readonly chainId: string; readonly height: number; readonly timeMs: number; readonly time: string; readonly hash: string };
  /** The main block holding the relay tx, and who signed it. */
  readonly main: BlockFacts & CommitFacts & {
    readonly txHash: string;
    readonly txIndex: number;
    readonly txCount: number;
    /** The member key that signed the relay tx (not checked: the validators executed it). */
    readonly relayer: string;
  };
}

export type TwoHopVerification =
  | { readonly valid: true; readonly checks: readonly ReceiptCheck<TwoHopCheckId>[]; readonly receipt: VerifiedTwoHop }
  | FailedChecks<TwoHopCheckId>;

function prepareMain(trust: TrustAnchor): PreparedTrust {
  // The main block is proved by its commit: a header hash alone cannot judge it.
  if (isHeaderHashTrust(trust)) {
    throw new TrustAnchorError('trust anchor: a two-hop receipt is checked from the main chain\'s genesis (or a trusted header with its validators), not a header hash');
  }
  return prepareTrust(trust);
}

/**
 * Runs every check in order and stops at the first failure. Never throws for anything in the
 * receipt or the evidence; throws TrustAnchorError for an unusable main trust anchor.
 */
export function verifyTwoHopReceipt(receipt: TwoHopReceipt, evidence: ReceiptEvidence, mainTrust: TrustAnchor): TwoHopVerification {
  const verifier = new MainVerifier(receipt, prepareMain(mainTrust));
  const main = runChecks(TWO_HOP_MAIN_CHECKS, (id) => verifier.run(id), TWO_HOP_CHECKS);
  if (!main.valid) return main;
  const relayed = verifier.relayed();
  // H is trusted because the main chain's validators recorded it: the side receipt is proved against it.
  const side = verifyReceipt(receipt.side, evidence, { chainId: relayed.header.chainId, trustedHeaderHash: relayed.hash });
  const checks = [...main.checks, ...side.checks.map((c) => ({ ...c, id: sideId(c.id) }))];
  if (!side.valid) {
    return { valid: false, checks, failed: sideId(side.failed), reason: side.reason, skipped: side.skipped.map(sideId) };
  }
  return { valid: true, checks, receipt: verifier.summary(side.receipt) };
}

function sideId(id: ReceiptCheckId): SideCheckId {
  return `side-${id}` as SideCheckId;
}

/**
 * The verdict on a two-hop receipt document that does not parse: `format` fails and no other check
 * runs. An unusable main trust anchor throws TrustAnchorError all the same, as in verifyTwoHopReceipt.
 */
export function twoHopFormatFailure(reason: string, mainTrust: TrustAnchor): TwoHopVerification {
  prepareMain(mainTrust);
  return formatFailure(reason, TWO_HOP_CHECKS);
}

class MainVerifier {
  readonly #proof: CommitProof;
  #txHash: Uint8Array = new Uint8Array();
  #relay: { body: TxBodyMsg; header: HeaderMsg; hash: Uint8Array } | undefined;

  constructor(readonly receipt: TwoHopReceipt, readonly trust: PreparedTrust) {
    this.#proof = new CommitProof(trust);
  }

  run(id: (typeof TWO_HOP_MAIN_CHECKS)[number]): string {
    const c = this.receipt.checkpoint;
    const proof = this.#proof;
    switch (id) {
      case 'format': return this.#format();
      case 'chain-id': return checkChainId(this.trust, this.receipt.chainId);
      case 'header': return proof.checkHeader(c.header);
      case 'tx-inclusion': return this.#txInclusion();
      case 'set-changes': return proof.walkSetChanges(c.setChanges);
      case 'validators-hash': return proof.checkValidatorsHash();
      case 'commit-block': return proof.checkCommitBlock(c.commit);
      case 'commit-signatures': return proof.checkCommitSignatures();
      case 'relay-tx': return this.#relayTx();
    }
  }

  #format(): string {
    const r = this.receipt;
    const c = r.checkpoint;
    if (r.kind !== TWO_HOP_RECEIPT_KIND) fail(`kind "${r.kind}" is not "${TWO_HOP_RECEIPT_KIND}"`);
    if (r.version !== TWO_HOP_RECEIPT_VERSION) fail(`version ${r.version}: this verifier reads two-hop receipts of version ${TWO_HOP_RECEIPT_VERSION}`);
    const chainIdBytes = utf8(r.chainId).length;
    if (chainIdBytes === 0 || chainIdBytes > CHAIN_ID_BYTES_MAX) fail(`chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
    if (!FOREIGN_NAME_RE.test(r.name)) fail(`name ${JSON.stringify(r.name)} is not a foreign chain name ([A-Za-z0-9][A-Za-z0-9._-]{0,63})`);
    if (c.tx.length === 0 || c.tx.length > RECEIPT_TX_BYTES_MAX) fail(`the checkpoint tx is ${c.tx.length} bytes (1..${RECEIPT_TX_BYTES_MAX})`);
    if (!isCount(c.txCount) || !isIndex(c.txIndex) || c.txIndex >= c.txCount) {
      fail(`checkpoint tx position ${c.txIndex} of ${c.txCount} is not an index below a positive count`);
    }
    checkHashList(c.txProof, 'checkpoint tx proof');
    if (c.header.length === 0) fail('the checkpoint header bytes are empty');
    if (c.commit.length === 0) fail('the checkpoint commit bytes are empty');
    checkSetChangeShapes(c.setChanges);
    return `${r.kind} receipt version ${r.version} for side chain "${r.name}", main tx ${c.txIndex} of ${c.txCount}, `
      + `${c.setChanges.length} main validator-set change(s)`;
  }

  #txInclusion(): string {
    const c = this.receipt.checkpoint;
    const header = this.#proof.header;
    if (header.txCount !== c.txCount) fail(`the main header counts ${header.txCount} txs, the receipt ${c.txCount}`);
    this.#txHash = sha256(c.tx);
    if (!verifyInclusion(leafHash(this.#txHash), c.txIndex, c.txCount, c.txProof, header.txRoot)) {
      fail(`the tx proof does not lead from the relay tx's hash at ${c.txIndex} of ${c.txCount} to the main header's tx root`);
    }
    return `tx ${toHex(this.#txHash)} is ${c.txIndex} of ${c.txCount} under tx root ${toHex(header.txRoot)}`;
  }

  /** `relay-tx`: the committed tx is a ForeignHeaderUpdate of this chain for the receipt's name; H is its header's hash. */
  #relayTx(): string {
    const r = this.receipt;
    let body: TxBodyMsg;
    try {
      body = decodeReceiptTx(r.checkpoint.tx, RECEIPT_TX_BYTES_MAX).body;
    } catch (error) {
      fail(`the relay tx does not decode: ${(error as Error).message}`);
    }
    if (body.chainId !== this.trust.chainId) fail(`the relay tx is for chain "${body.chainId}", not the main chain "${this.trust.chainId}"`);
    if (body.action !== 'foreignHeaderUpdate' || !body.foreignHeaderUpdate) {
      fail(`the relay tx's action is ${body.action ?? 'none'}, not foreignHeaderUpdate`);
    }
    const update = body.foreignHeaderUpdate;
    if (update.name !== r.name) fail(`the relay tx updates foreign chain ${JSON.stringify(update.name)}, not ${JSON.stringify(r.name)}`);
    // A node applies a tx only while the block time is below its expiry (receipt-format §6 check 8).
    const expiresAtMs = body.expiresAtMs as number | bigint;
    const blockTimeMs = this.#proof.header.timeMs;
    if (BigInt(expiresAtMs) <= BigInt(blockTimeMs)) {
      fail(`the relay tx expired at ${expiresAtMs}, not after the main block time ${blockTimeMs}: no node applies it in this block`);
    }
    const bytes = update.header ?? new Uint8Array();
    const header = decodeHeader(bytes, 'the relayed side header');
    const sideChainBytes = utf8(header.chainId).length;
    if (sideChainBytes === 0 || sideChainBytes > CHAIN_ID_BYTES_MAX) fail(`the relayed side header's chain id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
    const hash = sha256(bytes);
    this.#relay = { body, header, hash };
    return `ForeignHeaderUpdate of "${r.name}" relayed by ${toHex(body.signer)}: side header ${toHex(hash)} of chain "${header.chainId}" `
      + `at height ${header.height}`;
  }

  relayed(): { header: HeaderMsg; hash: Uint8Array } {
    return this.#relay!;
  }

  summary(item: VerifiedReceipt): VerifiedTwoHop {
    const c = this.receipt.checkpoint;
    const relay = this.#relay!;
    return {
      name: this.receipt.name,
      item,
      sideHeader: {
        chainId: relay.header.chainId, height: relay.header.height, timeMs: relay.header.timeMs,
        time: new Date(relay.header.timeMs).toISOString(), hash: toHex(relay.hash),
      },
      main: {
        ...this.#proof.block(), txHash: toHex(this.#txHash), txIndex: c.txIndex, txCount: c.txCount,
        relayer: toHex(relay.body.signer), ...this.#proof.facts(),
      },
    };
  }
}
