"""Trust anchors (section 5, 13.2): a genesis, a trusted header with its set, or a trusted header hash.

An unusable anchor is an error of the verifier's input, never a verdict on the receipt (TrustError,
code "trust-anchor"). The file format is the one section 5 gives, field by field.
"""
import hashlib
import re
from dataclasses import dataclass, field

import proto
import receipt_io

MAX_SAFE = 2**53
TRUST_ERROR = 'trust-anchor'
_HEX = re.compile(r'(?:[0-9a-fA-F]{2})*')


class TrustError(Exception):
    def __init__(self, message: str, code: str = TRUST_ERROR):
        super().__init__(message)
        self.code = code


@dataclass
class Trust:
    kind: str  # genesis | header | hash | witness
    chain_id: str
    validators: list[tuple[bytes, int]]  # sorted by key bytes (section 2: the set's order)
    names: dict[bytes, str]
    trust_height: int = 0
    trust_time: int | None = None  # the genesis time, or the trusted header's time_ms; none for a hash
    trusted_header: bytes = b''
    trusted_hash: bytes = b''
    witnesses: list[tuple[str, bytes, bytes]] = field(default_factory=list)  # (name, key ID, key), section 13.5
    k: int = 0


def valset_hash(validators: list[tuple[bytes, int]]) -> bytes:
    """SHA-256("tianping/valset/v1" || ValidatorSet bytes), validators in key order (section 4)."""
    ordered = sorted(validators, key=lambda v: v[0])
    body = proto.encode(proto.VALIDATOR_SET, {'validators': [{'public_key': k, 'power': p} for k, p in ordered]})
    return hashlib.sha256(b'tianping/valset/v1' + body).digest()


def _hex(v, where: str) -> bytes:
    # Trust files are typed by people: hex of either case (section 5), whole bytes.
    if not isinstance(v, str) or not _HEX.fullmatch(v):
        raise TrustError(f'{where}: expected hex of whole bytes')
    return bytes.fromhex(v)


def _int(v, where: str) -> int:
    return receipt_io.json_int(v, where, TrustError)


def _chain_id(doc: dict) -> str:
    cid = doc.get('chainId')
    if not isinstance(cid, str):
        raise TrustError('chainId: expected a string')
    try:
        size = len(cid.encode('utf-8'))
    except UnicodeEncodeError:
        raise TrustError('chainId: not UTF-8') from None
    if not 1 <= size <= 64:
        raise TrustError('chainId: expected 1..64 UTF-8 bytes')
    return cid


def _validators(raw) -> tuple[list[tuple[bytes, int]], dict[bytes, str]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= 1024:
        raise TrustError('validators: expected 1..1024 entries')
    out: list[tuple[bytes, int]] = []
    names: dict[bytes, str] = {}
    for i, v in enumerate(raw):
        if not isinstance(v, dict):
            raise TrustError(f'validators[{i}]: expected an object')
        key = _hex(v.get('publicKey'), f'validators[{i}].publicKey')
        if len(key) != 32:
            raise TrustError(f'validators[{i}].publicKey: expected 32 bytes')
        power = _int(v.get('power'), f'validators[{i}].power')
        if power < 1:
            raise TrustError(f'validators[{i}].power: expected at least 1')
        if 'name' in v and not isinstance(v['name'], str):
            raise TrustError(f'validators[{i}].name: expected a string')
        if any(k == key for k, _ in out):
            raise TrustError(f'validators[{i}]: key given twice')
        out.append((key, power))
        if 'name' in v:
            names[key] = v['name']
    if sum(p for _, p in out) >= MAX_SAFE:
        raise TrustError('validators: total power not below 2^53')
    # The file's order means nothing; the set, its hash and commit indexes use key order (sections 2, 5).
    return sorted(out, key=lambda v: v[0]), names


def _hash32(v, where: str) -> bytes:
    h = _hex(v, where)
    if len(h) != 32:
        raise TrustError(f'{where}: expected 32 bytes')
    return h


def trust_from_doc(doc) -> Trust:
    """Section 5: the kind is decided by the keys, in this order; keys not named are ignored."""
    if not isinstance(doc, dict):
        raise TrustError('expected a JSON object')
    chain_id = _chain_id(doc)
    if 'trustedHeaderHash' in doc:
        return Trust('hash', chain_id, [], {}, trusted_hash=_hash32(doc['trustedHeaderHash'], 'trustedHeaderHash'))
    validators, names = _validators(doc.get('validators'))
    if 'trustedHeader' not in doc:
        genesis_time = _int(doc.get('genesisTimeMs'), 'genesisTimeMs')
        return Trust('genesis', chain_id, validators, names, trust_time=genesis_time)
    header = _hex(doc['trustedHeader'], 'trustedHeader')
    h = proto.try_decode(proto.HEADER, header)
    if h is None:
        raise TrustError('trustedHeader: does not decode canonically')
    if h['chain_id'] != chain_id:
        raise TrustError('trustedHeader: names another chain id')
    if not 1 <= h['height'] < MAX_SAFE or h['time_ms'] >= MAX_SAFE:
        raise TrustError('trustedHeader: height 0, or a height or time of 2^53 or more')
    if h['validators_hash'] != valset_hash(validators):
        raise TrustError('trustedHeader: validators_hash is not the hash of the validators given')
    return Trust('header', chain_id, validators, names, trust_height=h['height'], trust_time=h['time_ms'],
                 trusted_header=header)


def load_trust(path: str, trusted_header: str | None = None) -> Trust:
    """--trust FILE, and --trusted-header HASH|FILE (a hash, or a trusted-header-hash file).

    With --trusted-header the --trust file is still read and checked as its kind (section 5: an
    unusable file is an error), and gives only the chain id.
    """
    trust = trust_from_doc(_read_json(path))
    if trusted_header is None:
        return trust
    # Hex of any length is meant as a hash (and refused unless 32 bytes); anything else names a file.
    if re.fullmatch(r'[0-9a-fA-F]+', trusted_header):
        hashed = _hash32(trusted_header, '--trusted-header')
    else:
        from_file = trust_from_doc(_read_json(trusted_header))
        if from_file.kind != 'hash':
            raise TrustError(f'{trusted_header}: not a trusted-header-hash file')
        hashed = from_file.trusted_hash
    return Trust('hash', trust.chain_id, [], {}, trusted_hash=hashed)


def load_witness_policy(policy_path: str, trust_path: str | None) -> Trust:
    """--witness-policy FILE [--trust GENESIS]: the chain id from the policy, else from the trust file."""
    import witness  # late: witness imports this module
    fallback = trust_from_doc(_read_json(trust_path)).chain_id if trust_path is not None else None
    chain_id, witnesses, k = witness.parse_policy(_read_json(policy_path), fallback)
    return Trust('witness', chain_id, [], {}, witnesses=witnesses, k=k)


def _read_json(path: str):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise TrustError(f'{path}: {e.strerror}') from None
    try:
        return receipt_io.parse_json_text(data)
    except receipt_io.FormatError as e:
        raise TrustError(f'{path}: {e}') from None
