// The simulated application: blocks are a few header-like fields, hashed with SHA-256 as a real
// header would be, plus the validator-set operations the block carries (valset.ts). valid(v) is
// deterministic from the bytes, the height and the committed chain (which every node at that height
// shares), so every correct node gives the same answer; a Byzantine proposer can still make blocks
// that fail it.
import { sha256 } from '../../src/crypto/hash.js';
import type { ConsensusBlock } from '../../src/consensus/tendermint/index.js';
import { asTimeMs, type TimeMs } from '../../src/types/index.js';
import { opsAreValid, type BlockOp, type Member, type PlannedChange, type SetChangeOp } from './valset.js';

/** A block without operations has exactly the bytes it had before set changes existed. */
const HEADER_BYTES = 8 + 8 + 4 + 4 + 1;
/** seq u16, kind u8, node u8, power u32. */
const OP_BYTES = 2 + 1 + 1 + 4;
const OP_KINDS = ['add', 'remove', 'power'] as const;

export interface SimBlockFields {
  readonly height: number;
  readonly timeMs: number;
  readonly proposerNode: number;
  readonly nonce: number;
  readonly valid: boolean;
  readonly ops?: readonly BlockOp[];
}

export function makeBlock(fields: SimBlockFields): ConsensusBlock {
  const ops = fields.ops ?? [];
  const bytes = new Uint8Array(HEADER_BYTES + ops.length * OP_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(fields.height));
  view.setBigUint64(8, BigInt(fields.timeMs));
  view.setUint32(16, fields.proposerNode);
  view.setUint32(20, fields.nonce >>> 0);
  view.setUint8(24, fields.valid ? 1 : 0);
  ops.forEach(({ seq, op }, i) => {
    const offset = HEADER_BYTES + i * OP_BYTES;
    view.setUint16(offset, seq);
    view.setUint8(offset + 2, OP_KINDS.indexOf(op.kind));
    view.setUint8(offset + 3, op.node);
    view.setUint32(offset + 4, op.kind === 'remove' ? 0 : op.power);
  });
  return { hash: sha256(bytes), timeMs: asTimeMs(fields.timeMs), bytes };
}

function readOp(view: DataView, offset: number): BlockOp | undefined {
  const kind = OP_KINDS[view.getUint8(offset + 2)];
  const node = view.getUint8(offset + 3);
  const power = view.getUint32(offset + 4);
  if (kind === undefined) return undefined;
  const op: SetChangeOp = kind === 'remove' ? { kind, node } : { kind, node, power };
  if (kind === 'remove' && power !== 0) return undefined;
  return { seq: view.getUint16(offset), op };
}

export function readBlock(block: ConsensusBlock): Required<SimBlockFields> | undefined {
  const length = block.bytes.length;
  if (length < HEADER_BYTES || (length - HEADER_BYTES) % OP_BYTES !== 0) return undefined;
  const view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  const ops: BlockOp[] = [];
  for (let offset = HEADER_BYTES; offset < length; offset += OP_BYTES) {
    const op = readOp(view, offset);
    if (op === undefined) return undefined;
    ops.push(op);
  }
  return {
    height: Number(view.getBigUint64(0)),
    timeMs: Number(view.getBigUint64(8)),
    proposerNode: view.getUint32(16),
    nonce: view.getUint32(20),
    valid: view.getUint8(24) === 1,
    ops,
  };
}

/** The set-change operations a committed block carries. */
export function blockOps(block: ConsensusBlock): readonly BlockOp[] {
  const fields = readBlock(block);
  if (fields === undefined) throw new Error('a committed block does not parse');
  return fields.ops;
}

/** What valid(v) needs of the chain below the block: the plan, how much of it is done, the set of h + 1. */
export interface ChainContext {
  readonly plan: readonly PlannedChange[];
  readonly nextSeq: number;
  readonly scheduled: readonly Member[];
}

/** valid(v): right height, the valid flag set, hash and time agree with the bytes, and valid operations. */
export function isValidBlock(block: ConsensusBlock, height: number, chain: ChainContext): boolean {
  const fields = readBlock(block);
  if (fields === undefined) return false;
  const rebuilt = makeBlock(fields);
  return fields.valid && fields.height === height && fields.timeMs === block.timeMs
    && rebuilt.hash.every((byte, i) => byte === block.hash[i])
    && opsAreValid(fields.ops, chain.plan, chain.nextSeq, chain.scheduled);
}

export function blockTime(block: ConsensusBlock): TimeMs {
  return block.timeMs;
}
