"""Canonical proto3 decoding and encoding for the messages of docs/receipt-format.md section 2.

A message is decoded into a dict (field name -> value; repeated fields as lists; an absent
embedded message as None), then re-encoded with the canonical rule of section 1; bytes that differ
are refused. Re-encoding catches non-minimal varints, defaults written out, fields out of order and
packed encodings in one comparison; the checks made while reading catch what re-encoding cannot
(a field written twice, two members of a oneof, bad UTF-8, values out of range).
"""
from dataclasses import dataclass, field as dc_field


class DecodeError(Exception):
    pass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # uint32 | uint64 | enum | bool | string | bytes | message | opaque
    repeated: bool = False
    message: 'Message | None' = None
    oneof: str | None = None


@dataclass(frozen=True)
class Message:
    name: str
    fields: dict[int, Field] = dc_field(default_factory=dict)


_VARINT_KINDS = {'uint32': 2**32 - 1, 'uint64': 2**64 - 1, 'enum': 2**64 - 1, 'bool': 1}


def _msg(name: str, *fields: tuple) -> Message:
    table: dict[int, Field] = {}
    for spec in fields:
        num, fname, kind = spec[0], spec[1], spec[2]
        opts = spec[3] if len(spec) > 3 else {}
        table[num] = Field(fname, kind, **opts)
    return Message(name, table)


R = {'repeated': True}

# Section 2, "Messages inside the bytes". The actions no receipt proves are one length-delimited
# field each whose bytes a verifier does not read (opaque); check 4 fails any of them.
ANCHOR_EVIDENCE = _msg('AnchorEvidence', (1, 'algorithm', 'enum'), (2, 'digest', 'bytes'), (3, 'category', 'string'),
                       (4, 'external_ref', 'string'), (5, 'metadata_digest', 'bytes'), (6, 'salted', 'bool'))
INDEXED_ITEMS = _msg('IndexedItems', (1, 'digests', 'bytes', R))
ROOT_ONLY = _msg('RootOnly', (1, 'root', 'bytes'), (2, 'item_count', 'uint64'))
ANCHOR_BATCH = _msg('AnchorBatch', (1, 'algorithm', 'enum'), (2, 'category', 'string'),
                    (3, 'indexed', 'message', {'message': INDEXED_ITEMS, 'oneof': 'kind'}),
                    (4, 'root_only', 'message', {'message': ROOT_ONLY, 'oneof': 'kind'}),
                    (5, 'external_ref', 'string'), (6, 'metadata_digest', 'bytes'), (7, 'salted', 'bool'))
_ACTION = {'oneof': 'action'}
TX_BODY = _msg('TxBody', (1, 'chain_id', 'string'), (2, 'signer', 'bytes'), (3, 'nonce', 'uint64'),
               (4, 'expires_at_ms', 'uint64'),
               (10, 'anchor_evidence', 'message', {'message': ANCHOR_EVIDENCE, **_ACTION}),
               (11, 'anchor_batch', 'message', {'message': ANCHOR_BATCH, **_ACTION}),
               (20, 'report_equivocation', 'opaque', _ACTION), (30, 'join_request', 'opaque', _ACTION),
               (31, 'member_change', 'opaque', _ACTION), (32, 'rotate_key', 'opaque', _ACTION),
               (33, 'governance_vote', 'opaque', _ACTION), (40, 'case_create', 'opaque', _ACTION),
               (41, 'case_action', 'opaque', _ACTION), (42, 'payment_report', 'opaque', _ACTION),
               (43, 'execution_filing', 'opaque', _ACTION))
SIGNED_TX = _msg('SignedTx', (1, 'body', 'bytes'), (2, 'signature', 'bytes'))
HEADER = _msg('Header', (1, 'chain_id', 'string'), (2, 'height', 'uint64'), (3, 'time_ms', 'uint64'),
              (4, 'prev_block_hash', 'bytes'), (5, 'history_root', 'bytes'), (6, 'tx_root', 'bytes'),
              (7, 'app_hash', 'bytes'), (8, 'results_hash', 'bytes'), (9, 'validators_hash', 'bytes'),
              (10, 'next_validators_hash', 'bytes'), (11, 'proposer', 'bytes'), (12, 'tx_count', 'uint32'),
              (13, 'events_root', 'bytes'), (14, 'event_count', 'uint32'))
COMMIT_SIG = _msg('CommitSig', (1, 'validator_index', 'uint32'), (2, 'signature', 'bytes'))
COMMIT = _msg('Commit', (1, 'height', 'uint64'), (2, 'round', 'uint32'), (3, 'block_hash', 'bytes'),
              (4, 'signatures', 'message', {'message': COMMIT_SIG, 'repeated': True}))
VALIDATOR = _msg('Validator', (1, 'public_key', 'bytes'), (2, 'power', 'uint64'))
VALIDATOR_SET = _msg('ValidatorSet', (1, 'validators', 'message', {'message': VALIDATOR, 'repeated': True}))
SET_CHANGE = _msg('ValidatorSetChange', (1, 'header', 'bytes'), (2, 'commit', 'bytes'),
                  (3, 'next_validators', 'message', {'message': VALIDATOR_SET}))
BATCH_PATH = _msg('BatchPath', (1, 'item_index', 'uint64'), (2, 'item_count', 'uint64'), (3, 'path', 'bytes', R))
HISTORY_PROOF = _msg('HistoryProof', (1, 'leaf_index', 'uint64'), (2, 'tree_size', 'uint64'), (3, 'hashes', 'bytes', R))
TRUSTED_HISTORY = _msg('TrustedHistory', (1, 'header', 'bytes'),
                       (2, 'history_proof', 'message', {'message': HISTORY_PROOF}),
                       (3, 'witnessed_checkpoint', 'string'))
RECEIPT = _msg('Receipt', (1, 'version', 'uint32'), (2, 'chain_id', 'string'), (3, 'algorithm', 'enum'),
               (4, 'digest', 'bytes'), (5, 'salted', 'bool'), (6, 'batch', 'message', {'message': BATCH_PATH}),
               (7, 'tx', 'bytes'), (8, 'tx_index', 'uint32'), (9, 'tx_count', 'uint32'), (10, 'tx_proof', 'bytes', R),
               (11, 'header', 'bytes'), (12, 'commit', 'bytes'),
               (13, 'set_changes', 'message', {'message': SET_CHANGE, 'repeated': True}),
               (14, 'trusted', 'message', {'message': TRUSTED_HISTORY}))
EVENT_RECEIPT = _msg('EventReceipt', (1, 'kind', 'string'), (2, 'version', 'uint32'), (3, 'chain_id', 'string'),
                     (4, 'event', 'bytes'), (5, 'event_index', 'uint32'), (6, 'event_count', 'uint32'),
                     (7, 'event_proof', 'bytes', R), (8, 'header', 'bytes'), (9, 'commit', 'bytes'),
                     (10, 'set_changes', 'message', {'message': SET_CHANGE, 'repeated': True}))


def _default(f: Field):
    if f.repeated:
        return []
    if f.kind in ('message', 'opaque'):
        return None
    if f.kind == 'string':
        return ''
    if f.kind == 'bytes':
        return b''
    if f.kind == 'bool':
        return False
    return 0


def empty(msg: Message) -> dict:
    return {f.name: _default(f) for f in msg.fields.values()}


def _read_varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(10):
        if pos >= len(buf):
            raise DecodeError('truncated varint')
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << (7 * i)
        if b < 0x80:
            if value >= 2**64:
                raise DecodeError('varint above 64 bits')
            return value, pos
    raise DecodeError('varint longer than 10 bytes')


def _decode_value(f: Field, wire: int, buf: bytes, pos: int):
    if f.kind in _VARINT_KINDS:
        if wire != 0:
            raise DecodeError(f'field {f.name}: wire type {wire}, expected varint')
        value, pos = _read_varint(buf, pos)
        if value > _VARINT_KINDS[f.kind]:
            raise DecodeError(f'field {f.name}: {value} out of range for {f.kind}')
        if f.kind == 'enum':
            # An enum is an int32 (section 1): a negative value is its ten-byte two's complement.
            if 2**31 <= value < 2**64 - 2**31:
                raise DecodeError(f'field {f.name}: {value} is no int32')
            if value >= 2**63:
                value -= 2**64
        return (bool(value) if f.kind == 'bool' else value), pos
    if wire != 2:
        raise DecodeError(f'field {f.name}: wire type {wire}, expected length-delimited')
    length, pos = _read_varint(buf, pos)
    if pos + length > len(buf):
        raise DecodeError(f'field {f.name}: length {length} runs past the end')
    raw = buf[pos:pos + length]
    pos += length
    if f.kind == 'string':
        try:
            return raw.decode('utf-8'), pos
        except UnicodeDecodeError:
            raise DecodeError(f'field {f.name}: not valid UTF-8') from None
    if f.kind == 'message':
        assert f.message is not None
        return _decode_fields(f.message, raw), pos
    return raw, pos  # bytes, and opaque messages kept as their bytes


def _decode_fields(msg: Message, buf: bytes) -> dict:
    out = empty(msg)
    seen: set[int] = set()
    oneofs: dict[str, int] = {}
    pos = 0
    while pos < len(buf):
        tag, pos = _read_varint(buf, pos)
        num, wire = tag >> 3, tag & 7
        f = msg.fields.get(num)
        if f is None:
            raise DecodeError(f'{msg.name}: unknown field {num}')
        if not f.repeated:
            if num in seen:
                raise DecodeError(f'{msg.name}: field {f.name} written twice')
            seen.add(num)
        if f.oneof is not None:
            if f.oneof in oneofs and oneofs[f.oneof] != num:
                raise DecodeError(f'{msg.name}: two members of oneof {f.oneof}')
            oneofs[f.oneof] = num
        value, pos = _decode_value(f, wire, buf, pos)
        if f.repeated:
            out[f.name].append(value)
        else:
            out[f.name] = value
    return out


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _encode_value(num: int, f: Field, value) -> bytes:
    if f.kind in _VARINT_KINDS:
        return _varint(num << 3) + _varint(int(value) % 2**64)
    if f.kind == 'string':
        data = value.encode('utf-8')
    elif f.kind == 'message':
        assert f.message is not None
        data = encode(f.message, value)
    else:
        data = bytes(value)
    return _varint((num << 3) | 2) + _varint(len(data)) + data


def encode(msg: Message, value: dict) -> bytes:
    """The canonical encoding: ascending field numbers, defaults omitted, present messages always written."""
    out = bytearray()
    for num in sorted(msg.fields):
        f = msg.fields[num]
        v = value.get(f.name, _default(f))
        if f.repeated:
            for item in v:
                out += _encode_value(num, f, item)
        elif f.kind in ('message', 'opaque'):
            if v is not None:
                out += _encode_value(num, f, v)
        elif v != _default(f):
            out += _encode_value(num, f, v)
    return bytes(out)


def decode(msg: Message, buf: bytes) -> dict:
    """Decode and insist on canonical bytes (section 1): raises DecodeError otherwise."""
    value = _decode_fields(msg, bytes(buf))
    if encode(msg, value) != bytes(buf):
        raise DecodeError(f'{msg.name}: not the canonical encoding of its fields')
    return value


def try_decode(msg: Message, buf: bytes) -> dict | None:
    try:
        return decode(msg, buf)
    except DecodeError:
        return None
