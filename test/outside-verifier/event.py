"""Event receipts (section 12): the eight checks of 12.5."""
from checks import (EVENT_CHECKS, _chain_id_ok, _proof_ok, _set_changes_format, check_commit_block,
                    check_commit_signatures, check_header, check_set_changes, check_validators_hash, need, run)
from merkle import leaf_hash, sha256, verify_inclusion
from trust import Trust


def _format(ctx: dict) -> None:
    r = ctx['r']
    # Assumed: section 12 names the trust anchors of section 5 but a header hash proves only version 2 anchors.
    need(ctx['trust'].kind in ('genesis', 'header'), 'an event receipt is proved from a genesis or a trusted header')
    need(r['kind'] == 'event' and r['version'] == 1, 'not an event receipt of version 1')
    need(_chain_id_ok(r['chain_id']), 'chain_id is not 1..64 UTF-8 bytes')
    need(1 <= len(r['event']) <= 1024 * 1024, 'event is not 1 B..1 MiB')
    need(1 <= r['event_count'] <= 65536 and r['event_index'] < r['event_count'], 'event position out of range')
    need(_proof_ok(r['event_proof']), 'event_proof malformed')
    need(len(r['header']) > 0 and len(r['commit']) > 0, 'header or commit empty')
    _set_changes_format(r['set_changes'])


def _chain_id(ctx: dict) -> None:
    need(ctx['r']['chain_id'] == ctx['chain'], f'receipt names chain "{ctx["r"]["chain_id"]}"')


def _event_inclusion(ctx: dict) -> None:
    r, h = ctx['r'], ctx['h']
    need(h['event_count'] == r['event_count'], 'header event_count differs')
    need(len(h['events_root']) == 32, 'the header has no events root')
    need(verify_inclusion(leaf_hash(r['event']), r['event_index'], r['event_count'], r['event_proof'],
                          h['events_root']), 'event audit path fails')


TABLE = {
    'format': _format, 'chain-id': _chain_id, 'header': lambda ctx: check_header(ctx, True),
    'event-inclusion': _event_inclusion, 'set-changes': check_set_changes, 'validators-hash': check_validators_hash,
    'commit-block': check_commit_block, 'commit-signatures': check_commit_signatures,
}


def verify_event(receipt: dict, trust: Trust) -> dict:
    ctx = {'r': receipt, 'trust': trust, 'chain': trust.chain_id, 'chain_bytes': trust.chain_id.encode('utf-8')}
    result = run(EVENT_CHECKS, TABLE, ctx)
    if result['ok']:
        r, h = ctx['r'], ctx['h']
        result['facts'] = {
            'height': h['height'], 'blockTimeMs': h['time_ms'], 'blockHash': sha256(r['header']).hex(),
            'eventIndex': r['event_index'], 'eventCount': r['event_count'], 'eventSha256': sha256(r['event']).hex(),
            'eventsRoot': h['events_root'].hex(), 'signers': [k.hex() for k in ctx['signers']],
            'signedPower': ctx['signed'], 'totalPower': ctx['total'], 'setChanges': len(r['set_changes']),
        }
    return result
