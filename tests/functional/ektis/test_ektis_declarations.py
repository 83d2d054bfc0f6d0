"""Declarations with animal lines, corrections that rewrite them, and withdrawn applications,
through their handlers on moto (issue 17 items 1-2; A3, A4, A5, A7).

Seed 004 §7.1.1.4-6: the farmer enters "təsərrüfatları (əkin sahələri, heyvanları və s.)" and
applies "EKTİS-in avtomatik formalaşdırdığı bəyannamə əsasında"; §7.1.1.7 / §7.1.3.7: the
farmer complains "bəyannamədə olan məlumatlarla razılaşmadıqda" and the data is corrected
("daxil etdiyi məlumatlarda düzəliş"); §7.1.1.12: the farmer follows ("icrasını izləmək") the
applications, which a pending one may also end by withdrawing it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import boto3

from egov.ektis import subsidy
from egov.ektis.subjects import TABLE
from egov.platform import audit
from egov.platform.applications import application_key
from egov.platform.auth import PLATFORM
from tests.conftest import LocalAws
from tests.functional.ektis import kit
from tests.functional.ektis.test_ektis_subsidy import (
    answer,
    apply,
    complain,
    decide,
    declaration,
    farm,
    parcel,
)
from tests.helpers import account, call


def herd(local_aws: LocalAws, token: str) -> list[str]:
    """Three cows, two sheep and a goat (no 2026 rate for goats)."""
    tags = [kit.ear_tag(n) for n in range(1, 7)]
    for tag in tags[:3]:
        kit.register_animal(local_aws, token, tag=tag)
    for tag in tags[3:5]:
        kit.register_animal(local_aws, token, tag=tag, species="sheep", purpose="wool")
    kit.register_animal(local_aws, token, tag=tags[5], species="goat", purpose="meat")
    return tags


def by_item(drawn: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["name"]: line for line in drawn["lines"]}


def test_a3_a7_animal_lines_come_from_the_livestock_registry_per_head(
    local_aws: LocalAws,
) -> None:
    """A3, A4: the declaration counts the animals the subject keeps, per species, at the
    season's rate per head, with the ear tags counted; an animal moved away counts for its new
    keeper; the holding's species is subsidised once a season."""
    token, subject_id, _ = kit.subject(local_aws, kit.ELSHAN, "farmer")
    parcel(local_aws, token, 47.0, "AZ-3001", "buğda")
    tags = herd(local_aws, token)
    drawn = declaration(local_aws, token)
    assert [line["kind"] for line in drawn["lines"]] == ["crop", "animal", "animal", "animal"]
    lines = by_item(drawn)
    cattle, sheep, goat = lines["cattle"], lines["sheep"], lines["goat"]
    assert (cattle["unit"], cattle["quantity"], cattle["rate"], cattle["amount"]) == (
        "head",
        "3",
        "50.00",
        "150.00",
    )
    assert cattle["heads"] == sorted(tags[:3])
    assert cattle["computation"].startswith("3 head × 50.00 AZN/head = 150.00 AZN")
    assert cattle["source"] == {"kind": "livestock", "id": f"{subject_id}:cattle"}
    assert (sheep["quantity"], sheep["amount"]) == ("2", "25.00")
    assert (goat["rate"], goat["amount"]) == (None, "0.00")  # shown, not paid
    wheat = drawn["lines"][0]
    assert Decimal(drawn["total"]) == Decimal(wheat["amount"]) + Decimal("175.00")

    buyer, _, _ = kit.subject(local_aws, kit.GUNAY, "farmer")
    status, moved, _ = call(
        local_aws,
        "POST",
        f"/ektis/animals/{tags[0]}/movements",
        token=token,
        body={"to": kit.GUNAY, "movedOn": kit.days_ago(1), "reason": "sale"},
    )
    assert status == 201, moved
    # On its way, the cow is still the sender's; once the buyer confirms its arrival, the buyer's.
    assert by_item(declaration(local_aws, token))["cattle"]["heads"] == sorted(tags[:3])
    status, arrived, _ = call(local_aws, "POST", f"/ektis/animals/{tags[0]}/arrival", token=buyer)
    assert status == 200, arrived
    assert by_item(declaration(local_aws, token))["cattle"]["heads"] == sorted(tags[1:3])
    assert by_item(declaration(local_aws, buyer))["cattle"]["heads"] == [tags[0]]

    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    assert "cattle" in {line["item"] for line in applied["lines"]}
    status, again = apply(local_aws, token, declaration(local_aws, token)["declarationId"])
    assert (status, again["errors"][0]["field"]) == (409, "declarationId")
    guard = TABLE.get(f"SUBSIDISED#livestock#{subject_id}:cattle#2026", "GUARD")
    assert guard is not None and guard["owner"] == applied["subsidyId"]


def test_a3_a7_an_animal_subsidised_on_one_holding_is_not_subsidised_again_where_it_moved(
    local_aws: LocalAws,
) -> None:
    """A3, A7: seed 004 §3.2.3 tracks each animal ("heyvanların ... hərəkətlərinin izlənilməsi")
    and §5.1.12 records who receives a subsidy for what. The lock is the animal's and the
    season's, across holdings: a cow in Elşən's pending 2026 application, sold and moved to
    Günay, is counted on Günay's declaration (it is his now) but his application is refused
    while Elşən's stands; once Elşən's is refused the cow is free and Günay's goes through."""
    seller, _, _ = kit.subject(local_aws, kit.ELSHAN, "farmer")
    cow, calf = kit.ear_tag(1), kit.ear_tag(2)
    kit.register_animal(local_aws, seller, tag=cow)
    status, first = apply(local_aws, seller, declaration(local_aws, seller)["declarationId"])
    assert status == 201, first
    guard = TABLE.get(f"SUBSIDISED#animal#{cow}#2026", "GUARD")
    assert guard is not None and guard["owner"] == first["subsidyId"]

    buyer, _, _ = kit.subject(local_aws, kit.GUNAY, "farmer")
    kit.register_animal(local_aws, buyer, tag=calf)
    status, sent, _ = call(
        local_aws,
        "POST",
        f"/ektis/animals/{cow}/movements",
        token=seller,
        body={"to": kit.GUNAY, "movedOn": kit.days_ago(1), "reason": "sale"},
    )
    assert status == 201, sent
    assert call(local_aws, "POST", f"/ektis/animals/{cow}/arrival", token=buyer)[0] == 200
    drawn = declaration(local_aws, buyer)
    assert by_item(drawn)["cattle"]["heads"] == sorted([cow, calf])
    status, twice = apply(local_aws, buyer, drawn["declarationId"])
    assert status == 409, twice
    assert (twice["errors"][0]["field"], twice["code"]) == (
        "declarationId",
        "ektis.subsidy.animal-already",
    )
    # Nothing of the refused application was kept: the calf and the holding's species are free.
    assert TABLE.get(f"SUBSIDISED#animal#{calf}#2026", "GUARD") is None
    assert TABLE.get(f"SUBSIDISED#livestock#{drawn['subjectId']}:cattle#2026", "GUARD") is None

    decide(first["subsidyId"], "reject", "Sənədlər natamamdır")
    assert TABLE.get(f"SUBSIDISED#animal#{cow}#2026", "GUARD") is None
    status, second = apply(local_aws, buyer, drawn["declarationId"])
    assert status == 201, second
    assert TABLE.get(f"SUBSIDISED#animal#{cow}#2026", "GUARD")["owner"] == second["subsidyId"]


def corrected(
    local_aws: LocalAws, farmer: str, declaration_id: str, corrections: list[dict[str, Any]]
) -> tuple[int, dict[str, Any], str]:
    status, filed = complain(local_aws, farmer, about={"kind": "declaration", "id": declaration_id})
    assert status == 201, filed
    _, officer = account("officer", "MKT")
    status, body = answer(
        local_aws, officer, filed["complaintId"], outcome="corrected", corrections=corrections
    )
    return status, body, filed["complaintId"]


def barley_and_less_wheat(local_aws: LocalAws, farmer: str, drawn: dict[str, Any]) -> str:
    """The ministry's correction of `farm`'s declaration: the saffron line is barley, the wheat
    2.5 ha. Returns the complaint's id."""
    status, body, complaint_id = corrected(
        local_aws,
        farmer,
        drawn["declarationId"],
        [
            {"field": "lines[1].crop", "before": "zəfəran", "after": "arpa"},
            {"field": "lines[0].quantity", "before": drawn["lines"][0]["quantity"], "after": "2.5"},
        ],
    )
    assert (status, body["status"]) == (200, "corrected"), body
    return complaint_id


def read(local_aws: LocalAws, token: str, declaration_id: str) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(local_aws, "GET", f"/ektis/declarations/{declaration_id}", token=token)
    return status, body


def test_a3_a5_a_complaints_correction_rewrites_the_declaration_keeping_its_history(
    local_aws: LocalAws,
) -> None:
    """A3, A5: the ministry corrects the declaration complained about; the corrected data flows
    into it (the lines computed again, the totals following) and the lines before are kept; an
    application on it afterwards carries the corrected lines."""
    farmer, drawn = farm(local_aws)  # wheat, then saffron (no rate)
    complaint_id = barley_and_less_wheat(local_aws, farmer, drawn)
    status, now = read(local_aws, farmer, drawn["declarationId"])
    assert status == 200, now
    first, second = now["lines"]
    assert (first["quantity"], first["amount"]) == ("2.5000", "300.00")
    assert (second["item"], second["name"], second["rate"]) == ("barley", "arpa", "90.00")
    assert Decimal(now["total"]) == Decimal("300.00") + Decimal(second["amount"])
    (revision,) = now["revisions"]
    assert (now["revision"], revision["complaintId"]) == (1, complaint_id)
    assert revision["linesBefore"] == drawn["lines"] and revision["totalBefore"] == drawn["total"]
    assert [c["after"] for c in revision["changes"]] == ["arpa", "2.5"]
    entries = audit.trail(f"SUBJECT#{drawn['subjectId']}").items
    assert "ektis-declaration-corrected" in [e["action"] for e in entries]
    _, officer = account("officer", "MKT")
    assert read(local_aws, officer, drawn["declarationId"])[0] == 200
    stranger, _, _ = kit.subject(local_aws, kit.GUNAY)
    assert read(local_aws, stranger, drawn["declarationId"])[0] == 404

    status, applied = apply(local_aws, farmer, drawn["declarationId"])
    assert status == 201, applied
    assert [line["item"] for line in applied["lines"]] == ["wheat", "barley"]
    assert applied["total"] == now["total"]


def subsidy_of(local_aws: LocalAws, token: str, subsidy_id: str) -> dict[str, Any]:
    status, body, _ = call(local_aws, "GET", f"/ektis/subsidies/{subsidy_id}", token=token)
    assert status == 200, body
    return dict(body)


def test_a3_a5_a_correction_relines_an_undecided_application_and_leaves_a_decided_one(
    local_aws: LocalAws,
) -> None:
    """A3, A5: the application is made "bəyannamə əsasında" (§7.1.1.6) and the complaint
    "bəyannamədə olan məlumatlarla razılaşmadıqda" (§7.1.1.7) puts the declaration right. A
    pending application carries the corrected lines and totals (a line that now has a rate is
    guarded); a granted one keeps the lines it was decided on and notes the later revision."""
    farmer, drawn = farm(local_aws)  # wheat, then saffron (no rate: not applied for)
    saffron = drawn["lines"][1]
    status, pending = apply(local_aws, farmer, drawn["declarationId"])
    assert status == 201, pending
    assert [line["item"] for line in pending["lines"]] == ["wheat"]
    complaint_id = barley_and_less_wheat(local_aws, farmer, drawn)
    _, now = read(local_aws, farmer, drawn["declarationId"])
    after = subsidy_of(local_aws, farmer, pending["subsidyId"])
    assert [line["item"] for line in after["lines"]] == ["wheat", "barley"]
    assert (after["lines"][0]["quantity"], after["lines"][0]["amount"]) == ("2.5000", "300.00")
    assert (after["total"], after["inputTotal"]) == (now["total"], now["inputTotal"])
    assert (after["declarationRevision"], after["status"]) == (1, "pending")
    barley = TABLE.get(
        f"SUBSIDISED#{saffron['source']['kind']}#{saffron['source']['id']}#2026", "GUARD"
    )
    assert barley is not None and barley["owner"] == pending["subsidyId"]
    assert "ektis-subsidy-relined" in [
        e["action"] for e in audit.trail(f"SUBSIDY#{pending['subsidyId']}").items
    ]

    decide(pending["subsidyId"], "approve")
    status, body, second = corrected(
        local_aws,
        farmer,
        drawn["declarationId"],
        [{"field": "lines[0].quantity", "before": "2.5000", "after": "1"}],
    )
    assert (status, body["status"]) == (200, "corrected"), body
    granted = subsidy_of(local_aws, farmer, pending["subsidyId"])
    assert (granted["status"], granted["total"]) == ("granted", after["total"])
    assert granted["lines"] == after["lines"] and granted["declarationRevision"] == 1
    (later,) = granted["revisedAfterDecision"]
    assert (later["revision"], later["complaintId"]) == (2, second)
    assert later["totalAfter"] == read(local_aws, farmer, drawn["declarationId"])[1]["total"]
    assert complaint_id != second


def test_g7_a5_a_wrong_correction_is_refused_naming_it_and_changes_nothing(
    local_aws: LocalAws,
) -> None:
    farmer, drawn = farm(local_aws)
    cases = [
        ([{"field": "lines[7].quantity", "after": "1"}], "corrections[0].field"),
        ([{"field": "total", "after": "1"}], "corrections[0].field"),
        (
            [
                {"field": "lines[1].name", "after": "arpa"},
                {"field": "lines[0].quantity", "before": "99", "after": "1"},
            ],
            "corrections[1].before",
        ),
        ([{"field": "lines[0].quantity", "after": "-1"}], "corrections[0].after"),
        ([{"field": "lines[0].quantity", "after": "bir"}], "corrections[0].after"),
    ]
    for corrections, field in cases:
        status, body, complaint_id = corrected(
            local_aws, farmer, drawn["declarationId"], corrections
        )
        assert (status, body["errors"][0]["field"]) == (422, field), body
        _, still = call(local_aws, "GET", f"/ektis/complaints/{complaint_id}", token=farmer)[:2]
        assert still["status"] == "open"
    assert read(local_aws, farmer, drawn["declarationId"])[1]["revision"] == 0


def withdrawal_messages(local_aws: LocalAws) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs")
    url = local_aws.template.ref("DecisionWithdrawalQueue")
    found = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in found]


def withdraw(
    local_aws: LocalAws, token: str, subsidy_id: str, **body: Any
) -> tuple[int, dict[str, Any]]:
    status, answer_, _ = call(
        local_aws, "POST", f"/ektis/subsidies/{subsidy_id}/withdrawal", token=token, body=body
    )
    return status, answer_


def test_a3_a_pending_application_is_withdrawn_and_its_parcels_are_free_again(
    local_aws: LocalAws,
) -> None:
    """A3: the applicant withdraws while the ministry decides: the status, the cabinet, the
    guards released (the same parcels may be applied for again), the exchange told to withdraw
    the ministry's request; a decision arriving afterwards changes nothing."""
    farmer, drawn = farm(local_aws)
    _, applied = apply(local_aws, farmer, drawn["declarationId"])
    subsidy_id = applied["subsidyId"]
    stranger, _, _ = kit.subject(local_aws, kit.GUNAY)
    assert withdraw(local_aws, stranger, subsidy_id)[0] == 404
    status, body = withdraw(local_aws, farmer, subsidy_id, reason="Sahəni icarəyə verdim")
    assert status == 200, body
    assert (body["status"], body["withdrawalReason"]) == ("withdrawn", "Sahəni icarəyə verdim")
    assert body["withdrawnAt"]
    (message,) = withdrawal_messages(local_aws)
    assert (message["subject"], message["reason"]) == (
        f"SUBSIDY#{subsidy_id}",
        "Sahəni icarəyə verdim",
    )
    owner = subsidy.load(subsidy_id)["owner"]
    cabinet = PLATFORM.get(*application_key(owner, "ektis", subsidy_id))
    assert cabinet is not None and cabinet["status"] == "withdrawn"
    for line in applied["lines"]:
        assert TABLE.get(subsidy.guard_key(subsidy.Source(**line["source"]), 2026), "GUARD") is None
    status, problem = withdraw(local_aws, farmer, subsidy_id)
    assert (status, problem["errors"][0]["field"]) == (409, "subsidyId")
    decide(subsidy_id, "approve")  # the ministry's answer overtaken by the withdrawal
    assert subsidy.load(subsidy_id)["status"] == "withdrawn"
    status, again = apply(local_aws, farmer, drawn["declarationId"])
    assert status == 201, again
