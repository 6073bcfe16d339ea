// Where the foreign chains' light clients live in state (docs/crosschain.md). A chain's name is
// ASCII without '/' ([A-Za-z0-9][A-Za-z0-9._-]{0,63}, checked before any key is built), so it stands
// in keys as it is and the keys sort by name. A case number is free text: it appears as the hex of
// its UTF-8 bytes, as under case/ (cases/keys.ts). Numbers are zero-padded decimal of fixed width,
// so that key order is numeric order: epochs 8 digits, heights (tree sizes) 16, which holds every
// height below 2^53.
import { assert, fromHex, fromUtf8, readU32be, u32be } from '../../types/index.js';
import { caseHexOf } from '../cases/keys.js';
import type { StateView } from '../view.js';

export const FOREIGN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Registered foreign chains at most (docs/crosschain.md §6). */
export const FOREIGN_CHAINS_MAX = 256;

const EPOCH_DIGITS = 8;
const HEIGHT_DIGITS = 16;
const SEQ_DIGITS = 8;

function padded(value: number, digits: number, what: string): string {
  assert(Number.isSafeInteger(value) && value >= 0 && value < 10 ** digits, () => `${what} ${value} fits ${digits} decimal digits`);
  return String(value).padStart(digits, '0');
}

function checkedName(name: string): string {
  assert(FOREIGN_NAME_RE.test(name), () => `foreign chain name ${JSON.stringify(name)} is checked before it makes a key`);
  return name;
}

export const FOREIGN_CHAIN_PREFIX = 'xc/c/';
export const foreignChainKey = (name: string): string => `${FOREIGN_CHAIN_PREFIX}${checkedName(name)}`;
/** How many foreign chains are registered (u32be): the limit is checked without a scan. */
export const FOREIGN_CHAIN_COUNT_KEY = 'xc/count';

export const TRUSTED_HEADER_PREFIX = 'xc/h/';
export const trustedHeaderPrefix = (name: string, epoch: number): string =>
  `${TRUSTED_HEADER_PREFIX}${checkedName(name)}/${padded(epoch, EPOCH_DIGITS, 'epoch')}/`;
export const trustedHeaderKey = (name: string, epoch: number, height: number): string =>
  `${trustedHeaderPrefix(name, epoch)}${padded(height, HEIGHT_DIGITS, 'height')}`;
/** The height of a trusted header's key. */
export const heightOfTrustedHeaderKey = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1));

export const FREEZE_PREFIX = 'xc/f/';
export const freezeKey = (name: string, epoch: number): string => `${FREEZE_PREFIX}${checkedName(name)}/${padded(epoch, EPOCH_DIGITS, 'epoch')}`;

export const VERIFICATION_PREFIX = 'xc/v/';
export const verificationPrefix = (caseNo: string): string => `${VERIFICATION_PREFIX}${caseHexOf(caseNo)}/`;
export const verificationKey = (caseNo: string, seq: number): string => `${verificationPrefix(caseNo)}${padded(seq, SEQ_DIGITS, 'seq')}`;
/** How many verifications a case has (u32be): the seq of the next one. */
export const verificationCountKey = (caseNo: string): string => `xc/vn/${caseHexOf(caseNo)}`;
/** The case number of a verification key. */
export const caseNoOfVerificationKey = (key: string): string =>
  fromUtf8(fromHex(key.slice(VERIFICATION_PREFIX.length, key.lastIndexOf('/'))) ?? new Uint8Array());

/** A u32be counter's value; 0 when unset. */
export async function readCount(view: StateView, key: string): Promise<number> {
  const bytes = await view.get(key);
  return bytes === undefined ? 0 : readU32be(bytes);
}

export const encodeCount = (count: number): Uint8Array => u32be(count);
