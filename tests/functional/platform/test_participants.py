"""Participant governance (X11; issue 15 item 6) against the provisioned template.

Əsasnamə 6.0.10: the operator warns a participant that slows, stops or harms the portal "to
remove the defects", and only "if the requirements are not met" suspends its activity on the
portal "until the defects are removed". 7.0.5: a participant tells the operator of its technical
works "at least 5 (five) business days" ahead.

The agency is a little HTTP server (tests.helpers.serve_agency); its decisions are asked by a
small real ASL workflow in moto (tests/workflow/test_agency_exchange.py's `ask_one`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest

from egov.platform import (
    applications,
    audit,
    clock,
    exchange,
    i18n,
    outbox,
    participants,
    webhooks,
)
from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws
from tests.helpers import Agency, account, call, decide, jump_clock, settle, wait_for
from tests.workflow.test_agency_exchange import (  # noqa: F401 (fixtures)
    MFA,
    MIA,
    agency_server,
    finished,
    request_decision,
    setup,
    start,
)

REASON = "Webhook-lara 3 gündür cavab vermir / It has not answered webhooks for 3 days"
LIFTED = "Sistem bərpa olundu / The system was repaired"
FAR = 10 * 86400  # decisions due long after every clock jump of these tests


@pytest.fixture
def agencies(setup: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """The exchange tests' setup: DIN and XIN at a served agency, accounts, a small workflow."""
    return setup


def governance(
    local_aws: LocalAws, token: str, agency: str, action: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    path = {
        "warn": f"/operator/agencies/{agency}/warning",
        "suspend": f"/operator/agencies/{agency}/suspension",
        "lift": f"/operator/agencies/{agency}/suspension/lifting",
        "close": f"/operator/agencies/{agency}/warning/closing",
    }[action]
    given = call(local_aws, "POST", path, token=token, body=body)
    return given.status, given.body


def warned(local_aws: LocalAws, operator: str, agency: str = MIA) -> datetime:
    remedy_by = clock.now() + timedelta(hours=1)
    status, body = governance(
        local_aws,
        operator,
        agency,
        "warn",
        {"reason": REASON, "remedyBy": clock.iso(remedy_by)},
    )
    assert status == 200, body
    return remedy_by


def alerts(key: str) -> list[dict[str, Any]]:
    return [
        m
        for m in Table("PLATFORM_TABLE").scan_prefix("NOTIFICATION#")
        if m.get("key") == key and m.get("to") == "operator@egov.az"
    ]


def test_x11_only_the_operator_and_only_after_a_warning_whose_time_has_passed(
    local_aws: LocalAws, agencies: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """6.0.10: warning first, suspension only when its requirements were not met in time;
    nothing a stranger does suspends an agency."""
    operator = agencies["operator"]
    strangers = {
        "citizen": account("citizen")[1],
        "the agency itself": agencies["mia"],
        "its officer": agencies["mia_officer"],
        "another agency": agencies["mfa"],
    }
    for who, token in strangers.items():
        for action in ("warn", "suspend", "lift"):
            body = {"reason": REASON, "remedyBy": clock.iso(clock.now() + timedelta(days=1))}
            status, _ = governance(local_aws, token, MIA, action, body)
            assert status == 403, (who, action)
    assert participants.standing(MIA) is None
    assert not webhooks.paused(MIA)

    status, problem = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 409 and problem["code"] == "governance.warning-first", problem
    status, problem = governance(
        local_aws,
        operator,
        MIA,
        "warn",
        {"reason": REASON, "remedyBy": clock.iso(clock.now() - timedelta(minutes=1))},
    )
    assert status == 422 and problem["errors"][0]["field"] == "remedyBy", problem
    status, problem = governance(
        local_aws, operator, MIA, "warn", {"remedyBy": clock.iso(clock.now())}
    )
    assert status == 422 and problem["errors"][0]["field"] == "reason", problem

    remedy_by = warned(local_aws, operator)
    settle(local_aws.pump)
    (told,) = agencies["agency"].bodies("participant.warned")
    assert told["data"]["reason"] == REASON
    assert told["data"]["remedyBy"] == clock.iso(remedy_by)
    status, problem = governance(
        local_aws, operator, MIA, "warn", {"reason": REASON, "remedyBy": clock.iso(remedy_by)}
    )
    assert status == 409 and problem["code"] == "governance.already-warned"

    # The warning's time is still running: the requirements may yet be met.
    status, problem = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 409 and problem["code"] == "governance.remedy-running", problem
    baku = remedy_by.astimezone(clock.BAKU).strftime("%Y-%m-%d %H:%M")
    assert baku in problem["detail"]
    status, problem = governance(local_aws, operator, MIA, "lift", {"reason": LIFTED})
    assert status == 409 and problem["code"] == "governance.not-suspended"

    jump_clock(monkeypatch, remedy_by + timedelta(minutes=1))
    for who, token in strangers.items():
        assert governance(local_aws, token, MIA, "suspend", {"reason": REASON})[0] == 403, who
    assert not webhooks.paused(MIA)
    status, suspended = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 200, suspended
    assert suspended["status"] == "suspended" and suspended["suspension"]["reason"] == REASON
    assert webhooks.paused(MIA)
    status, problem = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 409 and problem["code"] == "governance.already-suspended"

    status, problem = governance(local_aws, operator, MIA, "lift", {"reason": " "})
    assert status == 422 and problem["errors"][0]["field"] == "reason", problem
    status, lifted = governance(local_aws, operator, MIA, "lift", {"reason": LIFTED})
    assert status == 200 and lifted["status"] == "good", lifted
    assert not webhooks.paused(MIA)
    # A new suspension needs a new warning.
    status, problem = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 409 and problem["code"] == "governance.warning-first"

    trail = audit.trail(participants.audit_subject(MIA)).items
    changes = [(e["action"], e.get("basis")) for e in trail]
    assert changes[-3:] == [
        ("participant-warned", REASON),
        ("participant-suspended", REASON),
        ("participant-suspension-lifted", LIFTED),
    ]
    assert {e["actorRole"] for e in trail[-3:]} == {"operator"}
    settle(local_aws.pump)
    agency: Agency = agencies["agency"]
    assert [b["type"] for b in agency.bodies() if b["type"].startswith("participant.")] == [
        "participant.warned",
        "participant.suspended",
        "participant.reinstated",
    ]


def test_x11_a_webhook_sent_during_a_suspension_is_kept_and_delivered_after_it(
    local_aws: LocalAws, agencies: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While suspended: the agency's webhooks are held (not lost), its pending decisions go to
    the operator's alert address, its answers are refused with a clear problem (kept as
    evidence). Lifted: the held webhook is delivered, the agency answers, the workflow ends."""
    agency: Agency = agencies["agency"]
    operator, mia = agencies["operator"], agencies["mia"]
    machine = agencies["machine"]
    before, pending_id = request_decision(local_aws, agency, machine, deadline_in=FAR)

    remedy_by = warned(local_aws, operator)
    settle(local_aws.pump)
    jump_clock(monkeypatch, remedy_by + timedelta(minutes=1))
    status, suspended = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 200, suspended
    assert suspended["suspension"]["pendingDecisions"] == [pending_id]
    (alert,) = suspended["suspension"]["alertMessages"]
    message = Table("PLATFORM_TABLE").get(f"NOTIFICATION#{alert}", "MESSAGE")
    assert message is not None and message["to"] == "operator@egov.az"
    assert pending_id in message["text"]
    settle(local_aws.pump)
    assert agency.bodies("participant.suspended")  # told through the pause

    # A decision asked during the suspension: stored, its webhook held, the operator alerted.
    requested = len(agency.bodies("decision.requested"))
    during = start(machine, deadline_in=FAR)
    held = wait_for(lambda: webhooks.held(MIA), what="the held webhook", pump=local_aws.pump)
    settle(local_aws.pump)
    (webhook,) = held
    assert webhook.type == "decision.requested" and webhook.decision_id
    assert len(agency.bodies("decision.requested")) == requested  # nothing sent
    (held_alert,) = alerts("notice.webhook-held")
    assert webhook.decision_id in held_alert["text"]

    # Its answers are refused with a clear problem, and the refusal is evidence.
    status, problem, _ = decide(local_aws, mia, MIA, pending_id, {"outcome": "approve"})
    assert status == 403 and problem["code"] == "participants.suspended", problem
    assert "6.0.10" in problem["detail"]
    _, log = call(
        local_aws, "GET", f"/agencies/{MIA}/decisions/{pending_id}/evidence", token=operator
    )[:2]
    assert any(e["direction"] == "in" and e["responseStatus"] == 403 for e in log["items"]), log
    decision = Table("PLATFORM_TABLE").get(f"DECISION#{pending_id}", "DECISION")
    assert decision is not None and decision["status"] == "pending"

    status, lifted = governance(local_aws, operator, MIA, "lift", {"reason": LIFTED})
    assert status == 200, lifted
    assert lifted["releasedWebhooks"] == [webhook.webhook_id]
    assert webhooks.held(MIA) == []
    sent = wait_for(
        lambda: agency.bodies("decision.requested")[requested:],
        what="the held webhook delivered",
        pump=local_aws.pump,
    )
    assert [b["data"]["decisionId"] for b in sent] == [webhook.decision_id]

    for decision_id, execution in ((pending_id, before), (webhook.decision_id, during)):
        status, body, _ = decide(local_aws, mia, MIA, str(decision_id), {"outcome": "approve"})
        assert status == 200, body
        assert finished(execution)["status"] == "SUCCEEDED"


def test_x11_a_held_webhook_delivered_again_by_the_queue_is_held_and_alerted_once(
    local_aws: LocalAws, agencies: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    remedy_by = warned(local_aws, agencies["operator"])
    jump_clock(monkeypatch, remedy_by + timedelta(minutes=1))
    assert governance(local_aws, agencies["operator"], MIA, "suspend", {"reason": REASON})[0] == 200
    message = webhooks.message(
        MIA, "decision.requested", {}, webhook_id="msg_twice", decision_id="dec_twice"
    )
    for attempt in (1, 2):
        assert webhooks.deliver(message, attempt).done
    assert [w.webhook_id for w in webhooks.held(MIA)] == ["msg_twice"]
    assert len(alerts("notice.webhook-held")) == 1
    # Another agency's webhooks are not affected.
    assert not webhooks.paused(MFA)


def standing(local_aws: LocalAws, token: str, agency: str = MIA) -> tuple[int, dict[str, Any]]:
    given = call(local_aws, "GET", f"/agencies/{agency}/standing", token=token)
    return given.status, given.body


def test_x11_the_operator_closes_a_warning_early_with_a_reason(
    local_aws: LocalAws, agencies: dict[str, Any]
) -> None:
    """6.0.10: a warning asks the agency to remove the defects; once they are removed before its
    date (or it was given in error) the operator closes it, with a reason, audited, the agency
    told. No suspension can then follow without a new warning."""
    operator = agencies["operator"]
    status, problem = governance(local_aws, operator, MIA, "close", {"reason": LIFTED})
    assert status == 409 and problem["code"] == "governance.not-warned", problem
    warned(local_aws, operator)
    for token in (account("citizen")[1], agencies["mia"], agencies["mia_officer"]):
        assert governance(local_aws, token, MIA, "close", {"reason": LIFTED})[0] == 403
    status, problem = governance(local_aws, operator, MIA, "close", {"reason": " "})
    assert status == 422 and problem["errors"][0]["field"] == "reason", problem
    assert participants.standing(MIA)["status"] == "warned"  # type: ignore[index]

    status, closed = governance(local_aws, operator, MIA, "close", {"reason": LIFTED})
    assert status == 200, closed
    assert closed["status"] == "good" and closed.get("warning") is None
    status, problem = governance(local_aws, operator, MIA, "suspend", {"reason": REASON})
    assert status == 409 and problem["code"] == "governance.warning-first", problem
    status, problem = governance(local_aws, operator, MIA, "close", {"reason": LIFTED})
    assert status == 409 and problem["code"] == "governance.not-warned", problem

    (entry,) = [
        e
        for e in audit.trail(participants.audit_subject(MIA)).items
        if e["action"] == "participant-warning-closed"
    ]
    assert entry["basis"] == LIFTED and entry["actorRole"] == "operator"
    assert entry["before"]["status"] == "warned" and entry["before"]["warning"]["reason"] == REASON
    assert entry["after"] == {"status": "good"}
    settle(local_aws.pump)
    (told,) = agencies["agency"].bodies("participant.warning-closed")
    assert told["data"]["reason"] == LIFTED


def test_x11_the_operator_and_the_agency_itself_read_its_standing(
    local_aws: LocalAws, agencies: dict[str, Any]
) -> None:
    """6.0.10: the agency must know it was warned, why, and by when to remove the defects; the
    operator reads every agency's standing; no one else reads it."""
    operator, mia = agencies["operator"], agencies["mia"]
    status, read = standing(local_aws, operator)
    assert status == 200, read
    assert (read["agency"], read["status"], read.get("warning")) == (MIA, "good", None)
    remedy_by = warned(local_aws, operator)
    for token in (mia, agencies["mia_officer"], operator):
        status, read = standing(local_aws, token)
        assert status == 200, read
        assert read["status"] == "warned"
        assert read["warning"]["reason"] == REASON
        assert read["warning"]["remedyBy"] == clock.iso(remedy_by)
    for token in (agencies["mfa"], account("citizen")[1]):
        assert standing(local_aws, token)[0] == 403
    assert standing(local_aws, mia, MFA)[0] == 403


def test_x11_a_release_of_held_webhooks_that_stops_partway_is_finished_by_the_sweep(
    local_aws: LocalAws, agencies: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """X11: lifting a suspension sends what was held during it; a release that breaks off after
    its first batch leaves the rest held under a release order, and the scheduled outbox sweep
    finishes it, so no webhook stays held for good."""
    operator = agencies["operator"]
    remedy_by = warned(local_aws, operator)
    settle(local_aws.pump)  # the warning reaches the agency before the pause
    jump_clock(monkeypatch, remedy_by + timedelta(minutes=1))
    assert governance(local_aws, operator, MIA, "suspend", {"reason": REASON})[0] == 200
    settle(local_aws.pump)
    ids = [f"msg_held_{n}" for n in range(3)]
    for webhook_id in ids:
        message = webhooks.message(MIA, "decision.requested", {}, webhook_id=webhook_id)
        assert webhooks.deliver(message, 1).done
    assert sorted(w.webhook_id for w in webhooks.held(MIA)) == ids

    commits = 0

    class Throttled(Transaction):
        def commit(self) -> None:
            nonlocal commits
            commits += 1
            if commits == 2:
                raise RuntimeError("throttled")
            super().commit()

    monkeypatch.setattr(webhooks, "RELEASE_BATCH", 1)
    monkeypatch.setattr(webhooks, "Transaction", Throttled)
    status, lifted = governance(local_aws, operator, MIA, "lift", {"reason": LIFTED})
    assert status == 200 and lifted["status"] == "good", lifted
    assert lifted.get("releasedWebhooks") is None
    assert len(webhooks.held(MIA)) == 2
    monkeypatch.setattr(webhooks, "Transaction", Transaction)

    local_aws.invoke("OutboxSweepFunction", {})  # the lifting request's own, for a minute
    assert len(webhooks.held(MIA)) == 2
    monkeypatch.setattr(outbox, "STALE_SECONDS", 0.0)
    local_aws.invoke("OutboxSweepFunction", {})
    assert webhooks.held(MIA) == []
    assert Table("PLATFORM_TABLE").get(webhooks.RELEASING_PK, MIA) is None
    agency: Agency = agencies["agency"]

    def delivered() -> set[str]:
        with agency.lock:
            received = list(agency.received)
        return {
            {k.lower(): v for k, v in r["headers"].items()}["webhook-id"] for r in received
        } & set(ids)

    wait_for(lambda: delivered() == set(ids), what="the held webhooks", pump=local_aws.pump)


# ---------------------------------------------------------------- maintenance (7.0.5)

MONDAY = datetime.fromisoformat("2026-12-07T10:00:00+04:00")  # Baku
EARLIEST = "2026-12-14T20:00:00Z"  # Tuesday 15 December 00:00 Baku, after the 5th business day
WORKS = {"note": "Verilənlər bazasının yenilənməsi / Database upgrade"}

i18n.register(
    {
        "x11test.status.submitted": {"az": "Təqdim edilib", "en": "Submitted"},
        "x11test.title": {"az": "Sınaq müraciəti", "en": "Test application"},
    }
)


def announce(
    local_aws: LocalAws, token: str, start_at: str, end_at: str, agency: str = MIA
) -> tuple[int, dict[str, Any]]:
    given = call(
        local_aws,
        "POST",
        f"/agencies/{agency}/maintenance",
        token=token,
        body={"start": start_at, "end": end_at, **WORKS},
    )
    return given.status, given.body


def tracked_application(
    owner: str, agency: str | None, deadline: str = "2026-12-31T19:59:59Z"
) -> str:
    """An application in `owner`'s cabinet; with `agency`, a decision of it pending there."""
    application_id = "app_" + uuid.uuid4().hex[:10]
    tx = Transaction()
    applications.track(
        tx,
        owner,
        application_id,
        "x11test",
        "submitted",
        "x11test.title",
        actor=audit.Actor.system("test"),
    )
    tx.commit()
    if agency:
        exchange.receive(
            {
                "taskToken": "token-" + uuid.uuid4().hex,
                "agency": agency,
                "kind": "security-check",
                "subject": f"X11TEST#{application_id}",
                "deadline": deadline,
                "timeline": {
                    "owner": owner,
                    "service": "x11test",
                    "applicationId": application_id,
                },
            }
        )
    return application_id


def test_x11_maintenance_is_announced_5_business_days_ahead_and_applicants_see_what_waits(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """7.0.5: announced Monday 7 December 2026, the works may start once Monday 14 December (the
    fifth business day after) has ended; an earlier start is refused naming `start` and the
    earliest allowed moment. Applicants whose step waits on the agency see it in the cabinet."""
    jump_clock(monkeypatch, MONDAY)
    mia = account("agency", MIA)[1]
    mia_officer = account("officer", MIA)[1]

    status, problem = announce(local_aws, mia, "2026-12-14T19:59:00Z", "2026-12-15T02:00:00Z")
    assert status == 422, problem
    assert problem["errors"][0]["field"] == "start"
    assert problem["earliestStart"] == EARLIEST
    assert "2026-12-15 00:00" in problem["detail"]
    status, problem = announce(local_aws, mia, EARLIEST, EARLIEST)
    assert status == 422 and problem["errors"][0]["field"] == "end", problem
    for token in (account("citizen")[1], account("agency", MFA)[1], account("operator")[1]):
        assert announce(local_aws, token, EARLIEST, "2026-12-15T02:00:00Z")[0] == 403
    assert call(local_aws, "GET", "/maintenance").body["items"] == []

    status, window = announce(local_aws, mia_officer, EARLIEST, "2026-12-15T02:00:00Z")
    assert status == 201, window
    listed = call(local_aws, "GET", "/maintenance").body["items"]
    assert [(w["agency"], w["start"], w["end"]) for w in listed] == [
        (MIA, EARLIEST, "2026-12-15T02:00:00Z")
    ]
    (entry,) = [
        e
        for e in audit.trail(participants.audit_subject(MIA)).items
        if e["action"] == "maintenance-announced"
    ]
    assert entry["basis"] == WORKS["note"]
    (told,) = alerts("notice.participant-maintenance")
    assert told["agency"] == MIA and "2026-12-15 00:00" in told["text"]

    owner, token = account("citizen")
    waiting = tracked_application(owner, MIA)
    elsewhere = tracked_application(owner, MFA)
    nothing_pending = tracked_application(owner, None)
    due_before = tracked_application(owner, MIA, deadline="2026-12-14T19:59:59Z")
    status, page = call(local_aws, "GET", "/me/applications", token=token, language="en")[:2]
    assert status == 200, page
    waits = {a["applicationId"]: a["waits"] for a in page["items"]}
    (wait,) = waits[waiting]
    assert (wait["agency"], wait["start"], wait["end"]) == (
        MIA,
        EARLIEST,
        "2026-12-15T02:00:00Z",
    )
    assert "2026-12-15 00:00" in wait["note"] and "will wait" in wait["note"]
    assert waits[elsewhere] == [] and waits[nothing_pending] == []
    assert waits[due_before] == []  # decided (or timed out) before the works begin

    # Once the works are over, nothing waits on them any more.
    jump_clock(monkeypatch, clock.parse("2026-12-15T02:00:01Z"))
    assert call(local_aws, "GET", "/maintenance").body["items"] == []
    page = call(local_aws, "GET", "/me/applications", token=token)[1]
    assert all(a["waits"] == [] for a in page["items"])
