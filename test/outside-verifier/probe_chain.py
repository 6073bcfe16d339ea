"""A private chain built from docs/receipt-format.md alone, with keys held here, for receipts no vector has.

Signing is RFC 8032 section 5.1.6 over the points of ed25519.py. Every receipt made here is
self-consistent unless a caller changes a field: what a check refuses is then the change alone.
"""
import base64
import hashlib
import json

import ed25519 as E
import proto
import trust
from merkle import leaf_hash, mth_of_leaves, sha256

CHAIN = 'probe-chain'
GENESIS_TIME = 1_767_225_600_000
BLOCK_TIME = GENESIS_TIME + 10_000
EXPIRY = 1_800_000_000_000


def _mul(k: int, p):
    acc = E.IDENTITY
    for i in range(k.bit_length() - 1, -1, -1):
        acc = E._double(acc)
        if (k >> i) & 1:
            acc = E._add(acc, p)
    return acc


def _encode(p) -> bytes:
    x, y, z, _ = p
    zi = pow(z, E.P - 2, E.P)
    x, y = x * zi % E.P, y * zi % E.P
    return (y | ((x & 1) << 255)).to_bytes(32, 'little')


class Key:
    def __init__(self, seed: bytes):
        h = hashlib.sha512(seed).digest()
        a = int.from_bytes(h[:32], 'little')
        a = (a & ((1 << 254) - 8)) | (1 << 254)
        self.a, self.prefix, self.pub = a, h[32:], _encode(_mul(a, E._BASE))

    def sign(self, m: bytes) -> bytes:
        r = int.from_bytes(hashlib.sha512(self.prefix + m).digest(), 'little') % E.L
        big_r = _encode(_mul(r, E._BASE))
        k = int.from_bytes(hashlib.sha512(big_r + self.pub + m).digest(), 'little') % E.L
        return big_r + ((r + k * self.a) % E.L).to_bytes(32, 'little')


VALS = sorted([Key(bytes([i]) * 32) for i in range(4)], key=lambda k: k.pub)
SUBMITTER = Key(b'\x09' * 32)
SET = [(k.pub, 10) for k in VALS]
FILE = b'probe file'
FILE_DIGEST = hashlib.sha256(FILE).digest()


def genesis() -> dict:
    return {'chainId': CHAIN, 'genesisTimeMs': GENESIS_TIME,
            'validators': [{'name': f'v{i}', 'publicKey': k.pub.hex(), 'power': 10} for i, k in enumerate(VALS)],
            # What `tianping genesis` also writes: ignored by a receipt verifier (section 5), read by the node's.
            'members': [{'name': 'p', 'organisation': 'P', 'role': 'submitter', 'publicKey': SUBMITTER.pub.hex()}],
            'categories': ['copyright']}


def body(**over) -> dict:
    b = proto.empty(proto.TX_BODY)
    b.update(chain_id=CHAIN, signer=SUBMITTER.pub, nonce=1, expires_at_ms=EXPIRY,
             anchor_evidence={'algorithm': 1, 'digest': FILE_DIGEST, 'category': 'copyright', 'external_ref': 'x',
                              'metadata_digest': b'', 'salted': False})
    b.update(over)
    return b


def sign_tx(b: dict) -> bytes:
    raw = proto.encode(proto.TX_BODY, b)
    c = CHAIN.encode()
    return proto.encode(proto.SIGNED_TX, {'body': raw, 'signature': SUBMITTER.sign(b'tianping/tx/v1' + bytes([len(c)]) + c + raw)})


def header(tx: bytes | None, **over) -> dict:
    h = proto.empty(proto.HEADER)
    vh = trust.valset_hash(SET)
    h.update(chain_id=CHAIN, height=1, time_ms=BLOCK_TIME, prev_block_hash=b'\0' * 32, history_root=sha256(b''),
             tx_root=mth_of_leaves([leaf_hash(sha256(tx))]) if tx else sha256(b''), app_hash=b'\1' * 32,
             results_hash=b'\2' * 32, validators_hash=vh, next_validators_hash=vh, proposer=VALS[0].pub,
             tx_count=1 if tx else 0)
    h.update(over)
    return h


def commit(header_bytes: bytes, height: int, rnd: int = 0, signers=(0, 1, 2)) -> bytes:
    c = CHAIN.encode()
    bh = sha256(header_bytes)
    sb = b'tianping/vote/v1' + bytes([len(c)]) + c + height.to_bytes(8, 'big') + rnd.to_bytes(4, 'big') + b'\x02' + bh
    sigs = [{'validator_index': i, 'signature': VALS[i].sign(sb)} for i in signers]
    return proto.encode(proto.COMMIT, {'height': height, 'round': rnd, 'block_hash': bh, 'signatures': sigs})


def receipt(body_over=None, header_over=None, raw_tx: bytes | None = None, signers=(0, 1, 2)) -> dict:
    """A version 1 receipt of the tx alone in its block, without decoded views (they are optional)."""
    tx = raw_tx if raw_tx is not None else sign_tx(body(**(body_over or {})))
    h = header(tx, **(header_over or {}))
    hb = proto.encode(proto.HEADER, h)
    return {'format': 'tianping-receipt', 'version': 1, 'chainId': CHAIN, 'algorithm': 'sha256',
            'digest': FILE_DIGEST.hex(), 'salted': False, 'tx': {'hex': tx.hex()}, 'txIndex': 0, 'txCount': 1,
            'txProof': [], 'header': {'hex': hb.hex()}, 'commit': {'hex': commit(hb, h['height'], signers=signers).hex()},
            'setChanges': []}


def event_receipt(event: bytes = b'\x0a\x03abc', count_in_header: int = 1, **header_over) -> dict:
    """An event receipt (section 12) of the only event of a block with no tx."""
    h = header(None, events_root=leaf_hash(event), event_count=count_in_header, **header_over)
    hb = proto.encode(proto.HEADER, h)
    return {'format': 'tianping-receipt', 'kind': 'event', 'version': 1, 'chainId': CHAIN, 'event': {'hex': event.hex()},
            'eventIndex': 0, 'eventCount': 1, 'eventProof': [], 'header': {'hex': hb.hex()},
            'commit': {'hex': commit(hb, h['height']).hex()}, 'setChanges': []}


NEW_SET = [(k.pub, 30 if i == 0 else 10) for i, k in enumerate(VALS)]


def with_set_change(change_time: int, head_time: int, change_height: int = 1, head_height: int = 2,
                    signers=(0, 1, 2)) -> dict:
    """A set change at change_height announcing NEW_SET, then the anchor's block signed by NEW_SET."""
    old, new = trust.valset_hash(SET), trust.valset_hash(NEW_SET)
    ch = header(None, height=change_height, time_ms=change_time, validators_hash=old, next_validators_hash=new)
    chb = proto.encode(proto.HEADER, ch)
    r = receipt(header_over={'height': head_height, 'time_ms': head_time, 'validators_hash': new,
                             'next_validators_hash': new, 'prev_block_hash': sha256(chb)}, signers=signers)
    r['setChanges'] = [{'header': {'hex': chb.hex()}, 'commit': {'hex': commit(chb, change_height).hex()},
                        'nextValidators': [{'publicKey': k.hex(), 'power': p} for k, p in sorted(NEW_SET)]}]
    return r


def version2(block_time: int = BLOCK_TIME, h_time: int = BLOCK_TIME + 10_000, expiry: int = EXPIRY,
             note: str | None = None) -> tuple[dict, bytes]:
    """A version 2 receipt of block 1 against H = block 2, and H's header bytes."""
    r = receipt(body_over={'expires_at_ms': expiry}, header_over={'time_ms': block_time})
    b1 = bytes.fromhex(r['header']['hex'])
    hb = proto.encode(proto.HEADER, header(None, height=2, time_ms=h_time, prev_block_hash=sha256(b1),
                                           history_root=sha256(b1)))
    del r['commit'], r['setChanges']
    r['version'] = 2
    r['trusted'] = {'header': {'hex': hb.hex()}, 'historyProof': {'leafIndex': 0, 'treeSize': 1, 'hashes': []}}
    if note is not None:
        r['trusted']['witnessedCheckpoint'] = note
    return r, hb


WITNESSES = [Key(bytes([0x40 + i]) * 32) for i in range(3)]
WITNESS_NAMES = [f'w{i}.example/witness' for i in range(3)]


def witness_key(i: int) -> tuple[bytes, str]:
    kid = hashlib.sha256(WITNESS_NAMES[i].encode() + b'\n\x04' + WITNESSES[i].pub).digest()[:4]
    return kid, f'{WITNESS_NAMES[i]}+{kid.hex()}+{base64.b64encode(bytes([4]) + WITNESSES[i].pub).decode()}'


def checkpoint_text(root: bytes, size: int = 1, extension: str = '') -> str:
    return f'{CHAIN}\n{size}\n{base64.b64encode(root).decode()}\n{extension}'


def node_line(text: str) -> str:
    k = VALS[0]
    kid = hashlib.sha256(CHAIN.encode() + b'\n\x01' + k.pub).digest()[:4]
    return f'\u2014 {CHAIN} {base64.b64encode(kid + k.sign(text.encode())).decode()}'


def cosignature_line(i: int, text: str, stamp: int = 1_767_225_700, flip: bool = False) -> str:
    kid, _ = witness_key(i)
    sig = WITNESSES[i].sign(f'cosignature/v1\ntime {stamp}\n'.encode() + text.encode())
    if flip:
        sig = bytes([sig[0] ^ 1]) + sig[1:]
    return f'\u2014 {WITNESS_NAMES[i]} {base64.b64encode(kid + stamp.to_bytes(8, "big") + sig).decode()}'


def note(text: str, lines: list[str]) -> str:
    return text + '\n' + '\n'.join(lines) + '\n'


def policy(k: int, listed=(0, 1, 2), **extra) -> dict:
    return {'chainId': CHAIN, 'witnesses': [witness_key(i)[1] for i in listed], 'k': k, **extra}


def dump(obj) -> bytes:
    return json.dumps(obj, indent=1).encode()
