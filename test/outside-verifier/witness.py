"""Version 2 receipts trusted through witnesses (receipt-format.md section 13.5; checkpoints.md sections 1, 2, 6).

A witness policy names k of n witness verifier keys; H is trusted when k of them cosigned H's
checkpoint, carried in the receipt as a C2SP signed note.
"""
import base64
import binascii
import hashlib
import re

import ed25519
from checks import need
from trust import TrustError

MAX_SAFE = 2**53
MAX_NOTE = 1024 * 1024
MAX_SIGNATURE_LINES = 100


def _b64(text: str) -> bytes | None:
    """Canonical standard base64 only (checkpoints.md section 2): None otherwise."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode() == text else None


def parse_witness_key(vkey: str) -> tuple[str, bytes, bytes]:
    """<name>+<key ID, 8 lowercase hex>+base64(0x04 || public key) -> (name, key ID, public key)."""
    parts = vkey.split('+', 2)  # the base64 may hold '+' of its own
    if len(parts) != 3:
        raise TrustError(f'witness key "{vkey}": expected <name>+<key ID>+<key>')
    name, key_id_hex, b64 = parts
    raw = _b64(b64)
    if not name or any(c.isspace() for c in name) or not re.fullmatch(r'[0-9a-f]{8}', key_id_hex):
        raise TrustError(f'witness key "{vkey}": bad name or key ID')
    if raw is None or len(raw) != 33 or raw[0] != 0x04:
        raise TrustError(f'witness key "{vkey}": not base64 of 0x04 and a 32-byte key')
    pub = raw[1:]
    point = ed25519.decode_point(pub)
    if point is None or ed25519._is_identity(ed25519._mul8(point)):
        raise TrustError(f'witness key "{vkey}": a non-canonical or low-order key')
    key_id = hashlib.sha256(name.encode() + b'\n\x04' + pub).digest()[:4]
    if key_id.hex() != key_id_hex:
        raise TrustError(f'witness key "{vkey}": key ID is not the one of its name and key')
    return name, key_id, pub


def parse_policy(doc, fallback_chain_id: str | None) -> tuple[str, list[tuple[str, bytes, bytes]], int]:
    """The witness policy file: witnesses (non-empty, distinct), k in 1..n, chainId optional, no other field."""
    if not isinstance(doc, dict):
        raise TrustError('witness policy: expected a JSON object')
    extra = set(doc) - {'chainId', 'witnesses', 'k'}
    if extra:
        raise TrustError(f'witness policy: unknown field "{sorted(extra)[0]}"')
    chain_id = doc.get('chainId', fallback_chain_id)
    if not isinstance(chain_id, str) or not 1 <= len(chain_id.encode('utf-8', 'surrogatepass')) <= 64:
        raise TrustError('witness policy: no chain id (give chainId, or a genesis with --trust)')
    raw = doc.get('witnesses')
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) for w in raw):
        raise TrustError('witness policy: witnesses must be a non-empty list of verifier keys')
    if len(set(raw)) != len(raw):
        raise TrustError('witness policy: a witness listed twice')
    witnesses = [parse_witness_key(w) for w in raw]
    if len({(n, i) for n, i, _ in witnesses}) != len(witnesses) or len({p for _, _, p in witnesses}) != len(witnesses):
        raise TrustError('witness policy: two witnesses share a key or a name and key ID')
    k = doc.get('k')
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(witnesses):
        raise TrustError('witness policy: k must be an integer in 1..the number of witnesses')
    return chain_id, witnesses, k


def split_note(note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """Text (final newline included) and its signature lines; the split is at the last blank line."""
    need(len(note.encode('utf-8')) <= MAX_NOTE, 'the note is larger than 1 MiB')
    need(all(c == '\n' or (ord(c) >= 0x20 and ord(c) != 0x7F) for c in note), 'the note holds a control character')
    need(note.endswith('\n'), 'the note does not end in a newline')
    cut = note.rfind('\n\n')
    need(cut >= 0, 'the note has no blank line')
    text, sigs = note[:cut + 1], note[cut + 2:]
    lines = sigs[:-1].split('\n') if sigs else []
    need(0 < len(lines) <= MAX_SIGNATURE_LINES, 'the note has no signature line, or more than 100')
    out = []
    for line in lines:
        m = re.fullmatch(r'\u2014 ([^ +]+) (\S+)', line)
        need(m is not None, f'not a signature line: "{line[:60]}"')
        raw = _b64(m.group(2))
        need(raw is not None and len(raw) >= 5, f'signature line of {m.group(1)}: not canonical base64 of 5 bytes or more')
        out.append((m.group(1), raw))
    return text, out


def parse_checkpoint(text: str) -> tuple[str, int, bytes]:
    lines = text[:-1].split('\n')
    need(len(lines) >= 3 and all(lines), 'the checkpoint has fewer than three lines, or an empty one')
    origin, size_text, root_text = lines[0], lines[1], lines[2]
    need(re.fullmatch(r'0|[1-9][0-9]*', size_text) is not None and int(size_text) < MAX_SAFE, 'bad checkpoint size')
    root = _b64(root_text)
    need(root is not None and len(root) == 32, 'the checkpoint root is not base64 of 32 bytes')
    return origin, int(size_text), root


def check_cosignatures(ctx: dict) -> None:
    """Check 11 of section 13.5."""
    note = ctx['r']['trusted']['witnessed_checkpoint']
    need(note != '', 'the receipt carries no witnessed checkpoint')
    text, sig_lines = split_note(note)
    origin, size, root = parse_checkpoint(text)
    th = ctx['th']
    need(origin == ctx['chain'], f'the checkpoint is of "{origin}"')
    need(size == th['height'] - 1, f'the checkpoint size {size} is not H.height - 1')
    need(root == th['history_root'], "the checkpoint root is not H's history root")
    by_id = {(name, key_id): pub for name, key_id, pub in ctx['policy_witnesses']}
    good: set[bytes] = set()
    failed = []
    for name, raw in sig_lines:
        pub = by_id.get((name, raw[:4]))
        if pub is None:
            continue  # the node's own line, or a witness the policy does not list
        if len(raw) != 4 + 8 + 64:
            failed.append(name)
            continue
        stamp = int.from_bytes(raw[4:12], 'big')
        signed = f'cosignature/v1\ntime {stamp}\n'.encode() + text.encode()
        if ed25519.verify_once(pub, signed, raw[12:]):
            good.add(pub)
        else:
            failed.append(name)
    k = ctx['policy_k']
    bad = f' (failing: {", ".join(failed)})' if failed else ''
    need(len(good) >= k, f'{len(good)} of the {k} witness cosignatures required verify{bad}')
