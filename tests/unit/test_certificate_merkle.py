"""The registry's Merkle log hashes and proves as RFC 9162 §2.1 says (E15: tamper evidence).

Expectations come from two independent places: the reference test data of the Certificate
Transparency implementations (8 leaves, the root of every prefix, a few proofs) and a naive
recursive transcription of the RFC's definitions written here, unrelated to the module's
frontier/range code.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov.certificates import merkle

LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


# ---------------------------------------------------------------- the RFC, transcribed naively
def mth(d: list[bytes]) -> bytes:
    if not d:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = 1
    while k * 2 < len(d):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(d[:k]) + mth(d[k:])).digest()


def path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = 1
    while k * 2 < len(d):
        k *= 2
    if m < k:
        return [*path(m, d[:k]), mth(d[k:])]
    return [*path(m - k, d[k:]), mth(d[:k])]


def subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [mth(d)]
    k = 1
    while k * 2 < len(d):
        k *= 2
    if m <= k:
        return [*subproof(m, d[:k], b), mth(d[k:])]
    return [*subproof(m - k, d[k:], False), mth(d[:k])]


# ---------------------------------------------------------------- reference vectors
def test_hashes_are_domain_separated() -> None:
    """E15: leaf SHA-256(0x00‖d), node SHA-256(0x01‖l‖r) (RFC 9162 §2.1.1)."""
    assert merkle.leaf_hash(b"").hex() == ROOTS[0]
    assert merkle.node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()
    assert merkle.MemoryTree().root().hex() == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_match_the_ct_reference_data(size: int) -> None:
    """E15: the tree head of every prefix of the CT reference tree."""
    tree = merkle.MemoryTree(LEAVES)
    assert tree.root(size).hex() == ROOTS[size - 1]
    assert mth(LEAVES[:size]).hex() == ROOTS[size - 1]
    assert merkle.MemoryTree(LEAVES[:size]).root().hex() == ROOTS[size - 1]


def test_known_inclusion_proof_of_leaf_0_in_8() -> None:
    """E15: the CT reference audit path of leaf 0 in the 8-leaf tree."""
    tree = merkle.MemoryTree(LEAVES)
    assert [h.hex() for h in tree.inclusion_proof(0, 8)] == [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]


def test_every_proof_of_the_reference_tree_matches_the_rfc_definition() -> None:
    """E15: PATH and PROOF for every (leaf, size) and (m, n) of the reference tree."""
    tree = merkle.MemoryTree(LEAVES)
    for n in range(1, 9):
        for m in range(n):
            assert tree.inclusion_proof(m, n) == path(m, LEAVES[:n])
        for m in range(1, n + 1):
            assert tree.consistency_proof(m, n) == subproof(m, LEAVES[:n], True)


# ---------------------------------------------------------------- properties
trees = st.lists(st.binary(max_size=8), min_size=1, max_size=70)


@given(trees, st.data())
def test_every_inclusion_proof_verifies(leaves: list[bytes], data: st.DataObject) -> None:
    """E15: any leaf of any tree size proves its inclusion against that size's root."""
    tree = merkle.MemoryTree(leaves)
    size = data.draw(st.integers(1, len(leaves)))
    index = data.draw(st.integers(0, size - 1))
    proof = tree.inclusion_proof(index, size)
    assert proof == path(index, leaves[:size])
    assert merkle.verify_inclusion(
        index, size, merkle.leaf_hash(leaves[index]), proof, tree.root(size)
    )
    assert tree.root(size) == mth(leaves[:size])


@given(trees, st.data())
def test_every_consistency_proof_verifies(leaves: list[bytes], data: st.DataObject) -> None:
    """E15: any earlier tree head is proven a prefix of any later one."""
    tree = merkle.MemoryTree(leaves)
    new = data.draw(st.integers(1, len(leaves)))
    old = data.draw(st.integers(1, new))
    proof = tree.consistency_proof(old, new)
    assert proof == subproof(old, leaves[:new], True)
    assert merkle.verify_consistency(old, new, proof, tree.root(old), tree.root(new))


@given(trees, st.data())
def test_a_flipped_bit_fails_inclusion(leaves: list[bytes], data: st.DataObject) -> None:
    """E15: changing one bit of the leaf, a proof hash or the root breaks the proof."""
    tree = merkle.MemoryTree(leaves)
    size = len(leaves)
    index = data.draw(st.integers(0, size - 1))
    proof = tree.inclusion_proof(index, size)
    parts = [merkle.leaf_hash(leaves[index]), tree.root(size), *proof]
    which = data.draw(st.integers(0, len(parts) - 1))
    bit = data.draw(st.integers(0, 255))
    flipped = bytearray(parts[which])
    flipped[bit // 8] ^= 1 << (bit % 8)
    parts[which] = bytes(flipped)
    assert not merkle.verify_inclusion(index, size, parts[0], parts[2:], parts[1])


@given(trees, st.data())
def test_a_flipped_bit_fails_consistency(leaves: list[bytes], data: st.DataObject) -> None:
    """E15: a consistency proof does not survive any change of its hashes or roots."""
    tree = merkle.MemoryTree(leaves)
    new = len(leaves)
    old = data.draw(st.integers(1, new))
    parts = [tree.root(old), tree.root(new), *tree.consistency_proof(old, new)]
    which = data.draw(st.integers(0, len(parts) - 1))
    bit = data.draw(st.integers(0, 255))
    flipped = bytearray(parts[which])
    flipped[bit // 8] ^= 1 << (bit % 8)
    parts[which] = bytes(flipped)
    assert not merkle.verify_consistency(old, new, parts[2:], parts[0], parts[1])


def test_proofs_refuse_impossible_sizes() -> None:
    """E15: out-of-range indexes and sizes are errors, not empty proofs."""
    with pytest.raises(ValueError):
        merkle.inclusion_ranges(3, 3)
    with pytest.raises(ValueError):
        merkle.consistency_ranges(0, 3)
    with pytest.raises(ValueError):
        merkle.consistency_ranges(4, 3)
    assert not merkle.verify_consistency(2, 3, [], b"", b"")
