"""The `decoded` views of section 3 (and 12.3), computed from the bytes, for comparison with a file's own.

A view is None when the bytes do not decode canonically: section 3 says a writer then omits it, so a
receipt that carries one there is malformed.
"""
import hashlib

import proto

MAX_TIME_MS = 8_640_000_000_000_000  # the last instant a JavaScript Date represents (year 275760)
ALGORITHM_NAMES = {1: 'sha256', 2: 'sm3'}
MAX_SAFE = 2**53
MAX_TX = 16 * 1024 * 1024


def jint(n: int):
    """A view's integer: a JSON number below 2^53, else the string of its decimal digits (section 3)."""
    return n if n < MAX_SAFE else str(n)


def _civil_from_days(z: int) -> tuple[int, int, int]:
    """Proleptic Gregorian date of day z since 1970-01-01 (datetime stops at year 9999; dates here may not)."""
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def iso_time(ms: int) -> str:
    """ISO 8601 UTC as JavaScript's Date.toISOString writes it (6-digit signed year past 9999)."""
    days, rem = divmod(ms, 86_400_000)
    y, mo, d = _civil_from_days(days)
    year = f'{y:04d}' if 0 <= y <= 9999 else f'{"+" if y > 0 else "-"}{abs(y):06d}'
    hh, rem = divmod(rem, 3_600_000)
    mm, rem = divmod(rem, 60_000)
    ss, milli = divmod(rem, 1000)
    return f'{year}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{milli:03d}Z'


def algorithm_name(n: int):
    return ALGORITHM_NAMES.get(n, n)


def tx_view(tx: bytes) -> dict | None:
    """Exists only for the structural rules of check 4 that need no trust anchor, and an anchor action."""
    if not 1 <= len(tx) <= MAX_TX:
        return None
    signed = proto.try_decode(proto.SIGNED_TX, tx)
    if signed is None or len(signed['signature']) != 64:
        return None
    body = proto.try_decode(proto.TX_BODY, signed['body'])
    if body is None or len(body['signer']) != 32:
        return None
    if body['anchor_evidence'] is not None:
        action = 'anchor_evidence'
    elif body['anchor_batch'] is not None:
        action = 'anchor_batch'
    else:
        return None
    view = {
        'hash': hashlib.sha256(tx).hexdigest(), 'chainId': body['chain_id'], 'signer': body['signer'].hex(),
        'nonce': jint(body['nonce']), 'expiresAtMs': jint(body['expires_at_ms']),
        'signature': signed['signature'].hex(),
        'action': 'anchorEvidence' if action == 'anchor_evidence' else 'anchorBatch',
    }
    if action == 'anchor_evidence':
        a = body[action]
        view['anchorEvidence'] = {
            'algorithm': algorithm_name(a['algorithm']), 'digest': a['digest'].hex(), 'category': a['category'],
            'externalRef': a['external_ref'], 'metadataDigest': a['metadata_digest'].hex(), 'salted': a['salted'],
        }
    elif action == 'anchor_batch':
        a = body[action]
        batch = {
            'algorithm': algorithm_name(a['algorithm']), 'category': a['category'], 'externalRef': a['external_ref'],
            'metadataDigest': a['metadata_digest'].hex(), 'salted': a['salted'],
        }
        if a['indexed'] is not None:
            batch.update(kind='indexed', itemCount=len(a['indexed']['digests']))
        elif a['root_only'] is not None:
            batch.update(kind='root-only', itemCount=jint(a['root_only']['item_count']), root=a['root_only']['root'].hex())
        else:
            batch.update(kind='none', itemCount=0)
        view['anchorBatch'] = batch
    return view


def header_view(header: bytes) -> dict | None:
    h = proto.try_decode(proto.HEADER, header)
    if h is None:
        return None
    view = {'blockHash': hashlib.sha256(header).hexdigest(), 'chainId': h['chain_id'], 'height': jint(h['height']),
            'timeMs': jint(h['time_ms'])}
    if h['time_ms'] <= MAX_TIME_MS:
        view['time'] = iso_time(h['time_ms'])
    for key, name in (('prevBlockHash', 'prev_block_hash'), ('historyRoot', 'history_root'), ('txRoot', 'tx_root'),
                      ('appHash', 'app_hash'), ('resultsHash', 'results_hash'), ('validatorsHash', 'validators_hash'),
                      ('nextValidatorsHash', 'next_validators_hash'), ('proposer', 'proposer')):
        view[key] = h[name].hex()
    view['txCount'] = h['tx_count']
    if h['events_root']:
        view['eventsRoot'] = h['events_root'].hex()
    if h['event_count']:
        view['eventCount'] = h['event_count']
    return view


def commit_view(commit: bytes) -> dict | None:
    c = proto.try_decode(proto.COMMIT, commit)
    if c is None:
        return None
    return {'height': jint(c['height']), 'round': c['round'], 'blockHash': c['block_hash'].hex(),
            'signatures': [{'validatorIndex': s['validator_index'], 'signature': s['signature'].hex()}
                           for s in c['signatures']]}


def same_json(a, b) -> bool:
    """Equality of JSON values as JavaScript sees them: 5 and 5.0 are one number; true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b
