"""The checks of sections 6 (version 1), 13.3 (version 2) and 12.5 (event receipts), in order.

Each check reads what earlier checks left in a shared context and raises Fail with a one-line
detail. Any other exception a hostile input provokes is that check's failure, never a crash.
"""
import hashlib

import ed25519
import proto
from merkle import leaf_hash, mth_of_leaves, sha256, verify_inclusion
from sm3 import sm3
from trust import Trust, valset_hash

MAX_SAFE = 2**53
MAX_TIME_MS = 8_640_000_000_000_000
MAX_TX = 16 * 1024 * 1024

ANCHOR_CHECKS = ['format', 'chain-id', 'item-digest', 'tx-decode', 'tx-signature', 'tx-item', 'header',
                 'tx-inclusion', 'set-changes', 'validators-hash', 'commit-block', 'commit-signatures']
TRUSTED_CHECKS = ANCHOR_CHECKS[:8] + ['trusted-header', 'history-inclusion']
EVENT_CHECKS = ['format', 'chain-id', 'header', 'event-inclusion', 'set-changes', 'validators-hash',
                'commit-block', 'commit-signatures']


class Fail(Exception):
    pass


def need(cond: bool, detail: str) -> None:
    if not cond:
        raise Fail(detail)


def evidence_hash(algorithm: int, data: bytes) -> bytes:
    return hashlib.sha256(data).digest() if algorithm == 1 else sm3(data)


def _proof_ok(entries: list[bytes]) -> bool:
    return len(entries) <= 53 and all(len(e) == 32 for e in entries)


def _set_ok(vals: list[dict]) -> bool:
    keys = [v['public_key'] for v in vals]
    return (1 <= len(vals) <= 1024 and all(len(k) == 32 for k in keys) and all(v['power'] >= 1 for v in vals)
            and all(a < b for a, b in zip(keys, keys[1:])) and sum(v['power'] for v in vals) < MAX_SAFE)


def _set_changes_format(changes: list[dict]) -> None:
    for i, c in enumerate(changes):
        need(len(c['header']) > 0 and len(c['commit']) > 0, f'set change {i}: empty header or commit')
        nv = c['next_validators']
        need(nv is not None and _set_ok(nv['validators']), f'set change {i}: next_validators malformed')


def _chain_id_ok(chain_id: str) -> bool:
    return 1 <= len(chain_id.encode('utf-8')) <= 64


def commit_rule(ctx: dict, commit: dict, current: list[tuple[bytes, int]]) -> tuple[list[bytes], int, int]:
    """Section 6, the commit rule: every signature valid, no index twice, more than 2/3 of the power."""
    sign_bytes = (b'tianping/vote/v1' + bytes([len(ctx['chain_bytes'])]) + ctx['chain_bytes']
                  + commit['height'].to_bytes(8, 'big') + commit['round'].to_bytes(4, 'big') + b'\x02'
                  + commit['block_hash'])
    seen: set[int] = set()
    signers, signed = [], 0
    for s in commit['signatures']:
        i = s['validator_index']
        need(i < len(current), f'validator index {i} beyond the set of {len(current)}')
        need(i not in seen, f'validator index {i} twice')
        seen.add(i)
        key, power = current[i]
        need(ed25519.verify_once(key, sign_bytes, s['signature']), f'signature of validator {i} does not verify')
        signers.append(key)
        signed += power
    total = sum(p for _, p in current)
    need(3 * signed > 2 * total, f'signed power {signed} of {total} is not more than 2/3')
    # Reported in ascending validator_index, i.e. key order (section 10).
    return sorted(signers), signed, total


def _decode(msg: proto.Message, data: bytes, what: str) -> dict:
    try:
        return proto.decode(msg, data)
    except proto.DecodeError as e:
        raise Fail(f'{what}: {e}') from None


def check_header(ctx: dict, use_trusted_height: bool) -> None:
    """Section 6 check 7 (and 12.5 check 3)."""
    h = _decode(proto.HEADER, ctx['r']['header'], 'header')
    # Section 1: a header's height stays below 2^53; its time is a representable date.
    need(h['height'] < MAX_SAFE, 'header height not below 2^53')
    need(h['time_ms'] <= MAX_TIME_MS, 'header time is not a representable date')
    need(h['chain_id'] == ctx['chain'], 'header names another chain')
    need(h['height'] >= 1, 'header height below 1')
    t: Trust = ctx['trust']
    if use_trusted_height and t.kind == 'header':
        need(h['height'] >= t.trust_height, 'header below the trusted header')
        need(h['height'] != t.trust_height or ctx['r']['header'] == t.trusted_header,
             'header at the trusted height is not the trusted header')
    # Block times strictly increase from the genesis (the time of height 0) or the trusted header.
    if t.trust_time is not None and h['height'] > t.trust_height:
        need(h['time_ms'] > t.trust_time, f'header time {h["time_ms"]} is not after the trust anchor\'s {t.trust_time}')
    ctx['h'] = h


def check_set_changes(ctx: dict) -> None:
    t: Trust = ctx['trust']
    current = list(t.validators)
    lowest = max(1, t.trust_height)
    after = t.trust_time
    changes = ctx['r']['set_changes']
    for i, c in enumerate(changes):
        ch = _decode(proto.HEADER, c['header'], f'set change {i} header')
        need(ch['height'] < MAX_SAFE and ch['time_ms'] <= MAX_TIME_MS, f'set change {i}: height or time out of range')
        need(ch['chain_id'] == ctx['chain'], f'set change {i}: another chain')
        need(lowest <= ch['height'] < ctx['h']['height'], f'set change {i}: height {ch["height"]} out of order')
        if t.kind == 'header' and ch['height'] == t.trust_height:
            need(c['header'] == t.trusted_header, f'set change {i}: not the trusted header')
        if ch['height'] > t.trust_height and after is not None:
            need(ch['time_ms'] > after, f'set change {i}: time {ch["time_ms"]} is not after {after}')
        need(ch['validators_hash'] == valset_hash(current), f'set change {i}: not signed by the set in force')
        cc = _decode(proto.COMMIT, c['commit'], f'set change {i} commit')
        need(cc['height'] == ch['height'] and cc['block_hash'] == sha256(c['header']),
             f'set change {i}: commit of another block')
        commit_rule(ctx, cc, current)
        nv = [(v['public_key'], v['power']) for v in c['next_validators']['validators']]
        need(valset_hash(nv) == ch['next_validators_hash'], f'set change {i}: next_validators is not the set announced')
        current, lowest, after = nv, ch['height'] + 1, ch['time_ms']
    if changes:
        need(ctx['h']['time_ms'] > after, f'header time {ctx["h"]["time_ms"]} is not after the last set change ({after})')
    ctx['current'] = current


def check_validators_hash(ctx: dict) -> None:
    need(ctx['h']['validators_hash'] == valset_hash(ctx['current']), 'header not signed by the set in force')


def check_commit_block(ctx: dict) -> None:
    c = _decode(proto.COMMIT, ctx['r']['commit'], 'commit')
    need(c['height'] == ctx['h']['height'], 'commit of another height')
    need(c['block_hash'] == sha256(ctx['r']['header']), 'commit of another block')
    ctx['c'] = c


def check_commit_signatures(ctx: dict) -> None:
    ctx['signers'], ctx['signed'], ctx['total'] = commit_rule(ctx, ctx['c'], ctx['current'])


def run(names: list[str], table: dict, ctx: dict) -> dict:
    """Runs the checks in order, stopping at the first failure; reports each that ran."""
    ran = []
    for name in names:
        try:
            table[name](ctx)
        except Fail as e:
            ran.append({'id': name, 'ok': False, 'detail': str(e)})
            return {'ok': False, 'failedCheck': name, 'checks': ran, 'notRun': names[len(ran):]}
        except Exception as e:  # noqa: BLE001 - a hostile input's crash is the check's failure (section 6)
            ran.append({'id': name, 'ok': False, 'detail': f'{type(e).__name__}: {e}'})
            return {'ok': False, 'failedCheck': name, 'checks': ran, 'notRun': names[len(ran):]}
        ran.append({'id': name, 'ok': True})
    return {'ok': True, 'failedCheck': None, 'checks': ran, 'notRun': []}


def format_failure(names: list[str], reason: str) -> dict:
    """A document that does not parse as a receipt: the format check fails and no other runs."""
    return {'ok': False, 'failedCheck': 'format', 'checks': [{'id': 'format', 'ok': False, 'detail': reason}],
            'notRun': names[1:]}
