"""What the public log routes answer: the registry key, inclusion and consistency proofs (E15).

Every hash is base64, as in the checkpoint. An inclusion proof comes with the signed checkpoint
of the tree size it was made for, so a verifier needs nothing else but the registry's key.
"""

from __future__ import annotations

import base64
import json

from pydantic import Field

from egov.certificates import log
from egov.certificates.models import View
from egov.certificates.registry import load
from egov.platform.problems import NotFound


class LogKey(View):
    name: str
    key_id: str = Field(description="hex, C2SP signed-note key id")
    vkey: str = Field(description="The verifier key: name+keyid+base64(0x01 ‖ public key)")
    public_key: str = Field(description="The raw Ed25519 public key, base64")


class InclusionProof(View):
    serial: str
    leaf_index: int
    tree_size: int
    leaf_hash: str
    hashes: list[str]
    checkpoint: str = Field(description="The signed checkpoint of `treeSize`")
    leaf: str | None = Field(
        None,
        description="The leaf data: public status and a commitment to the rest (format 2); "
        "absent for a leaf of format 1, which is a whole record",
    )


class ConsistencyProof(View):
    from_size: int = Field(alias="from")
    to_size: int = Field(alias="to")
    hashes: list[str]
    from_checkpoint: str
    to_checkpoint: str


def key() -> LogKey:
    verifier = log.verifier()
    return LogKey(
        name=verifier.name,
        key_id=verifier.key_id.hex(),
        vkey=verifier.vkey,
        public_key=base64.b64encode(verifier.public).decode(),
    )


def inclusion(serial: str) -> InclusionProof:
    """The proof of the certificate's latest leaf in the newest tree: the log's own (whatever
    the stored record says), so that a relying party is told of the newest change."""
    load(serial)
    index = log.latest(serial)
    if index is None:
        raise NotFound("certificates.unknown", field="serial")
    leaf = log.leaf(index)
    size, hashes = log.inclusion(index)
    # Leaves of format 1 (whole records, logged before issue 10 item 13) are not public.
    public = json.loads(leaf["leaf"]).get("v", 1) > 1
    return InclusionProof(
        serial=serial,
        leaf_index=index,
        tree_size=size,
        leaf_hash=base64.b64encode(bytes.fromhex(leaf["hash"])).decode(),
        hashes=log.b64(hashes),
        checkpoint=log.checkpoint(size),
        leaf=leaf["leaf"] if public else None,
    )


def consistency(old: int, new: int | None) -> ConsistencyProof:
    size, hashes = log.consistency(old, new)
    return ConsistencyProof(
        from_size=old,
        to_size=size,
        hashes=log.b64(hashes),
        from_checkpoint=log.checkpoint(old),
        to_checkpoint=log.checkpoint(size),
    )
