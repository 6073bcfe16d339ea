#!/usr/bin/env python3
"""Tianping receipt verifier written from docs/receipt-format.md alone (Python 3.11, standard library only).

  verify_receipt.py RECEIPT --trust TRUST.json [--trusted-header HASH|FILE]
                    [--file PATH | --file-digest HEX] [--salt HEX] [--detail]
  verify_receipt.py RECEIPT --witness-policy POLICY.json [--trust GENESIS.json] ...
      prints one JSON line {"ok", "failedCheck", "error"}; exit 0 valid, 1 invalid, 2 error.
  verify_receipt.py --vectors DIR
      reads DIR/index.json and prints one JSON line per vector: the verdict, the facts proved, the
      SHA-256 of the receipt's protobuf form, and whether all of it agrees with the vector's expect.
"""
import argparse
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import receipt_io  # noqa: E402
from anchor import checks_for, verify_anchor  # noqa: E402
from checks import EVENT_CHECKS, format_failure  # noqa: E402
from event import verify_event  # noqa: E402
from trust import Trust, TrustError, load_trust, load_witness_policy  # noqa: E402


class InputError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _hex_arg(text: str, what: str) -> bytes:
    if not re.fullmatch(r'(?:[0-9a-fA-F]{2})*', text):
        raise InputError('usage', f'{what}: not hex')
    return bytes.fromhex(text)


def judge(data: bytes, evidence: dict | None, trust: Trust) -> tuple[dict, bytes | None]:
    """The verdict on a receipt's bytes, and the protobuf form of an anchor receipt that parsed."""
    try:
        kind, receipt = receipt_io.read_receipt(data)
    except receipt_io.FormatError as e:
        names = EVENT_CHECKS if data.lstrip()[:1] == b'\x0a' else checks_for(trust)
        return format_failure(names, str(e)), None
    if kind == 'event':
        if trust.kind not in ('genesis', 'header'):
            # Sections 6 and 12.5: only signatures prove an event, so an anchor without a set is unusable.
            raise TrustError('an event receipt is proved only from a genesis or a trusted header with its set')
        if evidence:
            raise InputError('usage', 'a file, digest or salt beside an event receipt')
        return verify_event(receipt, trust), None
    if not evidence or (evidence.get('file') is None and evidence.get('file_digest') is None):
        raise InputError('usage', 'an anchor receipt is checked against a file (--file or --file-digest)')
    return verify_anchor(receipt, evidence, trust), receipt_io.anchor_to_proto(receipt)


def _verdict(result: dict | None, error: str | None) -> dict:
    if error is not None:
        return {'ok': False, 'failedCheck': None, 'error': error}
    assert result is not None
    return {'ok': result['ok'], 'failedCheck': result['failedCheck'], 'error': None}


def main_single(args: argparse.Namespace) -> int:
    try:
        if args.witness_policy is not None:
            trust = load_witness_policy(args.witness_policy, args.trust)
        else:
            trust = load_trust(args.trust, args.trusted_header)
        evidence: dict = {}
        if args.file is not None and args.file_digest is not None:
            raise InputError('usage', '--file and --file-digest exclude each other')
        if args.file is not None:
            try:
                with open(args.file, 'rb') as f:
                    evidence['file'] = f.read()
            except OSError as e:
                raise InputError('unreadable', f'{args.file}: {e.strerror}') from None
        if args.file_digest is not None:
            evidence['file_digest'] = _hex_arg(args.file_digest, '--file-digest')
        if args.salt is not None:
            evidence['salt'] = _hex_arg(args.salt, '--salt')
        try:
            with open(args.receipt, 'rb') as f:
                data = f.read()
        except OSError as e:
            raise InputError('unreadable', f'{args.receipt}: {e.strerror}') from None
        result, _ = judge(data, evidence, trust)
    except (TrustError, InputError) as e:
        print(f'error: {e}', file=sys.stderr)
        print(json.dumps(_verdict(None, e.code)))
        return 2
    line = _verdict(result, None)
    if args.detail:
        line.update(checks=result['checks'], notRun=result['notRun'], facts=result.get('facts'))
    print(json.dumps(line))
    return 0 if result['ok'] else 1


def _agrees(expect: dict, line: dict, proto_sha: str | None, want_sha: str | None) -> bool:
    if expect.get('error') is not None or line['error'] is not None:
        return expect.get('error') == line['error'] and not line['ok']
    if expect.get('valid') is not line['ok']:
        return False
    if not expect['valid']:
        return expect.get('failedCheck') == line['failedCheck']
    facts = line.get('facts') or {}
    same = all(k == 'valid' or facts.get(k) == v for k, v in expect.items())
    return same and (want_sha is None or proto_sha == want_sha)


def main_vectors(directory: str) -> int:
    with open(os.path.join(directory, 'index.json'), 'rb') as f:
        index = json.loads(f.read())
    trusts: dict[str, Trust] = {}
    for v in index['vectors']:
        line: dict = {'name': v['name']}
        proto_sha = None
        try:
            if v['trust'] not in trusts:
                trusts[v['trust']] = load_trust(os.path.join(directory, v['trust']))
            ev_in = v.get('evidence') or {}
            evidence: dict = {}
            if 'fileText' in ev_in:
                evidence['file'] = ev_in['fileText'].encode('utf-8')
            if 'fileDigest' in ev_in:
                evidence['file_digest'] = _hex_arg(ev_in['fileDigest'], 'fileDigest')
            if 'salt' in ev_in:
                evidence['salt'] = _hex_arg(ev_in['salt'], 'salt')
            with open(os.path.join(directory, v['receipt']), 'rb') as f:
                data = f.read()
            result, proto_bytes = judge(data, evidence, trusts[v['trust']])
            line.update(_verdict(result, None))
            line['facts'] = result.get('facts')
            if not result['ok']:
                line['detail'] = result['checks'][-1].get('detail')
            proto_sha = hashlib.sha256(proto_bytes).hexdigest() if proto_bytes is not None else None
        except (TrustError, InputError) as e:
            line.update(_verdict(None, e.code), detail=str(e))
        except OSError as e:
            line.update(_verdict(None, 'unreadable'), detail=str(e))
        line['protobufSha256'] = proto_sha
        line['agrees'] = _agrees(v['expect'], line, proto_sha, v.get('protobufSha256'))
        print(json.dumps(line), flush=True)
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('receipt', nargs='?', help='the receipt file, JSON or protobuf')
    p.add_argument('--trust', help='genesis, trusted-header or trusted-header-hash file (section 5)')
    p.add_argument('--trusted-header', help='a trusted header hash (64 hex) or a file holding one (section 13.2)')
    p.add_argument('--witness-policy', help='a witness policy file: k of n witnesses trust H (section 13.5)')
    p.add_argument('--file', help='the evidence file')
    p.add_argument('--file-digest', help='the evidence file digest, hex (instead of --file)')
    p.add_argument('--salt', help='the salt of a salted item, hex')
    p.add_argument('--detail', action='store_true', help='add every check run, with its detail, and the facts proved')
    p.add_argument('--vectors', metavar='DIR', help='check every vector of DIR/index.json, one line each')
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    if args.vectors is not None:
        return main_vectors(args.vectors)
    if args.receipt is None or (args.trust is None and args.witness_policy is None):
        print('error: RECEIPT and --trust (or --witness-policy) are required (or --vectors DIR)', file=sys.stderr)
        print(json.dumps(_verdict(None, 'usage')))
        return 2
    return main_single(args)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
