"""SM3 (GB/T 32905-2016) in pure Python.

Written out rather than taken from hashlib because hashlib offers SM3 only when the local OpenSSL
was built with it; a verifier that must run anywhere cannot depend on that.
"""

_IV = (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E)
_MASK = 0xFFFFFFFF


def _rotl(x: int, n: int) -> int:
    n %= 32
    return ((x << n) | (x >> (32 - n))) & _MASK


def _p0(x: int) -> int:
    return x ^ _rotl(x, 9) ^ _rotl(x, 17)


def _p1(x: int) -> int:
    return x ^ _rotl(x, 15) ^ _rotl(x, 23)


# T_j rotated left by j, per round (the standard's constants, rotated as the compression function does).
_T_ROT = tuple(_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64))


def _compress(v: list[int], block: bytes) -> list[int]:
    w = [int.from_bytes(block[i:i + 4], 'big') for i in range(0, 64, 4)]
    for j in range(16, 68):
        w.append(_p1(w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)) ^ _rotl(w[j - 13], 7) ^ w[j - 6])
    w1 = [w[j] ^ w[j + 4] for j in range(64)]
    a, b, c, d, e, f, g, h = v
    for j in range(64):
        a12 = _rotl(a, 12)
        ss1 = _rotl((a12 + e + _T_ROT[j]) & _MASK, 7)
        ss2 = ss1 ^ a12
        if j < 16:
            ff = a ^ b ^ c
            gg = e ^ f ^ g
        else:
            ff = (a & b) | (a & c) | (b & c)
            gg = (e & f) | (~e & g)
        tt1 = (ff + d + ss2 + w1[j]) & _MASK
        tt2 = (gg + h + ss1 + w[j]) & _MASK
        d, c, b, a = c, _rotl(b, 9), a, tt1
        h, g, f, e = g, _rotl(f, 19), e, _p0(tt2)
    return [x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h))]


def sm3(data: bytes) -> bytes:
    bit_len = len(data) * 8
    padded = data + b'\x80' + b'\x00' * ((55 - len(data)) % 64) + bit_len.to_bytes(8, 'big')
    v = list(_IV)
    for i in range(0, len(padded), 64):
        v = _compress(v, padded[i:i + 64])
    return b''.join(x.to_bytes(4, 'big') for x in v)
