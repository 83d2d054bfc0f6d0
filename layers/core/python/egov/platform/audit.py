"""The append-only audit trail (G1).

Every state change writes one entry: who, what, when, before/after and the correlation id. The
entry is put in the *same* transaction as the change it records, so neither exists without the
other. Entries are only ever created (`attribute_not_exists`); no function's IAM policy allows
UpdateItem or DeleteItem on the audit table, and no route edits it.

Each subject's entries form a hash chain (issue 10 item 6): an entry carries its place `seq`,
the `prev` hash and its own `hash`, SHA-256 over its canonical JSON with `prev`; the chain head
`CHAIN#<subject>` / `HEAD` (last seq and hash) is put in the same transaction on the condition
that it did not move, so concurrent appends to one subject serialise: the loser's transaction
is cancelled, its entries are linked to the new head and it is tried again
(`Transaction.refresh_on`). `check` walks a subject's chain: an edited entry, a removed one or
a removed last one (the head no longer matches) is reported and raises the operator alarm.
Entries written before the chain began carry no hash and are counted, not checked.

The head is in the same table as the entries, so whoever can write the table can remove the
last entries and set the head back to the one before, or remove a subject's only entry and its
head, and the chain still looks whole (issue 10 item 6). So the hourly sweep (`check_all`)
anchors every intact chain's head in a table of its own, AUDIT_ANCHOR_TABLE, which only the
sweep's function may write and where an anchor only ever moves forward (conditional on its
`seq`): `check` then also requires the anchored entry to be there, unchanged, and the sweep
visits every anchored subject, including one whose head is gone. What was appended and removed
between two sweeps is not caught; what a sweep has seen is.

The sweep finds the heads without reading every entry (DESIGN rule 4): each head, and only a
head, carries `gsi1pk` `HEADS#<shard>` / `gsi1sk` `<subject>` (a sparse use of the table's one
index, beside the entries' `OWNER#<owner>`), and the sweep queries the `HEAD_SHARDS` keys. Every
append rewrites its head, so the heads are spread over several index keys rather than one
partition that every append of the platform would write.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from egov.platform import alarms, clock, i18n
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict
from egov.platform.repository import Page, Table, Transaction, plain, storable

AUDIT = Table("AUDIT_TABLE")
ANCHORS = Table("AUDIT_ANCHOR_TABLE")

i18n.register(
    {
        "audit.chain-busy": {
            "az": "Eyni məlumat üzrə eyni vaxtda çoxlu dəyişiklik var; yenidən cəhd edin",
            "en": "Too many changes to the same record at once; please try again",
        }
    }
)
GENESIS = "0" * 64
HEAD_SHARDS = 16
# In the anchors table: the one Scan of the audit table after the heads' index key came has run.
HEADS_INDEXED = ("SWEEP#heads-indexed", "SWEEP")


@dataclass(frozen=True)
class Actor:
    """Who did it: a user id with the role they acted in, or the platform itself."""

    id: str
    role: str

    @classmethod
    def system(cls, component: str) -> Actor:
        return cls(id=f"system:{component}", role="system")


def entry(
    subject: str,
    action: str,
    actor: Actor,
    *,
    owner: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    basis: str | None = None,
) -> dict[str, Any]:
    moment = clock.now()
    at = clock.iso(moment)
    item: dict[str, Any] = {
        "pk": subject,
        # Microseconds in the key keep entries of the same second in the order they happened.
        "sk": f"{moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{uuid.uuid4().hex[:12]}",
        "at": at,
        "action": action,
        "actorId": actor.id,
        "actorRole": actor.role,
        "correlationId": correlation_id(),
        "before": dict(before) if before else None,
        "after": dict(after) if after else None,
        "basis": basis,
    }
    if owner:
        item["gsi1pk"] = f"OWNER#{owner}"
        item["gsi1sk"] = item["sk"]
    return item


def chain_key(subject: str) -> tuple[str, str]:
    return f"CHAIN#{subject}", "HEAD"


def heads_key(shard: int) -> str:
    return f"HEADS#{shard:02d}"


def _heads_of(subject: str) -> str:
    return heads_key(int(hashlib.sha256(subject.encode()).hexdigest(), 16) % HEAD_SHARDS)


def anchor_key(subject: str) -> tuple[str, str]:
    return f"ANCHOR#{subject}", "ANCHOR"


def digest(item: Mapping[str, Any]) -> str:
    """An entry's hash: SHA-256 of its canonical JSON (as stored: no empty values) but `hash`."""
    content = plain(storable({k: v for k, v in item.items() if k != "hash" and v is not None}))
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


class _Chain:
    """The entries one transaction adds to one subject's chain, linked to the stored head.

    Linked when added and again if the transaction is cancelled because the head moved (a
    concurrent append): the head is read anew and the entries and head rewritten in place, so
    the change itself is retried, not refused.
    """

    def __init__(self, tx: Transaction, subject: str) -> None:
        self.tx, self.subject = tx, subject
        self.entries: list[tuple[int, dict[str, Any]]] = []
        self.head_at: int | None = None
        self.base = AUDIT.get(*chain_key(subject))

    def add(self, item: dict[str, Any]) -> None:
        self.entries.append((self.tx.put(AUDIT, item), item))
        self.link()

    def refresh(self) -> None:
        self.base = AUDIT.get(*chain_key(self.subject))
        self.link()

    def link(self) -> None:
        seq, prev = (self.base["seq"], self.base["hash"]) if self.base else (0, GENESIS)
        for at, item in self.entries:
            seq += 1
            item.update(seq=seq, prev=prev)
            item["hash"] = prev = digest(item)
            self.tx.put(AUDIT, item, at=at)
        head = {
            "pk": chain_key(self.subject)[0],
            "sk": "HEAD",
            "seq": seq,
            "hash": prev,
            "last": self.entries[-1][1]["sk"],
            "gsi1pk": _heads_of(self.subject),
            "gsi1sk": self.subject,
        }
        expected = {"seq": self.base["seq"]} if self.base else None
        self.head_at = self.tx.put(
            AUDIT, head, expected=expected, conflict=chain_busy(), at=self.head_at
        )


def record(tx: Transaction, subject: str, action: str, actor: Actor, **kwargs: Any) -> None:
    """Add the audit entry of a change, linked into its subject's chain, to the transaction
    that makes the change."""
    chains: dict[str, _Chain] = tx.context.setdefault("audit-chains", {})
    chain = chains.get(subject)
    if chain is None:
        chain = chains[subject] = _Chain(tx, subject)
        tx.refresh_on("audit.chain-busy", chain.refresh)
    chain.add(entry(subject, action, actor, **kwargs))


def chain_busy() -> Conflict:
    return Conflict("audit.chain-busy")


def append(subject: str, action: str, actor: Actor, **kwargs: Any) -> None:
    """Record an event that changes no other item (e.g. a refused access attempt)."""
    tx = Transaction()
    record(tx, subject, action, actor, **kwargs)
    tx.commit()


@dataclass(frozen=True)
class ChainCheck:
    """What `check` found in one subject's chain."""

    subject: str
    entries: int
    unchained: int
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems


def check(subject: str) -> ChainCheck:
    """Walk the subject's chain in `seq` order: every hash recomputed, every link and place
    checked, and the last entry against the head."""
    # The head first, then the entries: one appended while the chain is read lies beyond the head
    # read and waits for the next check. Read the other way round, an append committing between
    # the two reads looked like entries deleted (a false tamper alarm; seen under load).
    head = AUDIT.get(*chain_key(subject))
    read = list(AUDIT.query_all(subject))
    beyond = [i["seq"] for i in read if "hash" in i and head and i["seq"] > head["seq"]]
    items = [i for i in read if "hash" not in i or not head or i["seq"] <= head["seq"]]
    chained = sorted((i for i in items if "hash" in i), key=lambda i: i["seq"])
    problems: list[str] = []
    if beyond and (AUDIT.get(*chain_key(subject)) or {}).get("seq", 0) < max(beyond):
        problems.append(f"entries beyond the head ({head['seq'] if head else 0}) stand alone")
    prev, expected_seq = GENESIS, 1
    for item in chained:
        if item["seq"] != expected_seq:
            problems.append(f"entries {expected_seq}–{item['seq'] - 1} are missing")
        elif item["prev"] != prev:
            problems.append(f"entry {item['seq']} does not follow entry {expected_seq - 1}")
        if digest(item) != item["hash"]:
            problems.append(f"entry {item['seq']} was changed after it was written")
        prev, expected_seq = item["hash"], item["seq"] + 1
    if head and (head["seq"], head["hash"]) != (expected_seq - 1, prev):
        problems.append(
            f"entries after {expected_seq - 1} are missing (the head is at {head['seq']})"
        )
    elif chained and not head:
        problems.append("the chain's head is missing")
    anchor = ANCHORS.get(*anchor_key(subject))
    if anchor:
        anchored = next((i for i in chained if i["seq"] == anchor["seq"]), None)
        if anchored is None or anchored["hash"] != anchor["hash"]:
            problems.append(
                f"entry {anchor['seq']}, anchored at {anchor['at']}, is missing or changed"
            )
    if problems:
        alarms.tamper_detected("audit chain broken", subject=subject, problems=problems)
    return ChainCheck(subject, len(items), len(items) - len(chained), problems)


def trail(subject: str, cursor: str | None = None, limit: int = 50) -> Page:
    return AUDIT.query(subject, cursor=cursor, limit=limit)


def trail_of_owner(owner: str, cursor: str | None = None, limit: int = 50) -> Page:
    return AUDIT.query(
        f"OWNER#{owner}", index="gsi1", cursor=cursor, limit=limit, newest_first=True
    )


def check_all() -> dict[str, int]:
    """Every subject's chain, from its head or its anchor, each intact one's head then anchored:
    how many were checked and how many are broken (each alarmed). The heads by their index keys;
    the anchored and watched subjects by a Scan, since their table holds nothing else (a
    scheduled sweep, as reports do; DESIGN rule 4)."""
    subjects = {
        str(item["gsi1sk"])
        for shard in range(HEAD_SHARDS)
        for item in AUDIT.query_all(heads_key(shard), index="gsi1")
    }
    subjects |= {item["pk"].split("#", 1)[1] for item in ANCHORS.scan_prefix("ANCHOR#", "WATCH#")}
    upgrading = ANCHORS.get(*HEADS_INDEXED) is None
    scanned = _heads_by_scan() if upgrading else set()
    subjects |= scanned
    broken = 0
    for subject in sorted(subjects):
        if check(subject).intact:
            _anchor(subject)
        else:
            broken += 1
            if subject in scanned:
                # Neither indexed nor anchored: watched, so every later sweep finds it again.
                ANCHORS.put({"pk": f"WATCH#{subject}", "sk": "WATCH", "at": clock.now_iso()})
    if upgrading:
        ANCHORS.put({"pk": HEADS_INDEXED[0], "sk": HEADS_INDEXED[1], "at": clock.now_iso()})
    return {"checked": len(subjects), "broken": broken}


def _heads_by_scan() -> set[str]:
    """Heads written before heads carried their index key (a deployment older than it) are not
    in the index until their subject is appended to again. The first sweep after the upgrade
    finds them by one Scan of the audit table (`HEADS_INDEXED` records that it ran): it anchors
    the intact ones and watches the broken ones, and both are visited from then on."""
    return {
        item["pk"].removeprefix("CHAIN#")
        for item in AUDIT.scan_prefix("CHAIN#")
        if item["sk"] == "HEAD"
    }


def _anchor(subject: str) -> None:
    """Anchor the subject's head as it is now, forward only; the sweep is the one writer, so a
    head that moved under it (the condition) fails the sweep rather than being lost."""
    head = AUDIT.get(*chain_key(subject))
    if not head:
        return
    pk, sk = anchor_key(subject)
    anchored = ANCHORS.get(pk, sk)
    fields = {"seq": head["seq"], "hash": head["hash"], "at": clock.now_iso()}
    if anchored is None:
        ANCHORS.put_new({"pk": pk, "sk": sk, **fields})
    elif anchored["seq"] < head["seq"]:
        ANCHORS.update(pk, sk, fields, expected={"seq": anchored["seq"]})
