"""RFC 6962 trees and inclusion proofs (section 4 of docs/receipt-format.md)."""
import hashlib


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf_hash(d: bytes) -> bytes:
    return sha256(b'\x00' + d)


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b'\x01' + left + right)


def mth_of_leaves(leaves: list[bytes]) -> bytes:
    """MTH over already-hashed leaf nodes; the empty tree is SHA-256("")."""
    if not leaves:
        return sha256(b'')
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth_of_leaves(leaves[:k]), mth_of_leaves(leaves[k:]))


def verify_inclusion(leaf: bytes, index: int, size: int, path: list[bytes], root: bytes) -> bool:
    if not 0 <= index < size or len(path) > 53 or len(root) != 32 or any(len(p) != 32 for p in path):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            while fn % 2 == 0 and fn != 0:
                fn //= 2
                sn //= 2
        else:
            r = node_hash(r, p)
        fn //= 2
        sn //= 2
    return sn == 0 and r == root
