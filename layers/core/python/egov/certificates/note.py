"""Signed notes and checkpoints in the C2SP formats (c2sp.org/signed-note, tlog-checkpoint).

A checkpoint is the note text `<origin>\\n<tree size>\\n<base64 root hash>\\n`; the signed note
adds a blank line and one line per signature, `— <key name> <base64(key id ‖ signature)>`. The
key id of an Ed25519 key is the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), and
the verifier key is published as `<name>+<hex key id>+<base64(0x01 ‖ public key)>`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

# cryptography is imported where a key is used, not at import: most requests of the functions
# that import this module (lookups, lists) sign and verify nothing (cold start, issue 18).

ALG_ED25519 = b"\x01"
DASH = "\u2014"


class NoteError(ValueError):
    """The note is malformed or its signature does not verify."""


def raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ALG_ED25519 + public).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    name: str
    public: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.public)

    @property
    def vkey(self) -> str:
        encoded = base64.b64encode(ALG_ED25519 + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        try:
            name, hex_id, encoded = vkey.split("+", 2)  # base64 may itself hold "+"
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error) as bad:
            raise NoteError("malformed verifier key") from bad
        if not name or raw[:1] != ALG_ED25519 or len(raw) != 33:
            raise NoteError("not an Ed25519 verifier key")
        verifier = cls(name, raw[1:])
        if verifier.key_id.hex() != hex_id:
            raise NoteError("verifier key id does not match its key")
        return verifier

    def verify(self, signed: str) -> str:
        """The note's text if one of its signature lines is this key's valid signature."""
        text, separator, signatures = signed.rpartition("\n\n")
        if not separator or not signatures.endswith("\n"):
            raise NoteError("malformed note")
        text += "\n"
        for line in signatures[:-1].split("\n"):
            prefix, _, rest = line.partition(" ")
            name, _, encoded = rest.partition(" ")
            if prefix != DASH or not name or not encoded:
                raise NoteError("malformed signature line")
            if name != self.name:
                continue
            try:
                blob = base64.b64decode(encoded, validate=True)
            except binascii.Error as bad:
                raise NoteError("malformed signature") from bad
            if blob[:4] != self.key_id:
                continue
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

            try:
                Ed25519PublicKey.from_public_bytes(self.public).verify(blob[4:], text.encode())
            except InvalidSignature as bad:
                raise NoteError("signature does not verify") from bad
            return text
        raise NoteError("no signature by this key")


@dataclass(frozen=True)
class Signer:
    name: str
    private: Ed25519PrivateKey

    @classmethod
    def from_seed(cls, name: str, seed: bytes) -> Signer:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls(name, Ed25519PrivateKey.from_private_bytes(seed))

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, raw_public(self.private.public_key()))

    def sign(self, text: str) -> str:
        """The signed note of `text` (which must end with a newline)."""
        if not text.endswith("\n"):
            raise NoteError("note text must end with a newline")
        signature = self.private.sign(text.encode())
        blob = base64.b64encode(self.verifier.key_id + signature).decode()
        return f"{text}\n{DASH} {self.name} {blob}\n"

    def sign_bytes(self, data: bytes) -> str:
        """base64(key id ‖ signature) of arbitrary bytes (the revocation list)."""
        return base64.b64encode(self.verifier.key_id + self.private.sign(data)).decode()


def verify_bytes(verifier: Verifier, data: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        blob = base64.b64decode(signature, validate=True)
        if blob[:4] != verifier.key_id:
            return False
        Ed25519PublicKey.from_public_bytes(verifier.public).verify(blob[4:], data)
    except (binascii.Error, InvalidSignature):
        return False
    return True


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    @property
    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("malformed checkpoint")
        origin, size, root = lines[:3]
        if not origin or not size.isdigit() or (size != "0" and size.startswith("0")):
            raise NoteError("malformed checkpoint")
        try:
            decoded = base64.b64decode(root, validate=True)
        except binascii.Error as bad:
            raise NoteError("malformed checkpoint root") from bad
        if len(decoded) != 32:
            raise NoteError("malformed checkpoint root")
        return cls(origin, int(size), decoded)
