"""Anchor receipts: the twelve checks of section 6 (version 1) and the ten of section 13.3 (version 2)."""
import ed25519
import proto
from checks import (ANCHOR_CHECKS, MAX_SAFE, MAX_TX, TRUSTED_CHECKS, _chain_id_ok, _proof_ok, _set_changes_format, check_commit_block,
                    check_commit_signatures, check_header, check_set_changes, check_validators_hash, evidence_hash,
                    need, run)
from merkle import leaf_hash, mth_of_leaves, sha256, verify_inclusion
from trust import Trust
from witness import check_cosignatures


def _format(ctx: dict) -> None:
    r, t = ctx['r'], ctx['trust']
    if t.kind in ('hash', 'witness'):
        need(r['version'] == 2, f'version {r["version"]}: a trusted header hash or witness policy proves only version 2 receipts')
    else:
        need(r['version'] == 1, f'version {r["version"]}: a genesis or trusted header proves only version 1 receipts')
    need(_chain_id_ok(r['chain_id']), 'chain_id is not 1..64 UTF-8 bytes')
    need(r['algorithm'] in (1, 2), f'algorithm {r["algorithm"]} is not 1 or 2')
    need(len(r['digest']) == 32, 'digest is not 32 bytes')
    b = r['batch']
    if b is not None:
        need(1 <= b['item_count'] < MAX_SAFE and b['item_index'] < b['item_count'], 'batch position out of range')
        need(_proof_ok(b['path']), 'batch path malformed')
    need(1 <= len(r['tx']) <= MAX_TX, 'tx is not 1 B..16 MiB')
    need(r['tx_count'] >= 1 and r['tx_index'] < r['tx_count'], 'tx position out of range')
    need(_proof_ok(r['tx_proof']), 'tx_proof malformed')
    need(len(r['header']) > 0, 'header is empty')
    if r['version'] == 1:
        need(len(r['commit']) > 0, 'commit is empty')
        need(r['trusted'] is None, 'a version 1 receipt carries no trusted history')
        _set_changes_format(r['set_changes'])
    else:
        tr = r['trusted']
        need(tr is not None, 'trusted is missing')
        need(len(r['commit']) == 0 and not r['set_changes'], 'a version 2 receipt carries no commit or set change')
        need(len(tr['header']) > 0, 'trusted.header is empty')
        hp = tr['history_proof']
        need(hp is not None, 'trusted.history_proof is missing')
        need(1 <= hp['tree_size'] < MAX_SAFE and hp['leaf_index'] < hp['tree_size'], 'history proof position out of range')
        need(_proof_ok(hp['hashes']), 'history proof hashes malformed')


def _chain_id(ctx: dict) -> None:
    need(ctx['r']['chain_id'] == ctx['chain'], f'receipt names chain "{ctx["r"]["chain_id"]}"')


def _item_digest(ctx: dict) -> None:
    r, ev = ctx['r'], ctx['evidence']
    if ev.get('file') is not None:
        file_digest = evidence_hash(r['algorithm'], ev['file'])
    else:
        file_digest = ev.get('file_digest') or b''
        need(len(file_digest) == 32, 'the file digest given is not 32 bytes')
    salt = ev.get('salt')
    if r['salted']:
        need(salt is not None and len(salt) > 0, 'a salted item needs its salt')
        item = evidence_hash(r['algorithm'], salt + file_digest)
    else:
        need(salt is None, 'a salt was given for an unsalted item')
        item = file_digest
    need(item == r['digest'], 'the evidence does not give the receipt digest')


def _tx_decode(ctx: dict) -> None:
    st = proto.decode(proto.SIGNED_TX, ctx['r']['tx'])
    need(len(st['signature']) == 64, 'tx signature is not 64 bytes')
    body = proto.decode(proto.TX_BODY, st['body'])
    need(len(body['signer']) == 32, 'signer is not 32 bytes')
    need(body['chain_id'] == ctx['chain'], 'tx body names another chain')
    need(body['anchor_evidence'] is not None or body['anchor_batch'] is not None,
         'the tx is not an anchor (its action is another, or none)')
    ctx['st'], ctx['body'] = st, body


def _tx_signature(ctx: dict) -> None:
    chain = ctx['chain_bytes']
    msg = b'tianping/tx/v1' + bytes([len(chain)]) + chain + ctx['st']['body']
    need(ed25519.verify_once(ctx['body']['signer'], msg, ctx['st']['signature']), 'tx signature does not verify')


def _tx_item(ctx: dict) -> None:
    r, body = ctx['r'], ctx['body']
    b = r['batch']
    if body['anchor_evidence'] is not None:
        action = body['anchor_evidence']
        need(b is None, 'a single anchor has no batch path')
        need(action['digest'] == r['digest'], 'the anchored digest is not the receipt digest')
    elif body['anchor_batch'] is not None:
        action = body['anchor_batch']
        need(b is not None, 'a batch anchor needs the batch path')
        leaf = leaf_hash(r['digest'])
        if action['indexed'] is not None:
            digests = action['indexed']['digests']
            need(b['item_count'] == len(digests), 'item_count is not the number of digests')
            need(digests[b['item_index']] == r['digest'], 'the indexed digest is not the receipt digest')
            if b['path']:
                need(all(len(d) == 32 for d in digests), 'a batch digest is not 32 bytes')
                root = mth_of_leaves([leaf_hash(d) for d in digests])
                need(verify_inclusion(leaf, b['item_index'], b['item_count'], b['path'], root), 'batch path fails')
        elif action['root_only'] is not None:
            ro = action['root_only']
            need(b['item_count'] == ro['item_count'], 'item_count is not the batch count')
            need(verify_inclusion(leaf, b['item_index'], b['item_count'], b['path'], ro['root']), 'batch path fails')
        else:
            raise_fail('a batch of neither kind')
    else:
        raise_fail('the tx anchors nothing')  # unreachable: check 4 refuses any other action
    need(action['algorithm'] == r['algorithm'], 'the anchor names another algorithm')
    need(action['salted'] == r['salted'], 'the anchor has another salted flag')
    ctx['action'] = action


def raise_fail(detail: str) -> None:
    need(False, detail)


def _tx_inclusion(ctx: dict) -> None:
    r, h = ctx['r'], ctx['h']
    need(h['tx_count'] == r['tx_count'], 'header tx_count differs')
    need(verify_inclusion(leaf_hash(sha256(r['tx'])), r['tx_index'], r['tx_count'], r['tx_proof'], h['tx_root']),
         'tx audit path fails')
    # A block holds only applied txs, and no node applies a tx at or after its expiry (check 8).
    need(ctx['body']['expires_at_ms'] > h['time_ms'],
         f'the tx expired at {ctx["body"]["expires_at_ms"]}, not after the block time {h["time_ms"]}')


def _trusted_header(ctx: dict) -> None:
    tr, t = ctx['r']['trusted'], ctx['trust']
    # Through witnesses (section 13.5) H's hash is the receipt's own; check 11 is what trusts it.
    if t.kind != 'witness':
        need(sha256(tr['header']) == t.trusted_hash, 'trusted.header is not the header trusted')
    th = proto.decode(proto.HEADER, tr['header'])
    need(th['chain_id'] == ctx['chain'], 'trusted header names another chain')
    need(th['time_ms'] <= 8_640_000_000_000_000, 'trusted header time is not representable')
    need(ctx['h']['height'] < th['height'] < MAX_SAFE, 'the trusted header is not above the block (or not below 2^53)')
    ctx['th'] = th


def _history_inclusion(ctx: dict) -> None:
    hp, h, th = ctx['r']['trusted']['history_proof'], ctx['h'], ctx['th']
    need(hp['tree_size'] == th['height'] - 1, 'tree_size is not the trusted height - 1')
    need(hp['leaf_index'] == h['height'] - 1, 'leaf_index is not the block height - 1')
    need(verify_inclusion(sha256(ctx['r']['header']), hp['leaf_index'], hp['tree_size'], hp['hashes'],
                          th['history_root']), 'history proof fails')


TABLE = {
    'format': _format, 'chain-id': _chain_id, 'item-digest': _item_digest, 'tx-decode': _tx_decode,
    'tx-signature': _tx_signature, 'tx-item': _tx_item, 'header': lambda ctx: check_header(ctx, True),
    'tx-inclusion': _tx_inclusion, 'set-changes': check_set_changes, 'validators-hash': check_validators_hash,
    'commit-block': check_commit_block, 'commit-signatures': check_commit_signatures,
    'trusted-header': _trusted_header, 'history-inclusion': _history_inclusion,
    'witness-cosignatures': check_cosignatures,
}


def checks_for(trust: Trust) -> list[str]:
    if trust.kind == 'witness':
        return TRUSTED_CHECKS + ['witness-cosignatures']
    return TRUSTED_CHECKS if trust.kind == 'hash' else ANCHOR_CHECKS


def verify_anchor(receipt: dict, evidence: dict, trust: Trust) -> dict:
    ctx = {'r': receipt, 'evidence': evidence, 'trust': trust, 'chain': trust.chain_id,
           'chain_bytes': trust.chain_id.encode('utf-8'), 'policy_witnesses': trust.witnesses, 'policy_k': trust.k}
    result = run(checks_for(trust), TABLE, ctx)
    if result['ok']:
        result['facts'] = _facts(ctx)
    return result


def _facts(ctx: dict) -> dict:
    r, h, body, action, t = ctx['r'], ctx['h'], ctx['body'], ctx['action'], ctx['trust']
    facts = {
        'height': h['height'], 'blockTimeMs': h['time_ms'], 'blockHash': sha256(r['header']).hex(),
        'txHash': sha256(r['tx']).hex(), 'txIndex': r['tx_index'], 'submitter': body['signer'].hex(),
        'category': action['category'], 'externalRef': action['external_ref'],
        'algorithm': 'sha256' if r['algorithm'] == 1 else 'sm3', 'digest': r['digest'].hex(), 'salted': r['salted'],
        'signers': [k.hex() for k in ctx.get('signers', [])], 'signedPower': ctx.get('signed', 0),
        'totalPower': ctx.get('total', 0), 'setChanges': len(r['set_changes']),
    }
    if r['batch'] is not None:
        kind = 'indexed' if body['anchor_batch']['indexed'] is not None else 'root-only'
        facts['batch'] = {'kind': kind, 'itemIndex': r['batch']['item_index'], 'itemCount': r['batch']['item_count']}
    if t.kind in ('hash', 'witness'):
        facts['trustHeight'] = ctx['th']['height']
    elif t.kind == 'header':
        facts['trustHeight'] = t.trust_height
    return facts
