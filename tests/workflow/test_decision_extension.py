"""The operator extends a decision's deadline with a reason (issue 10 item 1; G3, G4, E6), with
the real e-sign review ASL in moto.

An agency that cannot answer (locked out, its system down) is an incident, not consent: the
operator gives its pending decision a later deadline; the waiting task fails with
`Decision.Extended`, the workflow asks the same agency again (the same decision id) until the
new deadline, and the applicant's timeline shows it. Silence until the extended deadline is
still consent (E6), and not before it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from egov.platform import audit, calendar, clock, exchange, tasks
from egov.platform.applications import application_key
from egov.platform.repository import Table
from egov.producers import verification
from tests.conftest import LocalAws
from tests.helpers import call, decision, decision_request, jump_clock, scale_clock, wait_for
from tests.workflow.test_esign_review import (  # agency_endpoints: the autouse fixture
    account,
    agency_endpoints,  # noqa: F401
    answer,
    file_application,
    pending_requests,
    stored,
)
from tests.workflow.test_producer_verification import registered, start, status_of

REASON = "XKX-nin sistemi girişə bağlı idi / XKX's system was locked out"


def extend(
    local_aws: LocalAws, token: str, decision_id: str, deadline: datetime | str, reason: str
) -> tuple[int, dict[str, Any]]:
    return call(
        local_aws,
        "POST",
        f"/operator/decisions/{decision_id}/extension",
        token=token,
        body={
            "deadline": deadline if isinstance(deadline, str) else clock.iso(deadline),
            "reason": reason,
        },
    )[:2]


def asked_again(decision_id: str, deadline: datetime) -> dict[str, Any] | None:
    """The decision once the workflow asked again with the extended deadline."""
    item = decision(decision_id)
    reopened = item["deadline"] == clock.iso(deadline) and "extendedTo" not in item
    return item if reopened else None


def approve_others(local_aws: LocalAws, decisions: dict[str, str]) -> None:
    for agency in ("DIN", "XIN", "DTX"):
        token = account("agency", agency)[1]
        assert answer(local_aws, token, agency, decisions[agency], "approve")[0] == 200


def four_requests(local_aws: LocalAws, application_id: str) -> dict[str, str]:
    return dict(
        wait_for(
            lambda: (d := pending_requests(application_id)) and len(d) == 4 and d,
            pump=local_aws.pump,
        )
    )


def test_issue10_extension_then_the_agency_answers_within_the_new_deadline(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    filed = file_application(local_aws)  # real time: the review's wait is three real days
    application_id = filed["applicationId"]
    decisions = four_requests(local_aws, application_id)
    approve_others(local_aws, decisions)
    xkx = decisions["XKX"]
    original = clock.parse(decision(xkx)["deadline"])
    later = calendar.add_business_days(original, 2)
    operator = account("operator")[1]

    # Only the operator; a later deadline; a reason.
    for role, agency in (("citizen", None), ("agency", "XKX"), ("officer", "XKX")):
        status, _ = extend(local_aws, account(role, agency)[1], xkx, later, REASON)
        assert status == 403, role
    status, problem = extend(local_aws, operator, xkx, original, REASON)
    assert status == 422 and problem["errors"][0]["field"] == "deadline", problem
    status, problem = extend(local_aws, operator, xkx, later, "  ")
    assert status == 422 and problem["errors"][0]["field"].endswith("reason"), problem
    assert extend(local_aws, operator, "dec_" + "0" * 32, later, REASON)[0] == 404
    assert decision(xkx)["deadline"] == clock.iso(original)

    status, extended = extend(local_aws, operator, xkx, later, REASON)
    assert status == 200, extended
    assert extended["extendedTo"] == clock.iso(later)
    reopened = wait_for(lambda: asked_again(xkx, later), pump=local_aws.pump)
    assert reopened["status"] == "pending" and reopened["round"] == 2  # one decision id

    # Past the first deadline, within the new one: the answer counts.
    jump_clock(monkeypatch, original + timedelta(hours=1))
    status, answered = answer(local_aws, account("agency", "XKX")[1], "XKX", xkx, "approve")
    assert status == 200, answered
    item = wait_for(
        lambda: stored(application_id).get("virtualFin") and stored(application_id),
        pump=local_aws.pump,
    )
    assert {(o["agency"], o["outcome"]) for o in item["opinions"]} == {
        (a, "approve") for a in ("DIN", "XIN", "DTX", "XKX")
    }

    # An answered decision is not extended.
    status, problem = extend(local_aws, operator, xkx, later + timedelta(days=3), REASON)
    assert status == 409, problem

    trail = audit.AUDIT.query(f"DECISION#{xkx}").items
    extension = [e for e in trail if e["action"] == "decision-extended"]
    assert len(extension) == 1 and extension[0]["basis"] == REASON
    assert extension[0]["actorRole"] == "operator"
    assert extension[0]["after"] == {"deadline": clock.iso(later)}

    cabinet = Table("PLATFORM_TABLE").get(*application_key(filed["owner"], "esign", application_id))
    assert cabinet is not None
    notes = [step["note"]["en"] for step in cabinet["history"] if step.get("note")]
    shown = [n for n in notes if "extended" in n]
    local = later.astimezone(clock.BAKU).strftime("%Y-%m-%d %H:%M")
    assert shown and REASON in shown[0] and local in shown[0], notes


def test_issue10_e6_silence_is_consent_only_after_the_extended_deadline(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    decisions = four_requests(local_aws, application_id)
    approve_others(local_aws, decisions)
    xkx = decisions["XKX"]
    original = clock.parse(decision(xkx)["deadline"])
    later = original + timedelta(hours=12)

    # A virtual day per 15 real seconds from two days before the first deadline: the extension
    # has two virtual days (30 s) to arrive, and the new wait lasts about 38 s.
    scale_clock(monkeypatch, 15.0)
    jump_clock(monkeypatch, original - timedelta(days=2))
    status, extended = extend(local_aws, account("operator")[1], xkx, later, REASON)
    assert status == 200, extended

    item = wait_for(
        lambda: stored(application_id).get("virtualFin") and stored(application_id),
        pump=local_aws.pump,
    )
    assert clock.parse(item["virtualFinIssuedAt"]) >= later
    assert ("XKX", "silent") in {(o["agency"], o["outcome"]) for o in item["opinions"]}
    consented = wait_for(
        lambda: (d := decision(xkx))["status"] == "deemed-consent" and d, pump=local_aws.pump
    )
    assert consented["deadline"] == clock.iso(later) and consented["round"] == 2
    assert exchange.decision_of("XKX", xkx)["decisionId"] == xkx


def test_issue10_p5_an_extension_of_the_ministry_s_deadline_is_no_escalation(
    local_aws: LocalAws,
) -> None:
    """The producer workflow (the test plays the exchange): `Decision.Extended` reads the new
    wait back and asks the ministry again with it; no escalation, no operator alert."""
    registered("px")
    execution = start("px")
    first = decision_request(local_aws)
    assert first["timeline"] == {"owner": "px", "service": "producers", "applicationId": "px"}
    later = clock.parse(first["deadline"]) + timedelta(days=2)
    assert tasks.fail(first["taskToken"], exchange.EXTENDED, "extended") is True

    asked = decision_request(local_aws)
    assert asked["extension"] is True
    assert (asked["agency"], asked["kind"], asked["subject"]) == (
        "MKT",
        "producer-verification",
        "PRODUCER#px",
    )
    assert tasks.answer(asked["taskToken"], {"deadline": clock.iso(later), "waitSeconds": 3600})

    again = decision_request(local_aws)
    assert clock.parse(again["deadline"]) == later and again["reopen"] is True
    assert verification.escalations("px") == []
    assert status_of(execution) == "RUNNING"
