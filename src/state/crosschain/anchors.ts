// Each kind's trust anchor as a registration gives it (docs/crosschain.md §1–§3). A Tianping
// anchor's set follows a genesis's rules; a header governance trusts is taken as exact bytes of the
// registered chain. A log's anchor names its origin, its key and its witnesses.
import { parseVerifierKey, parseWitnessKey } from '../../checkpoint/index.js';
import { blockHashOfHeader } from '../../codec/block.js';
import { decodeCanonical, pb, type ForeignChainRegistrationMsg, type HeaderMsg } from '../../codec/proto.js';
import { CHAIN_ID_BYTES_MAX } from '../../codec/sign-bytes.js';
import { equalBytes, toHex, utf8 } from '../../types/index.js';
import type { AnchorContext, AnchorState } from './kinds.js';
import { refuse } from './record.js';
import { copySet, foreignSet, setProblem } from './valset.js';
import { trustedHeader } from './messages.js';

export const WITNESS_KEYS_MAX = 16;
const ORIGIN_BYTES_MAX = 256;

const invalid = (message: string): never => refuse('FOREIGN_CHAIN_INVALID', message);

function trustedHeaderOf(registration: ForeignChainRegistrationMsg): HeaderMsg {
  try {
    return decodeCanonical(pb.Header, registration.tianping!.header, 'tianping.header');
  } catch (error) {
    return invalid((error as Error).message);
  }
}

export function checkTianpingAnchor(registration: ForeignChainRegistrationMsg, ownChainId: string): void {
  const chainIdBytes = utf8(registration.chainId).length;
  if (chainIdBytes === 0 || chainIdBytes > CHAIN_ID_BYTES_MAX) invalid(`chain_id must be 1..${CHAIN_ID_BYTES_MAX} bytes`);
  if (registration.chainId === ownChainId) invalid('chain_id is this chain\'s own');
  const anchor = registration.tianping;
  if (anchor == null) return invalid('tianping: the trust anchor is missing');
  if (registration.c2sp != null) invalid('c2sp: only a c2sp-checkpoint registration has a log anchor');
  const problem = setProblem(anchor.nextValidators, true);
  if (problem !== undefined) invalid(`tianping.next_validators ${problem}`);
  if (!Number.isSafeInteger(anchor.genesisTimeMs)) invalid('tianping.genesis_time_ms is not an integer below 2^53');
  if (anchor.header.length === 0) return;
  if (anchor.genesisTimeMs !== 0) invalid('tianping.genesis_time_ms is for a genesis anchor only (header empty)');
  const header = trustedHeaderOf(registration);
  if (header.chainId !== registration.chainId) invalid(`tianping.header is of chain ${JSON.stringify(header.chainId)}, not chain_id`);
  if (!Number.isSafeInteger(header.height) || header.height < 1) invalid('tianping.header\'s height is not a block height');
  if (!Number.isSafeInteger(header.timeMs)) invalid('tianping.header\'s time is not an integer below 2^53');
  if (!equalBytes(foreignSet(anchor.nextValidators!).hash, header.nextValidatorsHash)) {
    invalid('tianping.next_validators does not hash to the header\'s next_validators_hash');
  }
}

/** The first trusted header: the genesis (height 0, no hash) or the header governance trusts. */
export function tianpingAnchorState(registration: ForeignChainRegistrationMsg, ctx: AnchorContext): AnchorState {
  const anchor = registration.tianping!;
  const nextValidators = copySet(anchor.nextValidators!);
  const at = { mainHeight: ctx.height, txHash: ctx.txHash, nextValidators };
  if (anchor.header.length === 0) {
    const trusted = trustedHeader({ height: 0, timeMs: anchor.genesisTimeMs, ...at });
    return { trusted, latestHeight: 0, latestTimeMs: anchor.genesisTimeMs, latestHash: new Uint8Array() };
  }
  const header = pb.Header.decode(anchor.header);
  const hash = blockHashOfHeader(anchor.header);
  const trusted = trustedHeader({ height: header.height, hash, timeMs: header.timeMs, historyRoot: header.historyRoot, ...at });
  return { trusted, latestHeight: header.height, latestTimeMs: header.timeMs, latestHash: hash };
}

export function checkC2spAnchor(registration: ForeignChainRegistrationMsg, _ownChainId: string): void {
  const anchor = registration.c2sp;
  if (anchor == null) return invalid('c2sp: the log anchor is missing');
  if (registration.tianping != null) invalid('tianping: only a tianping registration has a trust anchor');
  const originBytes = utf8(anchor.origin).length;
  if (originBytes === 0 || originBytes > ORIGIN_BYTES_MAX || anchor.origin.includes('\n')) {
    invalid(`c2sp.origin must be one line of 1..${ORIGIN_BYTES_MAX} bytes`);
  }
  if (registration.chainId !== anchor.origin) invalid('chain_id must equal c2sp.origin');
  try {
    parseVerifierKey(anchor.logKey);
  } catch (error) {
    invalid(`c2sp.log_key is not an Ed25519 verifier key: ${(error as Error).message}`);
  }
  if (anchor.witnessKeys.length > WITNESS_KEYS_MAX) invalid(`c2sp.witness_keys holds more than ${WITNESS_KEYS_MAX} keys`);
  const seen = new Set<string>();
  anchor.witnessKeys.forEach((text, i) => {
    let key;
    try {
      key = parseWitnessKey(text);
    } catch (error) {
      return invalid(`c2sp.witness_keys[${i}] is not a cosignature/v1 key: ${(error as Error).message}`);
    }
    const ids = [`id ${key.name} ${key.keyId}`, `key ${toHex(key.publicKey)}`];
    if (ids.some((id) => seen.has(id))) invalid(`c2sp.witness_keys[${i}] repeats a key`);
    ids.forEach((id) => seen.add(id));
  });
  if (anchor.witnessQuorum > anchor.witnessKeys.length) invalid('c2sp.witness_quorum is more than the number of witness keys');
}
