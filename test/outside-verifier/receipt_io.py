"""Reading a receipt file (JSON, section 3 / 12.3, or protobuf, section 2 / 12.2) into the protobuf-shaped
dict the checks run on. Every fault of the document raises FormatError: the `format` verdict."""
import json
import math
import re

import proto
import views

MAX_SAFE = 2**53
_HEX = re.compile(r'(?:[0-9a-f]{2})*')


class FormatError(Exception):
    pass


def _no_duplicates(pairs: list) -> dict:
    out = {}
    for k, v in pairs:
        if k in out:
            raise FormatError(f'duplicate key "{k}"')
        out[k] = v
    return out


def _no_constant(name: str):
    raise FormatError(f'{name} is not JSON')


def parse_json_text(data: bytes):
    """Strict JSON: UTF-8 (an optional byte-order mark), no duplicate keys, no NaN/Infinity."""
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        raise FormatError('not UTF-8') from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise FormatError(f'not JSON: {e.msg} at {e.pos}') from None


class _Obj:
    """One JSON object read field by field; close() refuses the fields nobody asked for."""

    def __init__(self, value, where: str):
        if not isinstance(value, dict):
            raise FormatError(f'{where}: expected an object')
        self.value, self.where, self.used = value, where, set()

    def _get(self, key: str, optional: bool = False):
        self.used.add(key)
        if key not in self.value:
            if optional:
                return None
            raise FormatError(f'{self.where}.{key}: missing')
        return self.value[key]

    def has(self, key: str) -> bool:
        return key in self.value

    def int(self, key: str) -> int:
        return json_int(self._get(key), f'{self.where}.{key}', FormatError)

    def str(self, key: str) -> str:
        v = self._get(key)
        if not isinstance(v, str):
            raise FormatError(f'{self.where}.{key}: expected a string')
        try:
            v.encode('utf-8')
        except UnicodeEncodeError:
            raise FormatError(f'{self.where}.{key}: a lone surrogate') from None
        return v

    def bool(self, key: str) -> bool:
        v = self._get(key)
        if not isinstance(v, bool):
            raise FormatError(f'{self.where}.{key}: expected a boolean')
        return v

    def hex(self, key: str) -> bytes:
        return _hex(self._get(key), f'{self.where}.{key}')

    def hex_list(self, key: str) -> list[bytes]:
        return [_hex(x, f'{self.where}.{key}[{i}]') for i, x in enumerate(self.list(key))]

    def list(self, key: str) -> list:
        v = self._get(key)
        if not isinstance(v, list):
            raise FormatError(f'{self.where}.{key}: expected an array')
        return v

    def obj(self, key: str, optional: bool = False) -> '_Obj | None':
        v = self._get(key, optional)
        return None if v is None and optional and key not in self.value else _Obj(v, f'{self.where}.{key}')

    def close(self) -> None:
        extra = sorted(set(self.value) - self.used)
        if extra:
            raise FormatError(f'{self.where}: unknown field "{extra[0]}"')


def json_int(v, where: str, error: type) -> int:
    """Section 3: the number read as the nearest double (as JSON.parse does) is an integer in 0..2^53-1."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise error(f'{where}: expected an integer')
    as_double = float(v) if isinstance(v, int) and abs(v) < 2**1024 else v
    if not isinstance(as_double, float) or not math.isfinite(as_double) or as_double != math.floor(as_double) \
            or not 0 <= as_double < MAX_SAFE:
        raise error(f'{where}: expected an integer in 0..2^53-1')
    return int(as_double)


def _hex(v, where: str) -> bytes:
    if not isinstance(v, str) or not _HEX.fullmatch(v):
        raise FormatError(f'{where}: expected lowercase hex of whole bytes')
    return bytes.fromhex(v)


def _bytes_with_view(o: _Obj, key: str, view_fn) -> bytes:
    """{hex, decoded?}: the bytes, and the check that a present view is exactly the one they give."""
    sub = o.obj(key)
    data = sub.hex('hex')
    if sub.has('decoded'):
        given = sub._get('decoded')
        computed = view_fn(data) if view_fn else None
        if computed is None or not views.same_json(computed, given):
            raise FormatError(f'{sub.where}.decoded: differs from the view of its bytes')
    sub.close()
    return data


def _set_changes(o: _Obj) -> list[dict]:
    out = []
    for i, raw in enumerate(o.list('setChanges')):
        c = _Obj(raw, f'setChanges[{i}]')
        change = {'header': _bytes_with_view(c, 'header', views.header_view),
                  'commit': _bytes_with_view(c, 'commit', views.commit_view)}
        vals = []
        for j, rv in enumerate(c.list('nextValidators')):
            v = _Obj(rv, f'{c.where}.nextValidators[{j}]')
            vals.append({'public_key': v.hex('publicKey'), 'power': v.int('power')})
            v.close()
        change['next_validators'] = {'validators': vals}
        c.close()
        out.append(change)
    return out


def _start(doc) -> _Obj:
    o = _Obj(doc, 'receipt')
    if o.str('format') != 'tianping-receipt':
        raise FormatError('format: not "tianping-receipt"')
    return o


def anchor_from_json(doc) -> dict:
    o = _start(doc)
    version = o.int('version')
    if version not in (1, 2):
        raise FormatError(f'version {version} is not known')
    r = proto.empty(proto.RECEIPT)
    r['version'] = version
    r['chain_id'] = o.str('chainId')
    algorithm = o.str('algorithm')
    if algorithm not in ('sha256', 'sm3'):
        raise FormatError(f'algorithm "{algorithm}" is not sha256 or sm3')
    r['algorithm'] = 1 if algorithm == 'sha256' else 2
    r['digest'] = o.hex('digest')
    r['salted'] = o.bool('salted')
    batch = o.obj('batch', optional=True)
    if batch is not None:
        r['batch'] = {'item_index': batch.int('itemIndex'), 'item_count': batch.int('itemCount'),
                      'path': batch.hex_list('path')}
        batch.close()
    r['tx'] = _bytes_with_view(o, 'tx', views.tx_view)
    r['tx_index'] = o.int('txIndex')
    r['tx_count'] = o.int('txCount')
    r['tx_proof'] = o.hex_list('txProof')
    r['header'] = _bytes_with_view(o, 'header', views.header_view)
    if version == 1:
        r['commit'] = _bytes_with_view(o, 'commit', views.commit_view)
        r['set_changes'] = _set_changes(o)
    else:
        t = o.obj('trusted')
        hp = t.obj('historyProof')
        r['trusted'] = {'header': _bytes_with_view(t, 'header', views.header_view),
                        'history_proof': {'leaf_index': hp.int('leafIndex'), 'tree_size': hp.int('treeSize'),
                                          'hashes': hp.hex_list('hashes')},
                        'witnessed_checkpoint': ''}
        if t.has('witnessedCheckpoint'):
            note = t.str('witnessedCheckpoint')
            # Section 13.5: never empty in JSON, as proto3 writes no empty string.
            if note == '':
                raise FormatError('trusted.witnessedCheckpoint is empty')
            r['trusted']['witnessed_checkpoint'] = note
        hp.close()
        t.close()
    o.close()
    return r


def event_from_json(doc) -> dict:
    o = _start(doc)
    if o.str('kind') != 'event':
        raise FormatError('kind is not "event"')
    version = o.int('version')
    if version != 1:
        raise FormatError(f'event receipt version {version} is not known')
    r = proto.empty(proto.EVENT_RECEIPT)
    r.update(kind='event', version=1, chain_id=o.str('chainId'))
    r['event'] = _bytes_with_view(o, 'event', None)
    r['event_index'] = o.int('eventIndex')
    r['event_count'] = o.int('eventCount')
    r['event_proof'] = o.hex_list('eventProof')
    r['header'] = _bytes_with_view(o, 'header', views.header_view)
    r['commit'] = _bytes_with_view(o, 'commit', views.commit_view)
    r['set_changes'] = _set_changes(o)
    o.close()
    return r


def read_receipt(data: bytes) -> tuple[str, dict]:
    """('anchor' | 'event', receipt). Protobuf starts 08 (anchor) or 0a (event); JSON starts with {."""
    if data[:1] == b'\x08':
        return 'anchor', _from_proto(proto.RECEIPT, data)
    if data[:1] == b'\x0a':
        r = _from_proto(proto.EVENT_RECEIPT, data)
        if r['kind'] != 'event':
            raise FormatError(f'kind "{r["kind"]}" is not "event"')
        return 'event', r
    doc = parse_json_text(data)
    if isinstance(doc, dict) and 'kind' in doc:
        return 'event', event_from_json(doc)
    return 'anchor', anchor_from_json(doc)


def _from_proto(msg: proto.Message, data: bytes) -> dict:
    try:
        return proto.decode(msg, data)
    except proto.DecodeError as e:
        raise FormatError(str(e)) from None


def anchor_to_proto(r: dict) -> bytes:
    return proto.encode(proto.RECEIPT, r)
