"""Merkle tree hashing, inclusion and consistency proofs as RFC 9162 §2.1 defines them (E15).

The registry's log is a Certificate-Transparency-style append-only tree. Proofs are described
here as lists of *ranges* of leaves `[start, end)`; each range's hash is the Merkle tree hash
of those leaves. Every range that a proof or a tree head needs splits into aligned *perfect*
subtrees (`Node(level, position)` covers leaves `[position·2^level, (position+1)·2^level)`),
which is what the storage keeps, so a proof reads O(log n) stored nodes, never the whole log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


class Node(NamedTuple):
    level: int
    position: int


Range = tuple[int, int]


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two smaller than `size` (RFC 9162's k, for size > 1)."""
    return 1 << ((size - 1).bit_length() - 1)


def perfect_nodes(start: int, end: int) -> list[Node]:
    """The aligned perfect subtrees whose hashes make up MTH(D[start:end]), left to right."""
    size = end - start
    if size <= 0:
        raise ValueError("empty range")
    if size & (size - 1) == 0 and start % size == 0:
        return [Node(size.bit_length() - 1, start // size)]
    k = _split(size)
    return perfect_nodes(start, start + k) + perfect_nodes(start + k, end)


def range_hash(start: int, end: int, node: Callable[[Node], bytes]) -> bytes:
    """MTH(D[start:end]) from the stored hashes of its perfect subtrees."""
    hashes = [node(n) for n in perfect_nodes(start, end)]
    root = hashes[-1]
    for left in reversed(hashes[:-1]):
        root = node_hash(left, root)
    return root


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, as ranges (nearest the leaf first)."""
    if not 0 <= index < size:
        raise ValueError("leaf index outside the tree")
    path: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            start += k
    return list(reversed(path))


def consistency_ranges(old: int, new: int) -> list[Range]:
    """PROOF(old, D[0:new]) of RFC 9162 §2.1.4.1, as ranges (in the RFC's order)."""
    if not 0 < old <= new:
        raise ValueError("sizes must satisfy 0 < old <= new")
    proof: list[Range] = []
    start, end, m, whole = 0, new, old, True
    while True:
        size = end - start
        if m == size:
            if not whole:
                proof.append((start, end))
            break
        k = _split(size)
        if m <= k:
            proof.append((start + k, end))
            end = start + k
        else:
            proof.append((start, start + k))
            start, m, whole = start + k, m - k, False
    return list(reversed(proof))


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` with `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old: int, new: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of size `old` a prefix of the tree of size `new`?"""
    if not 0 < old <= new:
        return False
    if old == new:
        return not proof and old_root == new_root
    if not proof:
        return False
    path = list(proof)
    if old & (old - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def append(frontier: list[tuple[int, bytes]], size: int, leaf: bytes) -> list[tuple[Node, bytes]]:
    """Add the leaf at index `size` to the right edge of the tree, in place.

    `frontier` holds the (level, hash) of the perfect subtrees along the right edge, largest
    first: the binary digits of the tree size. Returns every perfect subtree the leaf completes
    (the leaf itself first), which the storage keeps for later proofs.
    """
    completed = [(Node(0, size), leaf)]
    frontier.append((0, leaf))
    index = size
    while len(frontier) > 1 and frontier[-1][0] == frontier[-2][0]:
        (level, right), (_, left) = frontier.pop(), frontier.pop()
        index //= 2
        merged = node_hash(left, right)
        frontier.append((level + 1, merged))
        completed.append((Node(level + 1, index), merged))
    return completed


def frontier_root(frontier: Sequence[tuple[int, bytes]]) -> bytes:
    """The tree head of the tree whose right edge is `frontier` (SHA-256("") when empty)."""
    if not frontier:
        return hashlib.sha256(b"").digest()
    root = frontier[-1][1]
    for _, left in reversed(frontier[:-1]):
        root = node_hash(left, root)
    return root


class MemoryTree:
    """A whole tree in memory: for verifiers that hold every leaf, and for tests."""

    def __init__(self, leaves: Iterable[bytes] = ()) -> None:
        self.leaves: list[bytes] = []
        self._nodes: dict[Node, bytes] = {}
        self._frontier: list[tuple[int, bytes]] = []
        for data in leaves:
            self.add(data)

    def add(self, data: bytes) -> None:
        for node, value in append(self._frontier, len(self.leaves), leaf_hash(data)):
            self._nodes[node] = value
        self.leaves.append(data)

    def root(self, size: int | None = None) -> bytes:
        size = len(self.leaves) if size is None else size
        if size == 0:
            return hashlib.sha256(b"").digest()
        return range_hash(0, size, self._nodes.__getitem__)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        return [range_hash(s, e, self._nodes.__getitem__) for s, e in inclusion_ranges(index, size)]

    def consistency_proof(self, old: int, new: int) -> list[bytes]:
        return [range_hash(s, e, self._nodes.__getitem__) for s, e in consistency_ranges(old, new)]
