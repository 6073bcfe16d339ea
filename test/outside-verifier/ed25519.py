"""Ed25519 verification (RFC 8032 section 5.1.7) with the exact rule of docs/receipt-format.md section 1.

The rule: A and R decode strictly (y < p, no x = 0 with the sign bit set, y on the curve); S < L;
A not of small order; k = SHA-512(R || A || M) mod L; valid iff [8]([S]B - R - [k]A) is the
identity (cofactored). Points are kept in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.
"""
import hashlib

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
D2 = 2 * D % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1, 1, 0)

Point = tuple[int, int, int, int]


def _add(p1: Point, p2: Point) -> Point:
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = t1 * D2 * t2 % P
    d = z1 * 2 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _double(p1: Point) -> Point:
    x1, y1, z1, _ = p1
    a = x1 * x1 % P
    b = y1 * y1 % P
    c = 2 * z1 * z1 % P
    h = a + b
    e = h - (x1 + y1) * (x1 + y1)
    g = a - b
    f = c + g
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _neg(p1: Point) -> Point:
    x, y, z, t = p1
    return (-x % P, y, z, -t % P)


def _is_identity(p1: Point) -> bool:
    x, y, z, _ = p1
    return x % P == 0 and (y - z) % P == 0


def decode_point(s: bytes) -> Point | None:
    """Strict decoding: None for a non-canonical y, a point off the curve, or x = 0 with the sign bit set."""
    if len(s) != 32:
        return None
    n = int.from_bytes(s, 'little')
    sign = n >> 255
    y = n & ((1 << 255) - 1)
    if y >= P:
        return None
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x2 = u * pow(v, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
        if (x * x - x2) % P != 0:
            return None
    if x == 0 and sign == 1:
        return None
    if (x & 1) != sign:
        x = P - x
    return (x, y, 1, x * y % P)


_BY = 4 * pow(5, P - 2, P) % P
_BASE = decode_point(_BY.to_bytes(32, 'little'))
assert _BASE is not None


def _mul8(p1: Point) -> Point:
    return _double(_double(_double(p1)))


def _double_scalar(s: int, p1: Point, k: int, p2: Point) -> Point:
    """[s]p1 + [k]p2 in one pass (Straus/Shamir): one doubling chain for both scalars."""
    both = _add(p1, p2)
    acc = IDENTITY
    for i in range(max(s.bit_length(), k.bit_length()) - 1, -1, -1):
        acc = _double(acc)
        bs, bk = (s >> i) & 1, (k >> i) & 1
        if bs and bk:
            acc = _add(acc, both)
        elif bs:
            acc = _add(acc, p1)
        elif bk:
            acc = _add(acc, p2)
    return acc


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = decode_point(public_key)
    r = decode_point(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], 'little')
    if s >= L:
        return False
    if _is_identity(_mul8(a)):
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), 'little') % L
    # [S]B - [k]A - R, then the cofactor: -A is negated as a point, never as the scalar L - k,
    # which would differ from -[k]A when A carries a small-order component.
    q = _add(_double_scalar(s, _BASE, k, _neg(a)), _neg(r))
    return _is_identity(_mul8(q))


_memo: dict[tuple[bytes, bytes, bytes], bool] = {}


def verify_once(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """verify, remembered: receipts of one chain share set changes, so each signature is checked once."""
    key = (bytes(public_key), bytes(message), bytes(signature))
    if key not in _memo:
        _memo[key] = verify(*key)
    return _memo[key]
