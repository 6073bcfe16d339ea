#!/usr/bin/env python3
"""Receipts no vector holds, each with the outcome docs/receipt-format.md gives it, run through this
verifier and (unless --no-sdk) through the project's own CLI, `tianping verify`, as a black box.

  differential.py [--no-sdk] [--only NAME ...]

prints one JSON line per case ({case, page, python, sdk, agrees}) and a last line of totals. The
outcome is "valid", the id of the first failed check, or "error". The cases are variants of the
vectors (JSON forms, trust files) and receipts of a private chain (probe_chain.py) signed with keys
held here: expired txs, times out of order, undescribed actions, wide integers, witnesses (13.5).
"""
import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VECTORS = os.path.join(ROOT, 'test', 'vectors', 'receipts')
sys.path.insert(0, HERE)

import probe_chain as pc  # noqa: E402
import proto  # noqa: E402
import receipt_io  # noqa: E402
import verify_receipt  # noqa: E402
from merkle import sha256  # noqa: E402

EVIDENCE_TEXT = b'contract-2026-0117.pdf (stand-in text for the vectors)'


def _vector_cases(add) -> None:
    good = open(os.path.join(VECTORS, 'good-evidence.json'), 'rb').read()
    gj = json.loads(good)
    genesis = json.load(open(os.path.join(VECTORS, 'genesis.json')))
    v2 = open(os.path.join(VECTORS, 'good-evidence-v2.json'), 'rb').read()

    def variant(change) -> bytes:
        d = json.loads(good)
        change(d)
        return pc.dump(d)

    def vec(name, page, data, trust=None, extra=()):
        add(name, page, data, trust if trust is not None else pc.dump(genesis), EVIDENCE_TEXT, list(extra))

    def gen(change) -> bytes:
        g = json.loads(json.dumps(genesis))
        change(g)
        return pc.dump(g)
    vec('json-duplicate-key', 'format', good.replace(b'"salted": false,', b'"salted": true,\n  "salted": false,', 1))
    vec('json-number-1.0', 'valid', variant(lambda d: d.update(txIndex=1.0)))
    vec('json-number-1e0', 'valid', pc.dump(gj).replace(b'"version": 1,', b'"version": 1e0,', 1))
    vec('json-int-2^53+1', 'format', variant(lambda d: d.update(txIndex=2**53 + 1)))
    vec('json-view-without-time', 'format', variant(lambda d: d['header']['decoded'].pop('time')))
    vec('json-view-keys-reordered', 'valid',
        variant(lambda d: d['header'].update(decoded=dict(reversed(list(d['header']['decoded'].items()))))))
    vec('json-view-null', 'format', variant(lambda d: d['tx'].update(decoded=None)))
    vec('json-batch-null', 'format', variant(lambda d: d.update(batch=None)))
    vec('json-bom', 'valid', b'\xef\xbb\xbf' + good)
    vec('empty-file', 'format', b'')
    vec('json-array', 'format', b'[]')
    vec('json-chain-id-lone-surrogate', 'format',
        json.dumps(dict(gj, chainId='tianping-receipts\ud800')).encode())
    _, r = receipt_io.read_receipt(good)
    pb = receipt_io.anchor_to_proto(r)
    vec('protobuf-default-written', 'format', pb + b'\x28\x00')
    vec('genesis-reversed', 'valid', good, gen(lambda g: g['validators'].reverse()))
    vec('genesis-upper-case-hex', 'valid', good,
        gen(lambda g: g['validators'][0].update(publicKey=g['validators'][0]['publicKey'].upper())))
    vec('genesis-power-1.0', 'valid', good, gen(lambda g: g['validators'][0].update(power=10.0)))
    vec('genesis-without-time', 'error', good, gen(lambda g: g.pop('genesisTimeMs')))
    vec('genesis-duplicate-key', 'error', good, pc.dump(genesis).replace(b'"chainId"', b'"chainId": "x", "chainId"', 1))
    vec('salt-empty-unsalted', 'item-digest', good, extra=['--salt', ''])
    bad_genesis = gen(lambda g: g['validators'][0].update(power=0))
    vec('trusted-header-hash-beside-bad-genesis', 'error', v2, bad_genesis,
        ['--trusted-header', 'b50c2b3b3b10e983963ea823509d3861edbbd46eee6865051c6d79b9edf4d596'])
    thh = json.load(open(os.path.join(VECTORS, 'trusted-header-hash.json')))
    vec('trusted-header-hash-upper-case', 'valid', v2, pc.dump(dict(thh, trustedHeaderHash=thh['trustedHeaderHash'].upper())))


def _chain_cases(add) -> None:
    g = pc.dump(pc.genesis())

    def own(name, page, rec, trust=g, extra=()):
        add(name, page, pc.dump(rec), trust, pc.FILE, list(extra))
    t = pc.BLOCK_TIME
    own('baseline', 'valid', pc.receipt())
    own('expiry-at-block-time', 'tx-inclusion', pc.receipt(body_over={'expires_at_ms': t}))
    own('expiry-1ms-after', 'valid', pc.receipt(body_over={'expires_at_ms': t + 1}))
    own('expiry-0', 'tx-inclusion', pc.receipt(body_over={'expires_at_ms': 0}))
    own('expiry-10-years', 'valid', pc.receipt(body_over={'expires_at_ms': t + 10 * 365 * 86_400_000}))
    own('block-at-genesis-time', 'header', pc.receipt(header_over={'time_ms': pc.GENESIS_TIME}))
    own('height-2^53', 'header', pc.receipt(header_over={'height': 2**53}))
    own('time-max', 'tx-inclusion', pc.receipt(header_over={'time_ms': 8_640_000_000_000_000}))
    own('time-max+1', 'header', pc.receipt(header_over={'time_ms': 8_640_000_000_000_001}))
    own('app-hash-5-bytes', 'valid', pc.receipt(header_over={'app_hash': b'12345'}))
    own('proposer-not-a-validator', 'valid', pc.receipt(header_over={'proposer': b'\x07' * 32}))
    own('events-root-without-count', 'valid', pc.receipt(header_over={'events_root': b'\x05' * 32}))
    own('commit-signatures-unordered', 'valid', pc.receipt(signers=(2, 0, 1)))
    ev = dict(pc.body()['anchor_evidence'], metadata_digest=b'12345')
    own('metadata-digest-5-bytes', 'valid', pc.receipt(body_over={'anchor_evidence': ev}))
    for name, over in (('join-request-garbage', {'join_request': b'\xff\xff'}), ('case-create-empty', {'case_create': b''}),
                       ('no-action', {})):
        b = pc.body(anchor_evidence=None, **over)
        own(f'action-{name}', 'tx-decode', pc.receipt(raw_tx=pc.sign_tx(b)))
    own('enum-2^31', 'tx-decode', pc.receipt(raw_tx=pc.sign_tx(pc.body(anchor_evidence=dict(ev, algorithm=2**31)))))
    own('enum-negative', 'tx-item', pc.receipt(raw_tx=pc.sign_tx(pc.body(anchor_evidence=dict(ev, algorithm=-1)))))
    own('nonce-2^64-1', 'valid', pc.receipt(body_over={'nonce': 2**64 - 1}))
    own('set-change', 'valid', pc.with_set_change(t - 5_000, t))
    own('set-change-after-block', 'set-changes', pc.with_set_change(t + 5_000, t))
    own('set-change-at-genesis-time', 'set-changes', pc.with_set_change(pc.GENESIS_TIME, t))
    own('set-change-heights-apart', 'valid', pc.with_set_change(t - 5_000, t, change_height=1, head_height=5))
    # A trusted header at height 1 (time t + 20 s), then blocks at height 2 before and after it.
    th = proto.encode(proto.HEADER, pc.header(None, time_ms=t + 20_000))
    tf = pc.dump({'chainId': pc.CHAIN, 'trustedHeader': th.hex(), 'validators': pc.genesis()['validators']})
    for name, page, when in (('after', 'valid', t + 30_000), ('before', 'header', t + 10_000)):
        own(f'trusted-header-block-{name}', page,
            pc.receipt(header_over={'height': 2, 'time_ms': when, 'prev_block_hash': sha256(th)}), tf)

    def event(name, page, rec, trust=g):
        add(name, page, pc.dump(rec), trust, None, [])
    event('event', 'valid', pc.event_receipt())
    event('event-count-differs', 'event-inclusion', pc.event_receipt(count_in_header=2))
    event('event-at-genesis-time', 'header', pc.event_receipt(time_ms=pc.GENESIS_TIME))
    ev = pc.event_receipt()
    event('event-with-header-hash', 'error', ev,
          pc.dump({'chainId': pc.CHAIN, 'trustedHeaderHash': sha256(bytes.fromhex(ev['header']['hex'])).hex()}))

    def v2(name, page, rec_hb, extra=(), trust=None):
        rec, hb = rec_hb
        own(name, page, rec, trust or pc.dump({'chainId': pc.CHAIN, 'trustedHeaderHash': sha256(hb).hex()}), extra)
    v2('v2', 'valid', pc.version2())
    v2('v2-H-older-than-block', 'valid', pc.version2(h_time=t - 1))
    v2('v2-expired', 'tx-inclusion', pc.version2(expiry=t))
    v2('v2-block-before-genesis-time', 'valid', pc.version2(block_time=pc.GENESIS_TIME - 1))
    _witness_cases(own, v2)


def _witness_cases(own, v2) -> None:
    _, hb = pc.version2()
    root = proto.decode(proto.HEADER, hb)['history_root']
    text = pc.checkpoint_text(root)
    cos = pc.cosignature_line
    policies = {}

    def pol(k, listed=(0, 1, 2), **extra):
        key = json.dumps([k, listed, extra])
        policies.setdefault(key, pc.dump(pc.policy(k, listed, **extra)))
        return policies[key]

    def w(name, page, note, policy):
        v2(name, page, pc.version2(note=note), ['--witness-policy', policy], pc.dump(pc.genesis()))
    w('witness-2-of-2', 'valid', pc.note(text, [pc.node_line(text), cos(0, text), cos(1, text)]), pol(2))
    w('witness-1-of-2', 'witness-cosignatures', pc.note(text, [pc.node_line(text), cos(0, text)]), pol(2))
    w('witness-bad-line-counts-nothing', 'valid', pc.note(text, [cos(0, text, flip=True), cos(1, text)]), pol(1))
    w('witness-no-node-line', 'valid', pc.note(text, [cos(0, text), cos(2, text)]), pol(2))
    other = pc.checkpoint_text(b'\x07' * 32)
    w('witness-other-root', 'witness-cosignatures', pc.note(other, [cos(0, other), cos(1, other)]), pol(2))
    ext = pc.checkpoint_text(root, extension='extension line\n')
    w('witness-extension-line', 'valid', pc.note(ext, [cos(0, ext), cos(1, ext)]), pol(2))
    w('witness-one-witness-twice', 'witness-cosignatures', pc.note(text, [cos(0, text), cos(0, text, 1_767_225_701)]), pol(2))
    w('witness-no-note', 'witness-cosignatures', None, pol(2))
    w('witness-unlisted', 'witness-cosignatures', pc.note(text, [cos(2, text), cos(1, text)]), pol(2, (0, 1)))
    w('witness-policy-extra-field', 'error', pc.note(text, [cos(0, text)]), pol(1, note='x'))
    w('witness-policy-k-too-big', 'error', pc.note(text, [cos(0, text)]), pol(4))
    own('witness-v1-receipt', 'format', pc.receipt(), pc.dump(pc.genesis()), ['--witness-policy', pol(1)])


def cases() -> list[dict]:
    out: list[dict] = []

    def add(name, page, receipt, trust, evidence, extra):
        out.append({'case': name, 'page': page, 'receipt': receipt, 'trust': trust, 'file': evidence, 'extra': extra})
    _vector_cases(add)
    _chain_cases(add)
    return out


def _materialise(case: dict, folder: str) -> tuple[str, list[str]]:
    """Writes the case's files; returns the receipt path and the flags, bytes among them made into files."""
    def write(suffix: str, data: bytes) -> str:
        path = os.path.join(folder, f'{case["case"]}.{suffix}')
        with open(path, 'wb') as f:
            f.write(data)
        return path
    receipt = write('receipt', case['receipt'])
    flags = ['--trust', write('trust.json', case['trust'])]
    if case['file'] is not None:
        flags += ['--file', write('file', case['file'])]
    for i, arg in enumerate(case['extra']):
        flags.append(write(f'arg{i}.json', arg) if isinstance(arg, bytes) else arg)
    return receipt, flags


def outcome_python(receipt: str, flags: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        verify_receipt.main([receipt, *flags])
    line = json.loads(out.getvalue().strip().splitlines()[-1])
    return 'error' if line['error'] else (line['failedCheck'] or 'valid')


def outcome_sdk(receipt: str, flags: list[str]) -> str:
    """`tianping verify FILE --receipt R --trust T ... --json`: exit 2 is an error, else the first failed check."""
    file_flag = flags.index('--file') if '--file' in flags else -1
    evidence = [flags[file_flag + 1]] if file_flag >= 0 else []
    rest = [f for i, f in enumerate(flags) if file_flag < 0 or i not in (file_flag, file_flag + 1)]
    cmd = ['npx', 'tsx', 'src/cli/main.ts', 'verify', *evidence, '--receipt', receipt, *rest, '--json']
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode == 2:
        return 'error'
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        return f'unreadable output (exit {done.returncode})'
    failed = [c['id'] for c in result.get('checks', []) if not c.get('ok')]
    return failed[0] if failed else ('valid' if result.get('valid') else f'exit {done.returncode}')


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--no-sdk', action='store_true', help='run this verifier only (no Node.js needed)')
    p.add_argument('--only', nargs='*', default=[], help='run only the cases named')
    args = p.parse_args(argv)
    totals = {'cases': 0, 'pythonAgrees': 0, 'sdkAgrees': 0, 'sdkRun': not args.no_sdk}
    with tempfile.TemporaryDirectory() as folder:
        for case in cases():
            if args.only and case['case'] not in args.only:
                continue
            receipt, flags = _materialise(case, folder)
            line = {'case': case['case'], 'page': case['page'], 'python': outcome_python(receipt, flags)}
            if not args.no_sdk:
                line['sdk'] = outcome_sdk(receipt, flags)
            line['agrees'] = line['python'] == case['page'] and line.get('sdk', case['page']) == case['page']
            totals['cases'] += 1
            totals['pythonAgrees'] += line['python'] == case['page']
            totals['sdkAgrees'] += line.get('sdk') == case['page']
            print(json.dumps(line), flush=True)
    print(json.dumps(totals))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
