"""After the virtual FIN: the Center's decision (E8), the embassy's invitation (E9) and in-person
check (E10), with the real ASL in moto.

The four agencies, the Center's staff (role `center`) and the embassy officer (role `officer`,
agency `EMB-DE`) act through the real handlers; the pump delivers every queue to its consumer;
webhooks go to a local receiver that keeps what it got.

Everything runs at real speed (the deadlines are real business days away) except where a test
needs a deadline to pass: there the clock is scaled from the moment the workflow computes that
deadline on, and the test looks for the recorded outcome (alert, new request) without assuming
it got anywhere before the deadline.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from egov.certificates import registry
from egov.esign import contracts, vfin
from egov.esign.records import ESIGN, subject
from egov.platform import calendar, clock, exchange, webhooks
from egov.platform.audit import Actor
from egov.platform.repository import Table
from tests import helpers
from tests.conftest import LocalAws
from tests.helpers import Agency, call, scale_clock, serve_agency, wait_for
from tests.workflow.test_esign_review import (
    AGENCIES,
    account,
    answer,
    decisions_about,
    file_application,
    pending_requests,
    sample_form,
    stored,
)

BODIES = ("DIN", "XIN", "DTX", "XKX", "EIMZA", "ASXM", "EMB-DE", "EMB-FR")
ENDPOINTS = Agency()  # replaced per test by the fixture below


@pytest.fixture(autouse=True)
def agency_endpoints(local_aws: LocalAws) -> Iterator[None]:
    """Agencies, Centers and embassies acknowledge webhooks; they act later through the API."""
    global ENDPOINTS
    with serve_agency() as (agency, url):
        ENDPOINTS = agency
        for body in BODIES:
            webhooks.register(
                body,
                webhooks.Registration(url=f"{url}/{body}", scheme="v1a"),
                Actor.system("tests"),
            )
        yield


@pytest.fixture
def tokens() -> dict[str, str]:
    """Agency systems, the two Centers' staff and two embassies' officers."""
    found = {agency: account("agency", agency)[1] for agency in AGENCIES}
    found |= {center: account("center", center)[1] for center in ("EIMZA", "ASXM")}
    found |= {emb: account("officer", emb)[1] for emb in ("EMB-DE", "EMB-FR")}
    return found


def public_key() -> str:
    raw = Ed25519PrivateKey.generate().public_key()
    return base64.b64encode(
        raw.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    ).decode()


def reviewed(
    local_aws: LocalAws, tokens: dict[str, str], form: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A filed application the four agencies approved: it waits for its Center (E6 → E8)."""
    filed = file_application(local_aws, form)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    for agency, decision_id in decisions.items():
        assert answer(local_aws, tokens[agency], agency, decision_id, "approve")[0] == 200
    return filed


def center_task(
    local_aws: LocalAws, center: str, token: str, application_id: str
) -> dict[str, Any]:
    """The Center's task list through the exchange route, as its staff see it (E8)."""

    def listed() -> dict[str, Any] | None:
        status, page = call(local_aws, "GET", f"/agencies/{center}/decisions", token=token)[:2]
        assert status == 200, page
        mine = [d for d in page["items"] if d["subject"] == subject(application_id)]
        return mine[0] if mine else None

    return dict(wait_for(listed, pump=local_aws.pump))


def decide(
    local_aws: LocalAws, center: str, token: str, decision_id: str, outcome: str, reason: str = ""
) -> tuple[int, dict[str, Any]]:
    given = {"outcome": outcome, "reason": reason}
    return helpers.decide(local_aws, token, center, decision_id, given)[:2]


def embassy_tasks(local_aws: LocalAws, embassy: str, token: str) -> tuple[int, dict[str, Any]]:
    return call(local_aws, "GET", f"/esign/embassies/{embassy}/tasks", token=token)[:2]


def embassy_act(
    local_aws: LocalAws, action: str, embassy: str, token: str, application_id: str, body: Any
) -> tuple[int, dict[str, Any]]:
    return call(
        local_aws,
        "POST",
        f"/esign/embassies/{embassy}/applications/{application_id}/{action}",
        token=token,
        body=body,
    )[:2]


def approved_by_center(local_aws: LocalAws, tokens: dict[str, str]) -> dict[str, Any]:
    """Reviewed, and the E-imza Center approved: the decision is at the embassy (E8)."""
    filed = reviewed(local_aws, tokens)
    task = center_task(local_aws, "EIMZA", tokens["EIMZA"], filed["applicationId"])
    assert decide(local_aws, "EIMZA", tokens["EIMZA"], task["decisionId"], "approve")[0] == 200
    wait_for(lambda: stored(filed["applicationId"])["status"] == "at-embassy", pump=local_aws.pump)
    return filed


def invitation(days_ahead: int = 2) -> dict[str, str]:
    return {
        "at": clock.iso(clock.now() + timedelta(days=days_ahead)),
        "place": "Botschaft der Republik Aserbaidschan, Hubertusallee 43, Berlin",
    }


def inbox_keys(owner: str) -> list[str]:
    return [
        i["key"] for i in Table("PLATFORM_TABLE").query(f"USER#{owner}", sk_prefix="INBOX#").items
    ]


def webhooks_to(agency: str, event_type: str) -> list[dict[str, Any]]:
    return ENDPOINTS.bodies(event_type, path=f"/{agency}")


# ---------------------------------------------------------------- the whole path


def test_e8_e9_e10_center_approves_embassy_invites_checks_and_the_certificate_is_issued(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E8, E9, E10, E12: token → EIMZA decides; contract and decision at EMB-DE; invitation;
    originals match → contracts signed, certificate for 3 years, serial on the application."""
    filed = reviewed(local_aws, tokens)
    application_id = filed["applicationId"]
    vfin_code = wait_for(lambda: stored(application_id).get("virtualFin"), pump=local_aws.pump)

    task = center_task(local_aws, "EIMZA", tokens["EIMZA"], application_id)
    assert task["kind"] == "esign-center-decision"
    assert task["payload"]["virtualFin"] == vfin_code
    assert task["payload"]["application"]["applicant"]["surname"] == "Müller"
    issued_at = clock.parse(stored(application_id)["virtualFinIssuedAt"])
    expected = clock.iso(calendar.add_business_days(issued_at, 5))
    assert clock.parse(task["deadline"]) == clock.parse(expected)
    # The other Center neither sees nor answers it (own tasks only).
    status, _ = call(local_aws, "GET", "/agencies/EIMZA/decisions", token=tokens["ASXM"])[:2]
    assert status == 403
    status, _ = decide(local_aws, "EIMZA", tokens["ASXM"], task["decisionId"], "approve")
    assert status == 403
    assert decide(local_aws, "EIMZA", tokens["EIMZA"], task["decisionId"], "approve")[0] == 200

    item = wait_for(
        lambda: stored(application_id)["status"] == "at-embassy" and stored(application_id),
        pump=local_aws.pump,
    )
    contract = contracts.load(item["contractNumber"])
    assert contract is not None and contract.status == "prepared"
    assert contract.center == "EIMZA" and contract.embassy == "EMB-DE"
    holder = next(p for p in contract.parties if p.role == "holder")
    assert holder.name == "Müller Jürgen" and (holder.data or {})["virtualFin"] == vfin_code
    assert "esign.center-approved" in inbox_keys(filed["owner"])  # told at once
    sent = wait_for(lambda: webhooks_to("EMB-DE", "esign.decision-received"), pump=local_aws.pump)
    assert sent[0]["data"]["contract"]["contractNumber"] == item["contractNumber"]
    assert item["inviteDeadline"] == clock.iso(
        calendar.add_business_days(clock.parse(item["atEmbassyAt"]), 1)
    )

    status, listed = embassy_tasks(local_aws, "EMB-DE", tokens["EMB-DE"])
    assert status == 200
    mine = [t for t in listed["items"] if t["applicationId"] == application_id]
    assert mine and mine[0]["task"] == "invite" and mine[0]["overdue"] is False
    assert mine[0]["dueAt"] == item["inviteDeadline"]
    assert embassy_tasks(local_aws, "EMB-DE", tokens["EMB-FR"])[0] == 403
    assert not [
        t
        for t in embassy_tasks(local_aws, "EMB-FR", tokens["EMB-FR"])[1]["items"]
        if t["applicationId"] == application_id
    ]
    status, _ = embassy_act(
        local_aws, "invitation", "EMB-FR", tokens["EMB-FR"], application_id, invitation()
    )
    assert status == 404  # another embassy's application is unknown to it

    status, invited = embassy_act(
        local_aws, "invitation", "EMB-DE", tokens["EMB-DE"], application_id, invitation()
    )
    assert status == 200, invited
    assert invited["status"] == "invited" and invited["invitation"]["place"].startswith("Botschaft")
    assert "esign.invited" in inbox_keys(filed["owner"])
    status, problem = embassy_act(
        local_aws, "check", "EMB-DE", tokens["EMB-DE"], application_id, {"outcome": "match"}
    )
    assert (status, problem["errors"][0]["field"]) == (422, "body")

    check = {"outcome": "match", "publicKey": public_key(), "tokenSerial": "TKN-2026-0042"}
    status, done = embassy_act(
        local_aws, "check", "EMB-DE", tokens["EMB-DE"], application_id, check
    )
    assert status == 200, done
    assert done["status"] == "issued"
    serial = done["certificateSerial"]
    cert, _ = registry.load(serial)
    assert cert.holder.virtual_fin == vfin_code and cert.center == "EIMZA"
    assert cert.carrier.id == "TKN-2026-0042" and cert.embassy == "EMB-DE"
    assert cert.valid_to.year - cert.valid_from.year == 3  # E12
    signed = contracts.load(item["contractNumber"])
    assert signed is not None and signed.status == "signed"
    assert signed.certificate_serial == serial
    assert "esign.issued" in inbox_keys(filed["owner"])
    assert not [
        t
        for t in embassy_tasks(local_aws, "EMB-DE", tokens["EMB-DE"])[1]["items"]
        if t["applicationId"] == application_id
    ]
    assert wait_for(lambda: _execution(application_id) == "SUCCEEDED", pump=local_aws.pump)


def _execution(application_id: str) -> str:
    from tests.workflow.test_esign_review import execution_status

    return execution_status(application_id)


def test_e8_asan_imza_goes_to_asxm_whose_refusal_ends_it_with_the_reason(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E8: an ASAN İmza carrier is decided by ASXM; its refusal and reason reach the applicant."""
    form = sample_form()
    form["carrier"] = {"kind": "asan-sim", "operator": "Azercell", "mobile": "+994501234567"}
    filed = reviewed(local_aws, tokens, form)
    application_id = filed["applicationId"]
    task = center_task(local_aws, "ASXM", tokens["ASXM"], application_id)
    assert not [
        d
        for d in exchange.decisions("EIMZA", "pending").items
        if d.subject == subject(application_id)
    ]
    status, _ = decide(
        local_aws, "ASXM", tokens["ASXM"], task["decisionId"], "reject", "Passport copy unreadable"
    )
    assert status == 200
    item = wait_for(
        lambda: stored(application_id)["status"] == "center-refused" and stored(application_id),
        pump=local_aws.pump,
    )
    assert "contractNumber" not in item
    status, seen = call(
        local_aws, "GET", f"/esign/applications/{application_id}", token=filed["token"]
    )[:2]
    assert seen["reason"] == "Passport copy unreadable"
    inbox = Table("PLATFORM_TABLE").query(f"USER#{filed['owner']}", sk_prefix="INBOX#").items
    refusal = [i for i in inbox if i["key"] == "esign.center-refused"]
    assert refusal and "Passport copy unreadable" in refusal[0]["texts"]["body"]["en"]
    assert wait_for(lambda: _execution(application_id) == "SUCCEEDED", pump=local_aws.pump)


def test_e10_a_mismatch_refuses_and_cancels_the_virtual_fin(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E10, §2.13: originals differ → refused, the virtual FIN cancelled in its register."""
    filed = approved_by_center(local_aws, tokens)
    application_id = filed["applicationId"]
    code = stored(application_id)["virtualFin"]
    assert (
        embassy_act(
            local_aws, "invitation", "EMB-DE", tokens["EMB-DE"], application_id, invitation()
        )[0]
        == 200
    )
    mismatch = {"outcome": "mismatch", "reason": "Passport number differs from the copy"}
    status, done = embassy_act(
        local_aws, "check", "EMB-DE", tokens["EMB-DE"], application_id, mismatch
    )
    assert status == 200, done
    assert done["status"] == "embassy-refused" and done["certificateSerial"] is None
    register = ESIGN.get(*vfin.key(code))
    assert register is not None and register["status"] == "cancelled"
    assert "esign.embassy-refused" in inbox_keys(filed["owner"])
    status, _ = embassy_act(
        local_aws, "check", "EMB-DE", tokens["EMB-DE"], application_id, mismatch
    )
    assert status == 409  # decided once
    assert wait_for(lambda: _execution(application_id) == "SUCCEEDED", pump=local_aws.pump)


def test_e9_no_invitation_within_one_business_day_alerts_the_embassy_and_keeps_waiting(
    local_aws: LocalAws, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E9: the deadline passes without an invitation → escalation record, webhook and overdue
    task for the embassy; the workflow still waits, and the late invitation is taken."""
    filed = reviewed(local_aws, tokens)
    application_id = filed["applicationId"]
    task = center_task(local_aws, "EIMZA", tokens["EIMZA"], application_id)
    assert decide(local_aws, "EIMZA", tokens["EIMZA"], task["decisionId"], "approve")[0] == 200
    # The decision reaches the embassy (and its invitation deadline is computed) only when the
    # pump delivers it, below: from here a business day passes in four real seconds.
    scale_clock(monkeypatch, 4.0)
    due = wait_for(
        lambda: stored(application_id).get("inviteDeadline"),
        what="the decision at the embassy",
        pump=local_aws.pump,
    )

    alert = wait_for(
        lambda: ESIGN.get(f"APPLICATION#{application_id}", f"ALERT#invitation#{due}"),
        pump=local_aws.pump,
    )
    assert alert["owedBy"] == "EMB-DE" and clock.parse(alert["raisedAt"]) > clock.parse(due)
    assert wait_for(lambda: webhooks_to("EMB-DE", "esign.task-overdue"), pump=local_aws.pump)
    listed = embassy_tasks(local_aws, "EMB-DE", tokens["EMB-DE"])[1]["items"]
    task = next(t for t in listed if t["applicationId"] == application_id)
    assert task["overdue"] is True and task["lastAlertAt"]

    scale_clock(monkeypatch, 86400)  # real speed again: the appointment is not raced by the clock
    status, invited = embassy_act(
        local_aws, "invitation", "EMB-DE", tokens["EMB-DE"], application_id, invitation(20)
    )
    assert status == 200 and invited["status"] == "invited"
    assert stored(application_id)["invitedLate"] is True


def test_e8_a_center_past_its_deadline_is_alerted_and_asked_again(
    local_aws: LocalAws, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E8, DESIGN rule 6: the Center's silence is no consent: escalation, then a new request
    with the next deadline; the application still waits for its decision."""
    filed = reviewed(local_aws, tokens)
    application_id = filed["applicationId"]
    # The virtual FIN (and the Center's deadline counted from it) comes only when the pump
    # delivers it, below: from here a business day passes in a real second. The requests are
    # then looked up whether or not their deadline has passed: on a slow machine it may have.
    scale_clock(monkeypatch, 1.0)

    def asked_again() -> list[dict[str, Any]] | None:
        asked = decisions_about(application_id, "esign-center-decision")
        return asked if len(asked) >= 2 else None

    first, again, *_ = wait_for(asked_again, what="the Center asked again", pump=local_aws.pump)
    assert first["agency"] == again["agency"] == "EIMZA"
    alert = ESIGN.get(f"APPLICATION#{application_id}", f"ALERT#center#{first['deadline']}")
    assert alert is not None and alert["owedBy"] == "EIMZA"
    assert clock.parse(alert["raisedAt"]) > clock.parse(first["deadline"])
    assert wait_for(lambda: webhooks_to("EIMZA", "esign.task-overdue"), pump=local_aws.pump)
    assert again["decisionId"] != first["decisionId"]
    assert clock.parse(again["deadline"]) > clock.parse(first["deadline"])
    assert stored(application_id)["status"] == "virtual-fin-issued"


@pytest.mark.parametrize("action", ["invitation", "check"])
def test_g7_an_embassy_acting_on_a_draft_without_an_applicant_gets_404(
    local_aws: LocalAws, action: str
) -> None:
    """Issue 10 item 9: a draft (here one without applicant data) never reached an embassy; the
    embassy's invitation or check is a 404 naming the application, not a KeyError (500)."""
    _, citizen = account("citizen")
    status, saved = call(local_aws, "POST", "/esign/applications", token=citizen, body={})[:2]
    assert status == 201, saved
    _, officer = account("officer", "EMB-DE")
    body = invitation() if action == "invitation" else {"outcome": "mismatch", "reason": "fark"}
    status, problem = embassy_act(
        local_aws, action, "EMB-DE", officer, saved["applicationId"], body
    )
    assert status == 404, problem
    assert problem["errors"][0]["field"] == "applicationId"


def test_issue10_e8_an_extension_of_the_center_s_deadline_asks_the_same_decision_again(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """Issue 10, E8: the operator extends the Center's deadline; `CenterExtended` reads the new
    wait back, the Center keeps its decision id with the new deadline, and its approval goes on."""
    filed = reviewed(local_aws, tokens)
    application_id = filed["applicationId"]
    task = center_task(local_aws, "EIMZA", tokens["EIMZA"], application_id)
    decision_id = task["decisionId"]
    later = clock.parse(task["deadline"]) + timedelta(days=3)
    status, extended = call(
        local_aws,
        "POST",
        f"/operator/decisions/{decision_id}/extension",
        token=account("operator")[1],
        body={
            "deadline": clock.iso(later),
            "reason": "EIMZA-nın sistemi işləmir / EIMZA's system is down",
        },
    )[:2]
    assert status == 200, extended

    def asked_again() -> dict[str, Any] | None:
        item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION") or {}
        return (
            item if item.get("deadline") == clock.iso(later) and "extendedTo" not in item else None
        )

    assert wait_for(asked_again, pump=local_aws.pump)["round"] == 2
    assert decide(local_aws, "EIMZA", tokens["EIMZA"], decision_id, "approve")[0] == 200
    wait_for(lambda: stored(application_id)["status"] == "at-embassy", pump=local_aws.pump)
