"""Signed checkpoints in the C2SP signed-note / tlog-checkpoint formats (E15).

The vectors are the signed-note reference example (golang.org/x/mod/sumdb/note, quoted by the
C2SP spec and its other implementations): the PeterNeumann key and its signed note.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from egov.certificates import merkle
from egov.certificates.note import Checkpoint, NoteError, Signer, Verifier, key_id

VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
SKEY_SEED = base64.b64decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")[1:]
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
SIGNED = (
    TEXT + "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


def test_signing_reproduces_the_reference_note_byte_for_byte() -> None:
    """E15: Ed25519 signature line `— <name> base64(keyid‖sig)` and key id as signed-note says."""
    signer = Signer.from_seed("PeterNeumann", SKEY_SEED)
    assert signer.verifier.vkey == VKEY
    assert signer.verifier.key_id.hex() == "c74f20a3"
    assert (
        key_id("PeterNeumann", signer.verifier.public)
        == (hashlib.sha256(b"PeterNeumann\n\x01" + signer.verifier.public).digest()[:4])
    )
    assert signer.sign(TEXT) == SIGNED


def test_the_reference_note_verifies_and_alterations_do_not() -> None:
    """E15: a verifier accepts the reference note and refuses any changed text or signature."""
    verifier = Verifier.parse(VKEY)
    assert verifier.verify(SIGNED) == TEXT
    with pytest.raises(NoteError):
        verifier.verify(SIGNED.replace("cryptography", "cryptographY"))
    with pytest.raises(NoteError):
        verifier.verify(SIGNED.replace("x08go", "x08gp"))
    with pytest.raises(NoteError):
        Verifier.parse(VKEY.replace("c74f20a3", "c74f20a4"))
    for seed in range(40):  # keys whose base64 holds "+" parse too
        signer = Signer.from_seed("egov.az/certificates", bytes([seed]) * 32)
        assert Verifier.parse(signer.verifier.vkey) == signer.verifier
    other = Signer.from_seed("PeterNeumann", bytes(32)).verifier
    with pytest.raises(NoteError):
        other.verify(SIGNED)


def test_checkpoint_body_is_origin_size_root() -> None:
    """E15: tlog-checkpoint: origin line, decimal size, base64 root, each ending in a newline."""
    root = merkle.MemoryTree([b"a", b"b", b"c"]).root()
    checkpoint = Checkpoint("egov.az/certificates", 3, root)
    assert checkpoint.text == (f"egov.az/certificates\n3\n{base64.b64encode(root).decode()}\n")
    signer = Signer.from_seed("egov.az/certificates", bytes(range(32)))
    signed = signer.sign(checkpoint.text)
    lines = signed.split("\n")
    assert lines[3] == "" and lines[4].startswith("— egov.az/certificates ")
    assert base64.b64decode(lines[4].split(" ")[2])[:4] == signer.verifier.key_id
    assert Checkpoint.parse(signer.verifier.verify(signed)) == checkpoint
    for bad in ("x\n03\nAAAA\n", "x\n3\nAAAA\n", "x\n-1\n" + "A" * 44 + "\n", "x\n3\n"):
        with pytest.raises(NoteError):
            Checkpoint.parse(bad)
