// The simulated application: blocks are a few header-like fields, hashed with SHA-256 as a real
// header would be. valid(v) is deterministic from the bytes and the height, so every correct node
// gives the same answer; a Byzantine proposer can still make blocks that fail it.
import { sha256 } from '../../src/crypto/hash.js';
import type { ConsensusBlock } from '../../src/consensus/tendermint/index.js';
import { asTimeMs, type TimeMs } from '../../src/types/index.js';

const BLOCK_BYTES = 8 + 8 + 4 + 4 + 1;

export interface SimBlockFields {
  readonly height: number;
  readonly timeMs: number;
  readonly proposerNode: number;
  readonly nonce: number;
  readonly valid: boolean;
}

export function makeBlock(fields: SimBlockFields): ConsensusBlock {
  const bytes = new Uint8Array(BLOCK_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(fields.height));
  view.setBigUint64(8, BigInt(fields.timeMs));
  view.setUint32(16, fields.proposerNode);
  view.setUint32(20, fields.nonce >>> 0);
  view.setUint8(24, fields.valid ? 1 : 0);
  return { hash: sha256(bytes), timeMs: asTimeMs(fields.timeMs), bytes };
}

export function readBlock(block: ConsensusBlock): SimBlockFields | undefined {
  if (block.bytes.length !== BLOCK_BYTES) return undefined;
  const view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  return {
    height: Number(view.getBigUint64(0)),
    timeMs: Number(view.getBigUint64(8)),
    proposerNode: view.getUint32(16),
    nonce: view.getUint32(20),
    valid: view.getUint8(24) === 1,
  };
}

/** valid(v): right height, the valid flag set, and hash and time agree with the bytes. */
export function isValidBlock(block: ConsensusBlock, height: number): boolean {
  const fields = readBlock(block);
  if (fields === undefined) return false;
  const rebuilt = makeBlock(fields);
  return fields.valid && fields.height === height && fields.timeMs === block.timeMs
    && rebuilt.hash.every((byte, i) => byte === block.hash[i]);
}

export function blockTime(block: ConsensusBlock): TimeMs {
  return block.timeMs;
}
