"""The registry's append-only Merkle log in DynamoDB, with a signed checkpoint per change (E15).

Items in CERTIFICATES_TABLE:

- `LOG#HEAD` / `HEAD`: tree size, the right-edge frontier (perfect subtree hashes, largest
  first), the root and the signed checkpoint of the newest tree;
- `LOG#NODE#<level>#<position>` / `NODE`: every perfect subtree hash, written once when it is
  completed; level-0 nodes are the leaves and also keep the leaf data (`registry.leaf_data`);
- `LOG#CHECKPOINT#<size>` / `CHECKPOINT`: the signed checkpoint of every size, so consistency
  between any two published heads can be shown;
- `LOG#SERIAL#<serial>` / `LATEST`: the index and hash of the serial's newest leaf, written
  with it: a record is told to the public only if it is that leaf (`registry.proven`), so a
  record put back as an older version (whose leaf is in the log too) is caught (issue 10).

Appending reads only the head (the frontier is in it) and writes the leaf, the subtrees it
completes, the new head and checkpoint in the caller's transaction; the head is updated on the
condition that the size did not move, so concurrent changes serialise (the loser retries). A
proof reads the O(log n) perfect subtree nodes it needs with BatchGetItem.
"""

from __future__ import annotations

import base64
import functools
import hmac
from dataclasses import dataclass, field
from typing import Any

from egov.certificates import merkle, texts  # noqa: F401  (texts: registers the problems' texts)
from egov.certificates.note import Checkpoint, NoteError, Signer, Verifier
from egov.platform import secrets
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Table, Transaction

CERTIFICATES = Table("CERTIFICATES_TABLE")
ORIGIN = "egov.az/certificates"
HEAD = ("LOG#HEAD", "HEAD")


def node_key(node: merkle.Node) -> tuple[str, str]:
    return f"LOG#NODE#{node.level}#{node.position}", "NODE"


def latest_key(serial: str) -> tuple[str, str]:
    return f"LOG#SERIAL#{serial}", "LATEST"


def checkpoint_key(size: int) -> tuple[str, str]:
    return f"LOG#CHECKPOINT#{size:012d}", "CHECKPOINT"


def signer() -> Signer:
    """The registry key: an Ed25519 seed derived from the Secrets Manager secret."""
    material = secrets.secret("CERTIFICATE_LOG_KEY_SECRET").encode()
    return Signer.from_seed(ORIGIN, _derive(material, b"egov.az certificate log Ed25519"))


def verifier() -> Verifier:
    return signer().verifier


@functools.cache
def _salt_key(material: str) -> bytes:
    return _derive(material.encode(), b"egov.az certificate leaf salt")


def _derive(material: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 (cryptography is imported on a request that derives a key: cold start)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


def salt(serial: str, version: int) -> bytes:
    """The secret salt of a record's commitment in its public leaf, derived, never stored."""
    key = _salt_key(secrets.secret("CERTIFICATE_LOG_KEY_SECRET"))
    return hmac.digest(key, f"{serial}#{version}".encode(), "sha256")


def log_busy() -> Conflict:
    return Conflict("certificates.log-busy")


@dataclass
class Head:
    size: int = 0
    frontier: list[tuple[int, bytes]] = field(default_factory=list)
    stored: bool = False

    @property
    def root(self) -> bytes:
        return merkle.frontier_root(self.frontier)


def head() -> Head:
    item = CERTIFICATES.get(*HEAD)
    if not item:
        return Head()
    frontier = [(int(level), bytes.fromhex(value)) for level, value in item["frontier"]]
    return Head(int(item["size"]), frontier, stored=True)


def append(tx: Transaction, current: Head, data: bytes, serial: str) -> tuple[int, str]:
    """Put the leaf of `data` into `tx`, and make it the serial's latest; its index and the
    signed checkpoint of the new tree."""
    frontier = list(current.frontier)
    leaf_hash = merkle.leaf_hash(data)
    completed = merkle.append(frontier, current.size, leaf_hash)
    for node, value in completed:
        pk, sk = node_key(node)
        item: dict[str, Any] = {"pk": pk, "sk": sk, "hash": value.hex()}
        if node.level == 0:
            item.update({"leaf": data.decode(), "serial": serial, "index": node.position})
        tx.put(CERTIFICATES, item, conflict=log_busy())
    size = current.size + 1
    signed = signer().sign(Checkpoint(ORIGIN, size, merkle.frontier_root(frontier)).text)
    changes = {
        "size": size,
        "frontier": [[level, value.hex()] for level, value in frontier],
        "root": merkle.frontier_root(frontier).hex(),
        "checkpoint": signed,
    }
    if current.stored:
        tx.update(
            CERTIFICATES, *HEAD, changes, expected={"size": current.size}, conflict=log_busy()
        )
    else:
        tx.put(CERTIFICATES, {"pk": HEAD[0], "sk": HEAD[1], **changes}, conflict=log_busy())
    pk, sk = checkpoint_key(size)
    tx.put(CERTIFICATES, {"pk": pk, "sk": sk, "size": size, "checkpoint": signed})
    pk, sk = latest_key(serial)
    tx.put(
        CERTIFICATES,
        {"pk": pk, "sk": sk, "index": current.size, "hash": leaf_hash.hex()},
        new=False,
    )
    return current.size, signed


def latest(serial: str) -> int | None:
    """The index of the serial's newest leaf, if it has one."""
    item = CERTIFICATES.get(*latest_key(serial))
    return int(item["index"]) if item else None


def checkpoint(size: int | None = None) -> str:
    """The signed checkpoint of the newest tree, or of an earlier `size`."""
    item = CERTIFICATES.get(*(HEAD if size is None else checkpoint_key(size)))
    if not item and size is None:  # the empty log has a head too: size 0, SHA-256("")
        return signer().sign(Checkpoint(ORIGIN, 0, merkle.frontier_root([])).text)
    if not item:
        raise NotFound("certificates.checkpoint-unknown", field="size" if size else None)
    return str(item["checkpoint"])


def _stored(wanted: set[merkle.Node]) -> dict[merkle.Node, dict[str, Any]]:
    """Stored node items, read together (BatchGetItem)."""
    by_key = {node_key(n): n for n in wanted}
    found = {by_key[(i["pk"], i["sk"])]: i for i in CERTIFICATES.get_many(by_key)}
    missing = wanted - found.keys()
    if missing:
        raise RuntimeError(f"log nodes missing: {sorted(missing)[:3]}")
    return found


def nodes(wanted: set[merkle.Node]) -> dict[merkle.Node, bytes]:
    """Stored subtree hashes."""
    return {node: bytes.fromhex(item["hash"]) for node, item in _stored(wanted).items()}


def leaves(start: int, end: int) -> list[bytes]:
    """The data of leaves `start` to `end - 1`, in order."""
    stored = _stored({merkle.Node(0, index) for index in range(start, end)})
    return [str(stored[merkle.Node(0, index)]["leaf"]).encode() for index in range(start, end)]


def _hashes(ranges: list[merkle.Range]) -> list[bytes]:
    wanted = {n for start, end in ranges for n in merkle.perfect_nodes(start, end)}
    stored = nodes(wanted) if wanted else {}
    return [merkle.range_hash(start, end, stored.__getitem__) for start, end in ranges]


def _tree_size(size: int | None, field_name: str) -> int:
    current = head().size
    if size is None:
        return current
    if not 1 <= size <= current:
        raise Invalid("certificates.size-outside-log", field=field_name, params={"size": current})
    return size


def inclusion(index: int, size: int | None = None) -> tuple[int, list[bytes]]:
    """The tree size used and the audit path of leaf `index`."""
    tree_size = _tree_size(size, "size")
    if not 0 <= index < tree_size:
        raise Invalid("certificates.size-outside-log", field="size", params={"size": tree_size})
    return tree_size, _hashes(merkle.inclusion_ranges(index, tree_size))


def proves(index: int, leaf_hash: bytes) -> bool:
    """Whether `leaf_hash` is leaf `index` of the tree its append signed (size `index + 1`).

    Every checkpoint is signed with the registry key, which the table does not hold, so an
    edited record, leaf or subtree cannot pass; the answer for a given index never changes,
    which lets callers cache it.
    """
    try:
        note = checkpoint(index + 1)
        signed = Checkpoint.parse(verifier().verify(note))
        path = _hashes(merkle.inclusion_ranges(index, index + 1))
    except (NotFound, NoteError, RuntimeError, ValueError):
        return False
    return signed.origin == ORIGIN and merkle.verify_inclusion(
        index, index + 1, leaf_hash, path, signed.root
    )


def consistency(old: int, new: int | None = None) -> tuple[int, list[bytes]]:
    tree_size = _tree_size(new, "to")
    if not 1 <= old <= tree_size:
        raise Invalid("certificates.size-outside-log", field="from", params={"size": tree_size})
    return tree_size, _hashes(merkle.consistency_ranges(old, tree_size))


def leaf(index: int) -> dict[str, Any]:
    item = CERTIFICATES.get(*node_key(merkle.Node(0, index)))
    if not item:
        raise NotFound("certificates.leaf-unknown", field="index")
    return item


def b64(values: list[bytes]) -> list[str]:
    return [base64.b64encode(v).decode() for v in values]
