"""Trust anchors (section 5, 13.2): a genesis, a trusted header with its set, or a trusted header hash.

An unusable anchor is an error of the verifier's input, never a verdict on the receipt (TrustError).
"""
import hashlib
import re
from dataclasses import dataclass

import proto
import receipt_io

MAX_SAFE = 2**53
_HEX = re.compile(r'(?:[0-9a-fA-F]{2})*')


class TrustError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class Trust:
    kind: str  # genesis | header | hash
    chain_id: str
    validators: list[tuple[bytes, int]]  # sorted by key bytes (section 2: the set's order)
    names: dict[bytes, str]
    trust_height: int = 0
    trusted_header: bytes = b''
    trusted_hash: bytes = b''


def valset_hash(validators: list[tuple[bytes, int]]) -> bytes:
    """SHA-256("tianping/valset/v1" || ValidatorSet bytes), validators in key order (section 4)."""
    ordered = sorted(validators, key=lambda v: v[0])
    body = proto.encode(proto.VALIDATOR_SET, {'validators': [{'public_key': k, 'power': p} for k, p in ordered]})
    return hashlib.sha256(b'tianping/valset/v1' + body).digest()


def _bad(message: str) -> TrustError:
    return TrustError('TRUST_INVALID', message)


def _hex(v, where: str) -> bytes:
    if not isinstance(v, str) or not _HEX.fullmatch(v):
        raise _bad(f'{where}: expected hex')
    return bytes.fromhex(v)


def _chain_id(doc: dict) -> str:
    cid = doc.get('chainId')
    if not isinstance(cid, str) or not 1 <= len(cid.encode('utf-8', 'surrogatepass')) <= 64:
        raise _bad('chainId: expected 1..64 UTF-8 bytes')
    return cid


def _validators(raw) -> tuple[list[tuple[bytes, int]], dict[bytes, str]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= 1024:
        raise _bad('validators: expected 1..1024 entries')
    out, names = [], {}
    for i, v in enumerate(raw):
        if not isinstance(v, dict):
            raise _bad(f'validators[{i}]: expected an object')
        key = _hex(v.get('publicKey'), f'validators[{i}].publicKey')
        power = v.get('power')
        if len(key) != 32:
            raise _bad(f'validators[{i}].publicKey: expected 32 bytes')
        if isinstance(power, bool) or not isinstance(power, int) or power < 1:
            raise _bad(f'validators[{i}].power: expected a positive integer')
        if key in names or any(k == key for k, _ in out):
            raise _bad(f'validators[{i}]: key given twice')
        out.append((key, power))
        if isinstance(v.get('name'), str):
            names[key] = v['name']
    if sum(p for _, p in out) >= MAX_SAFE:
        raise _bad('validators: total power not below 2^53')
    # The genesis file lists validators in its own order; the set, its hash and commit indexes use key order.
    return sorted(out, key=lambda v: v[0]), names


def _hash_arg(text: str) -> bytes:
    if not _HEX.fullmatch(text) or len(text) != 64:
        raise _bad('trusted header hash: expected 32 bytes of hex')
    return bytes.fromhex(text)


def trust_from_doc(doc, trusted_header_hash: str | None = None) -> Trust:
    if not isinstance(doc, dict):
        raise _bad('expected a JSON object')
    chain_id = _chain_id(doc)
    if trusted_header_hash is not None:
        return Trust('hash', chain_id, [], {}, trusted_hash=_hash_arg(trusted_header_hash))
    if 'trustedHeaderHash' in doc:
        h = doc['trustedHeaderHash']
        return Trust('hash', chain_id, [], {}, trusted_hash=_hash_arg(h if isinstance(h, str) else ''))
    validators, names = _validators(doc.get('validators'))
    if 'trustedHeader' not in doc:
        return Trust('genesis', chain_id, validators, names)
    header = _hex(doc['trustedHeader'], 'trustedHeader')
    h = proto.try_decode(proto.HEADER, header)
    if h is None:
        raise _bad('trustedHeader: does not decode canonically')
    if h['chain_id'] != chain_id:
        raise _bad('trustedHeader: names another chain id')
    if h['height'] < 1:
        raise _bad('trustedHeader: height below 1')
    if h['validators_hash'] != valset_hash(validators):
        raise _bad('trustedHeader: validators_hash is not the hash of the validators given')
    return Trust('header', chain_id, validators, names, trust_height=h['height'], trusted_header=header)


def load_trust(path: str, trusted_header: str | None = None) -> Trust:
    """--trust FILE, and --trusted-header HASH|FILE (a hash, or a file holding one)."""
    doc = _read_json(path)
    # Hex of any length is meant as a hash (and refused unless 32 bytes); anything else names a file.
    if trusted_header is not None and not re.fullmatch(r'[0-9a-fA-F]+', trusted_header):
        hash_doc = _read_json(trusted_header)
        found = hash_doc.get('trustedHeaderHash') if isinstance(hash_doc, dict) else None
        if not isinstance(found, str):
            raise _bad(f'{trusted_header}: no trustedHeaderHash')
        trusted_header = found
    return trust_from_doc(doc, trusted_header)


def _read_json(path: str):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise TrustError('TRUST_UNREADABLE', f'{path}: {e.strerror}') from None
    try:
        return receipt_io.parse_json_text(data)
    except receipt_io.FormatError as e:
        raise _bad(f'{path}: {e}') from None
