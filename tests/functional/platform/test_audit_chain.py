"""Each subject's audit entries form a hash chain: an edited, removed or last-removed entry is
found by the check and reported by the audit read routes (issue 10 item 6, G1, E15)."""

from __future__ import annotations

import itertools
from typing import Any

import boto3
import pytest

from egov.platform import audit
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.helpers import call, log_in, person

ACTOR = audit.Actor.system("test")


@pytest.fixture
def tamper_alarms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    raised: list[str] = []
    monkeypatch.setattr(
        "egov.platform.alarms.tamper_detected", lambda what, **_: raised.append(what)
    )
    return raised


def entries(local_aws: LocalAws, subject: str) -> tuple[Any, list[dict[str, Any]]]:
    table = boto3.resource("dynamodb").Table(local_aws.template.physical_name("AuditTable"))
    found = table.query(
        KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": subject}
    )["Items"]
    return table, sorted(found, key=lambda e: int(e["seq"]))


def trail(local_aws: LocalAws, subject: str) -> dict[str, Any]:
    person("chain.operator", role="operator", agency=None)
    status, page, _ = call(
        local_aws, "GET", f"/audit/{subject}", token=log_in(local_aws, "chain.operator")
    )
    assert status == 200, page
    return page


def test_entries_are_chained_in_the_transaction_of_the_change(local_aws: LocalAws) -> None:
    """Each entry carries its place, the previous entry's hash and its own; two entries of one
    subject in one transaction chain too; the head follows the last."""
    for n in range(3):
        audit.append("PRODUCER#p1", f"step-{n}", ACTOR, after={"n": n, "amount": 1.5})
    tx = Transaction()
    audit.record(tx, "PRODUCER#p1", "step-3", ACTOR)
    audit.record(tx, "PRODUCER#p1", "step-4", ACTOR)
    tx.commit()
    _, chain = entries(local_aws, "PRODUCER#p1")
    assert [int(e["seq"]) for e in chain] == [1, 2, 3, 4, 5]
    assert chain[0]["prev"] == audit.GENESIS
    assert all(later["prev"] == earlier["hash"] for earlier, later in itertools.pairwise(chain))
    check = audit.check("PRODUCER#p1")
    assert (check.intact, check.entries, check.unchained) == (True, 5, 0)
    assert trail(local_aws, "PRODUCER%23p1")["brokenChains"] == []


def test_concurrent_appends_to_one_subject_serialise(local_aws: LocalAws) -> None:
    """Two changes that read the same head: the head's condition cancels the second
    transaction, which is linked to the new head and committed again, so the chain never
    forks and no change is refused for it; two entries of one change stay together."""
    audit.append("ESIGN#a1", "created", ACTOR)
    first, second = Transaction(), Transaction()
    audit.record(first, "ESIGN#a1", "one", ACTOR)
    audit.record(second, "ESIGN#a1", "two", ACTOR)
    audit.record(second, "ESIGN#a1", "three", ACTOR)
    first.commit()
    second.commit()
    assert audit.check("ESIGN#a1").intact
    chain = entries(local_aws, "ESIGN#a1")[1]
    assert [(int(e["seq"]), e["action"]) for e in chain] == [
        (1, "created"),
        (2, "one"),
        (3, "two"),
        (4, "three"),
    ]


def test_a_change_refused_for_its_own_reason_is_not_retried(local_aws: LocalAws) -> None:
    """Only the chain head's condition is refreshed: a change's own guard still refuses it."""
    audit.append("ESIGN#a2", "created", ACTOR)
    tx = Transaction()
    audit.record(tx, "ESIGN#a2", "one", ACTOR)
    tx.put(audit.AUDIT, {"pk": "ESIGN#a2", "sk": "GUARD"}, conflict=Conflict("taken"))
    audit.AUDIT.put({"pk": "ESIGN#a2", "sk": "GUARD"})
    audit.append("ESIGN#a2", "meanwhile", ACTOR)
    with pytest.raises(Conflict) as refused:
        tx.commit()
    assert refused.value.key == "taken"


@pytest.mark.parametrize("tampering", ["delete-middle", "edit", "delete-last", "replace"])
def test_a_deleted_or_edited_entry_is_detected(
    local_aws: LocalAws, tamper_alarms: list[str], tampering: str
) -> None:
    """Issue 10 item 6: an entry deleted, edited (even with its hash recomputed) or the last one
    deleted is reported by the check, by GET /audit/{subject} and by GET /me/audit, and raises
    the operator alarm."""
    owner = person(f"chain.{tampering}", role="citizen", agency=None)
    subject = f"USER#{owner}"
    for n in range(3):
        audit.append(subject, f"step-{n}", ACTOR, owner=owner, after={"n": n})
    assert audit.check(subject).intact
    table, chain = entries(local_aws, subject)
    key = {"pk": subject, "sk": chain[1]["sk"]}
    if tampering == "delete-middle":
        table.delete_item(Key=key)
    elif tampering == "edit":
        table.update_item(
            Key=key, UpdateExpression="SET actorId = :a", ExpressionAttributeValues={":a": "x"}
        )
    elif tampering == "delete-last":
        table.delete_item(Key={"pk": subject, "sk": chain[-1]["sk"]})
    else:  # rewritten whole, with a hash that matches its new content
        forged = {**chain[1], "actorId": "someone-else"}
        forged["hash"] = audit.digest(forged)
        table.put_item(Item=forged)
    check = audit.check(subject)
    assert not check.intact, tampering
    page = trail(local_aws, subject.replace("#", "%23"))
    assert [b["subject"] for b in page["brokenChains"]] == [subject]
    _, mine, _ = call(local_aws, "GET", "/me/audit", token=log_in(local_aws, f"chain.{tampering}"))
    assert subject in [b["subject"] for b in mine["brokenChains"]]
    assert tamper_alarms and set(tamper_alarms) == {"audit chain broken"}


def test_the_hourly_sweep_finds_a_broken_chain_nobody_reads(
    local_aws: LocalAws, tamper_alarms: list[str]
) -> None:
    """Issue 10 item 6: the scheduled check walks every chain; one removed entry is one
    broken chain and one alarm."""
    for subject in ("ATTACHMENT#a", "ATTACHMENT#b"):
        for n in range(2):
            audit.append(subject, f"step-{n}", ACTOR)
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 0}
    table, chain = entries(local_aws, "ATTACHMENT#b")
    table.delete_item(Key={"pk": "ATTACHMENT#b", "sk": chain[0]["sk"]})
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 1}
    assert tamper_alarms == ["audit chain broken"]


def test_heads_written_before_their_index_key_are_swept_after_an_upgrade(
    local_aws: LocalAws, tamper_alarms: list[str]
) -> None:
    """Issue 10 item 6 across an upgrade: a head written by a deployment older than the heads'
    index key is not in the index; the first sweep after the upgrade finds it by one Scan,
    anchors it if intact and watches it if broken, so every later sweep finds both again and a
    broken one is alarmed each time."""
    audit_table = boto3.resource("dynamodb").Table(local_aws.template.ref("AuditTable"))
    for subject in ("ATTACHMENT#old", "ATTACHMENT#older"):
        audit.append(subject, "before-the-upgrade", ACTOR)
        audit_table.update_item(
            Key={"pk": f"CHAIN#{subject}", "sk": "HEAD"}, UpdateExpression="REMOVE gsi1pk, gsi1sk"
        )
    table, chain = entries(local_aws, "ATTACHMENT#older")
    table.delete_item(Key={"pk": "ATTACHMENT#older", "sk": chain[0]["sk"]})
    for _ in range(2):
        swept = local_aws.pump.run_schedule("AuditChainCheckFunction")
        assert swept == {"checked": 2, "broken": 1}
    assert tamper_alarms == ["audit chain broken"] * 2
    table.put_item(Item=chain[0])  # put right: the next sweep finds both intact and anchors them
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 0}
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 0}


def test_a_chain_set_back_behind_its_anchor_is_detected(
    local_aws: LocalAws, tamper_alarms: list[str]
) -> None:
    """Issue 10 item 6: the last entry deleted and the head set back to the one before it (a
    chain that looks whole), and a subject's only entry deleted with its head (nothing left to
    walk): both are found, by the check and by the hourly sweep, because the sweep anchored the
    heads in a table the audit table's writers cannot write."""
    for n in range(3):
        audit.append("PRODUCER#rolled-back", f"step-{n}", ACTOR)
    audit.append("ATTACHMENT#erased", "stored", ACTOR)
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 0}
    audit.append("PRODUCER#rolled-back", "after-the-sweep", ACTOR)
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 0}

    table, chain = entries(local_aws, "PRODUCER#rolled-back")
    table.delete_item(Key={"pk": "PRODUCER#rolled-back", "sk": chain[-1]["sk"]})
    table.put_item(
        Item={
            "pk": "CHAIN#PRODUCER#rolled-back",
            "sk": "HEAD",
            "seq": chain[-2]["seq"],
            "hash": chain[-2]["hash"],
            "last": chain[-2]["sk"],
        }
    )
    (only,) = entries(local_aws, "ATTACHMENT#erased")[1]
    table.delete_item(Key={"pk": "ATTACHMENT#erased", "sk": only["sk"]})
    table.delete_item(Key={"pk": "CHAIN#ATTACHMENT#erased", "sk": "HEAD"})

    rolled_back = audit.check("PRODUCER#rolled-back")
    assert rolled_back.problems == [
        f"entry 4, anchored at {rolled_back_anchor(local_aws)}, is missing or changed"
    ]
    assert not audit.check("ATTACHMENT#erased").intact
    assert local_aws.pump.run_schedule("AuditChainCheckFunction") == {"checked": 2, "broken": 2}
    assert set(tamper_alarms) == {"audit chain broken"}


def rolled_back_anchor(local_aws: LocalAws) -> str:
    anchors = boto3.resource("dynamodb").Table(local_aws.template.physical_name("AuditAnchorTable"))
    item = anchors.get_item(Key={"pk": "ANCHOR#PRODUCER#rolled-back", "sk": "ANCHOR"})["Item"]
    assert int(item["seq"]) == 4
    return str(item["at"])


def test_an_entry_appended_while_the_chain_is_checked_is_no_tamper_but_a_lone_one_is(
    local_aws: LocalAws, tamper_alarms: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads the head, then the entries: an append committing between the two reads
    (the hourly sweep beside a busy subject) is left to the next check, not alarmed as entries
    deleted; an entry beyond the head that no head covers is still tamper."""
    for n in range(3):
        audit.append("ACCESS#busy", f"refused-{n}", ACTOR)
    query_all = audit.AUDIT.query_all

    def appended_meanwhile(*args: Any, **kwargs: Any) -> Any:
        read = list(query_all(*args, **kwargs))
        audit.append("ACCESS#busy", "refused-3", ACTOR)  # commits after the entries are read
        return iter(read)

    monkeypatch.setattr(audit.AUDIT, "query_all", appended_meanwhile)
    assert audit.check("ACCESS#busy").intact
    monkeypatch.setattr(audit.AUDIT, "query_all", query_all)
    assert audit.check("ACCESS#busy").intact and tamper_alarms == []

    newest = max(audit.AUDIT.query_all("ACCESS#busy"), key=lambda i: i["seq"])
    audit.AUDIT.put({**newest, "sk": f"{newest['sk']}-forged", "seq": newest["seq"] + 5})
    assert not audit.check("ACCESS#busy").intact
    assert tamper_alarms
