"""The e-sign application (E3–E5) and its review workflow (E6, E7), with the real ASL in moto.

The applicant files through the real handlers; the four agencies answer through the platform's
real callback handler (`AnswerDecisionFunction`); the pump delivers every queue to its consumer.
Silence is tested with the platform clock scaled from the submission on (a virtual day per real
second), so the 3-business-day deadline passes within seconds while every deadline is still
computed by the business-day calendar; the draft and the fee are made at real speed, so nothing
in the setup races a deadline. Acting "on day two" runs at real speed and jumps the clock to the
moment (`jump_clock`). No test assumes the machine gets anywhere before a deadline passes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import boto3
import pytest

from egov.esign import vfin
from egov.esign.records import ESIGN, key, subject
from egov.platform import attachments, audit, auth, calendar, clock, exchange, payments, webhooks
from egov.platform.audit import Actor
from egov.platform.problems import Conflict
from egov.platform.repository import Table, Transaction
from tests.conftest import EVENTS, LocalAws, rest_event
from tests.functional.platform.test_payments import _confirmation, signed_callback
from tests.helpers import Agency, call, decide, jump_clock, scale_clock, serve_agency, wait_for

AGENCIES = ("DIN", "XIN", "DTX", "XKX")
JPEG = b"\xff\xd8\xff\xe0" + b"colour photo " * 40
PDF = b"%PDF-1.7\n" + b"passport copy " * 40


def account(role: str, agency: str | None = None) -> tuple[str, str]:
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=f"{role}-{user_id[:10]}",
        password="not-used-in-these-tests",
        role=role,  # type: ignore[arg-type]
        name=f"{role} {agency or ''}",
        agency=agency,
    )
    tx.commit()
    principal = auth.Principal(user_id=user_id, role=role, agency=agency)  # type: ignore[arg-type]
    return user_id, auth.issue_token(principal)


def stored_attachment(owner: str, purpose: str, content: bytes, content_type: str) -> str:
    """An upload as the platform settles it: declared, put to S3, checked (G5)."""
    ticket = attachments.request_upload(
        attachments.UploadRequest(
            purpose=purpose,
            fileName=f"{purpose}.bin",
            contentType=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        ),
        Actor(owner, "citizen"),
    )
    object_key = attachments.object_key(ticket.attachmentId)
    boto3.client("s3").put_object(
        Bucket=attachments._bucket(), Key=object_key, Body=content, ContentType=content_type
    )
    assert attachments.verify_stored(attachments.StoredObject(key=object_key)) == "stored"
    return ticket.attachmentId


def sample_form(**applicant: Any) -> dict[str, Any]:
    form: dict[str, Any] = json.loads((EVENTS / "esign_application.json").read_text())
    form["applicant"] |= applicant
    return form


def file_application(
    local_aws: LocalAws,
    form: dict[str, Any] | None = None,
    *,
    before_submit: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """A citizen saves a draft with the E3 attachments and submits it; the submitted view.

    `before_submit` runs once the draft is saved and paid (e.g. `fast_clock`, so that only the
    review's wait is short, not the setup's)."""
    status, submitted = draft_and_submit(local_aws, form or sample_form(), before_submit)
    assert status == 200, submitted
    return submitted


def draft_and_submit(
    local_aws: LocalAws, form: dict[str, Any], before_submit: Callable[[], None] | None = None
) -> tuple[int, dict[str, Any]]:
    application_id, owner, token = draft(local_aws, form)
    pay_fee(local_aws, application_id, token)
    if before_submit:
        before_submit()
    status, submitted = submit(local_aws, application_id, token)
    return status, submitted | {"token": token, "owner": owner}


def draft(
    local_aws: LocalAws, form: dict[str, Any], citizen: tuple[str, str] | None = None
) -> tuple[str, str, str]:
    """A citizen's draft with the E3 attachments stored: (application id, owner, token)."""
    owner, token = citizen or account("citizen")
    form["attachments"] = {
        "passportCopy": stored_attachment(owner, "passport-copy", PDF, "application/pdf"),
        "photo": stored_attachment(owner, "photo", JPEG, "image/jpeg"),
    }
    status, saved = call(local_aws, "POST", "/esign/applications", token=token, body=form)[:2]
    assert status == 201, saved
    return saved["applicationId"], owner, token


def request_fee(local_aws: LocalAws, application_id: str, token: str) -> tuple[int, dict[str, Any]]:
    return call(local_aws, "POST", f"/esign/applications/{application_id}/fee", token=token)[:2]


def pay_fee(local_aws: LocalAws, application_id: str, token: str) -> str:
    """E4: the applicant asks for the fee and ASAN ödəniş confirms the payment (signed)."""
    status, payment = request_fee(local_aws, application_id, token)
    assert status == 200, payment
    assert signed_callback(local_aws, _confirmation(payment["paymentId"])) == 204
    return str(payment["paymentId"])


def submit(local_aws: LocalAws, application_id: str, token: str) -> tuple[int, dict[str, Any]]:
    return call(local_aws, "POST", f"/esign/applications/{application_id}/submit", token=token)[:2]


def pending_requests(application_id: str, *, past_deadline: bool = False) -> dict[str, str]:
    """The decision id each agency has pending about the application (the agencies' task lists;
    with `past_deadline`, every request about it, answerable or not, so that a slow machine
    that got there after the deadline still finds them)."""
    if past_deadline:
        asked = decisions_about(application_id, "esign-review")
        return {d["agency"]: d["decisionId"] for d in asked if d["agency"] in AGENCIES}
    found = {}
    for agency in AGENCIES:
        for decision in exchange.decisions(agency, "pending").items:
            if decision.subject == subject(application_id):
                found[agency] = decision.decision_id
    return found


def decisions_about(application_id: str, kind: str) -> list[dict[str, Any]]:
    """Every decision of `kind` asked about the application, soonest deadline first, whatever
    its status and whether or not its deadline has passed (the exchange's per-subject links)."""
    platform = Table("PLATFORM_TABLE")
    found = []
    for link in platform.query_all(f"DECISIONS-OF#{subject(application_id)}"):
        decision = platform.get(f"DECISION#{link['sk']}", "DECISION")
        if decision is not None and decision["kind"] == kind:
            found.append(decision)
    return sorted(found, key=lambda d: str(d["deadline"]))


def answer(
    local_aws: LocalAws, token: str, agency: str, decision_id: str, outcome: str
) -> tuple[int, dict[str, Any]]:
    body = {"outcome": outcome, "reason": "" if outcome == "approve" else "Record found"}
    return decide(local_aws, token, agency, decision_id, body)[:2]


def stored(application_id: str) -> dict[str, Any]:
    item = ESIGN.get(*key(application_id))
    assert item is not None
    return item


def execution_status(application_id: str) -> str:
    machine = os.environ["ESIGN_REVIEW_STATE_MACHINE"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{application_id}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


@pytest.fixture(autouse=True)
def agency_endpoints(local_aws: LocalAws) -> Iterator[Agency]:
    """The four agencies' webhook receivers acknowledge; they answer later by callback."""
    with serve_agency() as (receiver, url):
        for agency in AGENCIES:
            webhooks.register(
                agency,
                webhooks.Registration(url=f"{url}/{agency}", scheme="v1a"),
                Actor.system("tests"),
            )
        yield receiver


@pytest.fixture
def agencies() -> dict[str, str]:
    return {agency: account("agency", agency)[1] for agency in AGENCIES}


@pytest.fixture
def fast_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make a virtual day pass per real second from then on (G4)."""
    return lambda: scale_clock(monkeypatch, 1.0)


# ---------------------------------------------------------------- submission (E5)


def test_e5_submission_registers_at_once_and_asks_the_four_agencies(
    local_aws: LocalAws,
) -> None:
    """E5, E6: registration number, deadline shown, cabinet entry, notice; four requests out."""
    filed = file_application(local_aws)
    assert filed["status"] == "registered"
    assert filed["registrationNumber"].startswith("EIMZA-")
    expected = calendar.add_business_days(clock.parse(filed["submittedAt"]), 3)
    assert filed["reviewDeadline"] == clock.iso(expected)

    requests = wait_for(
        lambda: len(pending_requests(filed["applicationId"])) == 4 and True, pump=local_aws.pump
    )
    assert requests
    decisions = pending_requests(filed["applicationId"])
    for agency, decision_id in decisions.items():
        decision = exchange.decision_of(agency, decision_id)
        assert decision["kind"] == "esign-review"
        assert decision["deadline"] == filed["reviewDeadline"]
        assert decision["payload"]["applicant"]["surname"] == "Müller"
        assert "secretAnswer" not in decision["payload"]["applicant"]

    cabinet = Table("PLATFORM_TABLE").get(
        f"USER#{filed['owner']}", f"APPLICATION#esign#{filed['applicationId']}"
    )
    assert cabinet is not None and cabinet["status"] == "registered"
    inbox = Table("PLATFORM_TABLE").query(f"USER#{filed['owner']}", sk_prefix="INBOX#").items
    assert [i["key"] for i in inbox] == ["esign.registered"]
    assert filed["registrationNumber"] in inbox[0]["texts"]["body"]["en"]


def test_e3_e5_incomplete_submission_names_every_missing_part(local_aws: LocalAws) -> None:
    """E3, E5, G7: no attachments and a declaration refused → one 422 naming each; nothing changes."""
    _, token = account("citizen")
    form = sample_form()
    form["declarations"]["personalDataInCertificate"] = False
    status, draft = call(local_aws, "POST", "/esign/applications", token=token, body=form)[:2]
    assert status == 201
    application_id = draft["applicationId"]
    status, problem = call(
        local_aws, "POST", f"/esign/applications/{application_id}/submit", token=token
    )[:2]
    assert status == 422
    assert {e["field"] for e in problem["errors"]} == {
        "declarations.personalDataInCertificate",
        "attachments.passportCopy",
        "attachments.photo",
    }
    assert stored(application_id)["status"] == "draft"


def test_e3_a_representative_must_attach_the_power_of_attorney(local_aws: LocalAws) -> None:
    """E3: with a representative, the power of attorney upload is required too."""
    form = sample_form()
    person = {
        k: v
        for k, v in form["applicant"].items()
        if k not in ("category", "secretQuestion", "secretAnswer")
    }
    form["representative"] = person | {
        "powerOfAttorney": {"number": "UR-1/2026", "issuedOn": "2026-01-15"}
    }
    status, problem = draft_and_submit(local_aws, form)
    assert status == 422
    assert [e["field"] for e in problem["errors"]] == ["attachments.powerOfAttorney"]


# ---------------------------------------------------------------- the fee (E4)


def test_e4_submission_is_refused_until_the_fee_is_paid(local_aws: LocalAws) -> None:
    """E4, G6: no payment, then a pending one → 402 naming `fee`, nothing registered; paid → 200."""
    application_id, _, token = draft(local_aws, sample_form())
    status, problem = submit(local_aws, application_id, token)
    assert (status, problem["errors"][0]["field"]) == (402, "fee")

    status, payment = request_fee(local_aws, application_id, token)
    assert status == 200
    assert payment["feeCode"] == "esign-certificate-nonresident"
    assert payment["status"] == "pending" and "/payment/pay/" in payment["payUrl"]
    assert request_fee(local_aws, application_id, token)[1]["paymentId"] == payment["paymentId"]
    status, problem = submit(local_aws, application_id, token)
    assert (status, problem["errors"][0]["field"]) == (402, "fee")
    assert stored(application_id)["status"] == "draft"

    declined = _confirmation(payment["paymentId"], status="declined", reason="card declined")
    assert signed_callback(local_aws, declined) == 204
    status, retry = request_fee(local_aws, application_id, token)
    assert status == 200 and retry["paymentId"] != payment["paymentId"]  # a new payment to pay
    assert signed_callback(local_aws, _confirmation(retry["paymentId"])) == 204
    status, submitted = submit(local_aws, application_id, token)
    assert status == 200, submitted
    assert submitted["status"] == "registered"
    assert submitted["feePaymentId"] == retry["paymentId"]


def test_e4_ten_concurrent_fee_requests_make_one_payment_at_the_provider(
    local_aws: LocalAws,
) -> None:
    """Issue 9, rule 7: requests racing for one draft's fee (no Idempotency-Key) all get the
    same payment; the provider and the registry know one, the audit one request."""
    application_id, owner, token = draft(local_aws, sample_form())
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda _: request_fee(local_aws, application_id, token), range(10)))
    assert {status for status, _ in answers} == {200}, answers
    assert len({payment["paymentId"] for _, payment in answers}) == 1
    made = list(payments.PLATFORM.query_all(f"OWNER#{owner}", index="gsi1"))
    assert len(made) == 1 and len({i["providerId"] for i in made}) == 1
    assert stored(application_id)["feePaymentId"] == answers[0][1]["paymentId"]
    trail = audit.trail(subject(application_id)).items
    assert [e["action"] for e in trail].count("esign-fee-requested") == 1


def test_e4_one_key_on_two_drafts_gives_each_its_own_fee(local_aws: LocalAws) -> None:
    """Issue 9: an Idempotency-Key is bound to the path: draft B does not get A's payment and
    can be submitted once its own fee is paid."""
    citizen = account("citizen")
    first, _, token = draft(local_aws, sample_form(), citizen)
    second, _, _ = draft(local_aws, sample_form(), citizen)

    def fee_of(application_id: str) -> dict[str, Any]:
        response = local_aws.invoke(
            "EsignRequestFeeFunction",
            rest_event(
                "POST",
                f"/esign/applications/{application_id}/fee",
                resource="/esign/applications/{applicationId}/fee",
                path_parameters={"applicationId": application_id},
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "fee-key"},
            ),
        )
        assert response["statusCode"] == 200, response
        return dict(json.loads(response["body"]))

    one, two = fee_of(first), fee_of(second)
    assert one["paymentId"] != two["paymentId"]
    assert two["subject"] == subject(second)
    assert signed_callback(local_aws, _confirmation(two["paymentId"])) == 204
    assert submit(local_aws, second, token)[0] == 200


def test_e4_the_fee_is_not_refundable(local_aws: LocalAws) -> None:
    """E4, seed 001 §2.20: even once the application is refused, the paid fee stays paid."""
    filed = file_application(local_aws)
    status, problem = call(
        local_aws, "POST", f"/payments/{filed['feePaymentId']}/refund", token=filed["token"]
    )[:2]
    assert (status, problem["code"]) == (409, "payment.not-refundable")


def test_e4_no_fee_configured_means_none_asked(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E4: "where a fee is set": with EsignFeeCode empty, submission needs no payment."""
    monkeypatch.setenv("ESIGN_FEE_CODE", "")
    application_id, _, token = draft(local_aws, sample_form())
    status, problem = request_fee(local_aws, application_id, token)
    assert (status, problem["errors"][0]["field"]) == (409, "fee")
    assert submit(local_aws, application_id, token)[0] == 200


# ---------------------------------------------------------------- the review (E6, E7)


def test_e6_e7_all_four_positive_gives_a_virtual_fin(
    local_aws: LocalAws, agencies: dict[str, str]
) -> None:
    """E6, E7: four approvals → a unique letters-and-digits virtual FIN in its register."""
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    for agency, decision_id in decisions.items():
        assert answer(local_aws, agencies[agency], agency, decision_id, "approve")[0] == 200

    item = wait_for(
        lambda: stored(application_id)["status"] == "virtual-fin-issued" and stored(application_id),
        pump=local_aws.pump,
    )
    code = item["virtualFin"]
    assert len(code) == 8 and code.startswith("V") and code.isalnum()
    assert any(c.isdigit() for c in code) and any(c.isalpha() for c in code[1:])
    assert {o["outcome"] for o in item["opinions"]} == {"approve"}
    register = ESIGN.get(*vfin.key(code))
    assert register is not None and register["owner"] == application_id
    assert clock.parse(item["virtualFinIssuedAt"]) < clock.parse(item["reviewDeadline"])

    def at_the_center() -> bool:  # E8: the workflow goes on to the token Center
        pending = exchange.decisions("EIMZA", "pending").items
        return any(d.subject == subject(application_id) for d in pending)

    assert wait_for(at_the_center, pump=local_aws.pump)
    assert execution_status(application_id) == "RUNNING"


def test_e6_silence_from_all_four_is_consent_at_the_deadline_not_before(
    local_aws: LocalAws, fast_clock: Callable[[], None]
) -> None:
    """E6: nobody answers; the virtual FIN comes when the 3rd business day has ended."""
    filed = file_application(local_aws, before_submit=fast_clock)
    application_id = filed["applicationId"]
    deadline = clock.parse(filed["reviewDeadline"])
    assert stored(application_id)["status"] == "registered"

    item = wait_for(
        lambda: stored(application_id).get("virtualFin") and stored(application_id),
        pump=local_aws.pump,
    )
    assert clock.parse(item["virtualFinIssuedAt"]) >= deadline
    assert {(o["agency"], o["outcome"]) for o in item["opinions"]} == {
        (agency, "silent") for agency in AGENCIES
    }


def listed(local_aws: LocalAws, token: str, agency: str, status: str) -> set[str]:
    """The decision ids `GET /agencies/{agency}/decisions?status=` answers to `token`."""
    code, body = call(
        local_aws, "GET", f"/agencies/{agency}/decisions", token=token, query={"status": status}
    )[:2]
    assert code == 200, body
    return {item["decisionId"] for item in body["items"]}


def test_e6_silence_is_recorded_as_deemed_consent_and_listed_for_agency_and_operator(
    local_aws: LocalAws,
    agencies: dict[str, str],
    agency_endpoints: Agency,
    fast_clock: Callable[[], None],
) -> None:
    """E6, DESIGN rule 6: each of the four decisions nobody answered ends `deemed-consent` after
    its deadline (audited with it, the agency told), not `pending` and hidden; the agency lists
    it under that status, and so does the operator; a late answer is still a 410."""
    filed = file_application(local_aws, before_submit=fast_clock)
    application_id = filed["applicationId"]
    deadline = clock.parse(filed["reviewDeadline"])

    def all_deemed() -> list[dict[str, Any]] | None:
        asked = decisions_about(application_id, "esign-review")
        done = len(asked) == 4 and all(d["status"] == "deemed-consent" for d in asked)
        return asked if done else None

    asked = wait_for(all_deemed, what="four deemed consents", pump=local_aws.pump)
    assert {d["agency"] for d in asked} == set(AGENCIES)
    _, operator = account("operator")
    for decision in asked:
        agency, decision_id = decision["agency"], decision["decisionId"]
        assert clock.parse(decision["deemedAt"]) >= deadline
        assert decision_id in listed(local_aws, agencies[agency], agency, "deemed-consent")
        assert decision_id not in listed(local_aws, agencies[agency], agency, "pending")
        assert decision_id in listed(local_aws, operator, agency, "deemed-consent")
        trail = audit.trail(f"DECISION#{decision_id}").items
        deemed = [e for e in trail if e["action"] == "decision-deemed-consent"]
        assert len(deemed) == 1 and deemed[0]["after"]["deadline"] == decision["deadline"]

    def told() -> dict[str, str] | None:
        bodies = agency_endpoints.bodies("decision.deemed-consent")
        seen = {b["data"]["agency"]: b["data"]["decisionId"] for b in bodies}
        return seen if len(seen) == 4 else None

    told_of = wait_for(told, what="four deemed-consent webhooks", pump=local_aws.pump)
    assert told_of == {d["agency"]: d["decisionId"] for d in asked}

    late = asked[0]
    status, problem = answer(
        local_aws, agencies[late["agency"]], late["agency"], late["decisionId"], "reject"
    )
    assert status == 410 and problem["code"] == "exchange.deadline-passed", problem
    kept = exchange.decision_of(late["agency"], late["decisionId"])
    assert kept["status"] == "deemed-consent" and kept["lateAnswer"]["outcome"] == "reject"
    assert stored(application_id)["virtualFin"]


def test_e6_an_answered_decision_is_never_turned_into_deemed_consent(
    local_aws: LocalAws, agencies: dict[str, str]
) -> None:
    """E6: DIN approves in time; a silent-consent message for DIN (a stray or redelivered one)
    changes nothing: the consent is conditional on the decision still awaiting its answer."""
    filed = file_application(local_aws)  # real time: three real business days to answer
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    assert answer(local_aws, agencies["DIN"], "DIN", decisions["DIN"], "approve")[0] == 200

    consent = {
        "outcome": "deemed-consent",
        "subject": subject(application_id),
        "agency": "DIN",
        "kind": "esign-review",
    }
    assert exchange.close(consent) == []
    assert exchange.decision_of("DIN", decisions["DIN"])["status"] == "answered"
    assert decisions["DIN"] not in listed(local_aws, agencies["DIN"], "DIN", "deemed-consent")
    assert decisions["DIN"] in listed(local_aws, agencies["DIN"], "DIN", "answered")
    trail = audit.trail(f"DECISION#{decisions['DIN']}").items
    assert "decision-deemed-consent" not in {e["action"] for e in trail}


def test_e6_an_answer_late_before_the_consent_is_recorded_is_kept_and_the_consent_wins(
    local_aws: LocalAws, agencies: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E6, G4: XKX answers after its deadline but before the workflow's silent-consent message
    reaches the exchange: 410, kept as the late answer; the message then records the decision
    `deemed-consent` with the late answer kept, and a second late answer is only refused."""
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    jump_clock(monkeypatch, clock.parse(filed["reviewDeadline"]) + timedelta(minutes=1))
    status, problem = answer(local_aws, agencies["XKX"], "XKX", decisions["XKX"], "reject")
    assert status == 410 and problem["code"] == "exchange.deadline-passed", problem
    assert exchange.decision_of("XKX", decisions["XKX"])["status"] == "expired"

    consent = {
        "outcome": "deemed-consent",
        "subject": subject(application_id),
        "agency": "XKX",
        "kind": "esign-review",
    }
    assert exchange.close(consent) == [decisions["XKX"]]
    assert exchange.close(consent) == []  # a redelivered message changes nothing
    kept = exchange.decision_of("XKX", decisions["XKX"])
    assert kept["status"] == "deemed-consent" and kept["lateAnswer"]["outcome"] == "reject"

    status, problem = answer(local_aws, agencies["XKX"], "XKX", decisions["XKX"], "approve")
    assert status == 410 and problem["code"] == "exchange.deadline-passed", problem
    again = exchange.decision_of("XKX", decisions["XKX"])
    assert again["status"] == "deemed-consent" and again["lateAnswer"]["outcome"] == "reject"
    assert decisions["XKX"] in listed(local_aws, agencies["XKX"], "XKX", "deemed-consent")


def test_e6_one_negative_on_day_two_refuses_at_once_and_withdraws_the_others(
    local_aws: LocalAws, agencies: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E6: DTX says no on the 2nd business day → refused, the three others withdrawn, told."""
    filed = file_application(local_aws)  # real time: the review's wait is three real days
    application_id = filed["applicationId"]
    submitted = clock.parse(filed["submittedAt"])
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    noon_of_day_two = calendar.add_business_days(submitted, 2) - timedelta(hours=12)
    jump_clock(monkeypatch, noon_of_day_two)
    assert calendar.add_business_days(submitted, 1) < clock.now()

    assert answer(local_aws, agencies["DTX"], "DTX", decisions["DTX"], "reject")[0] == 200
    item = wait_for(
        lambda: stored(application_id)["status"] == "refused" and stored(application_id),
        pump=local_aws.pump,
    )
    assert item["refusedBy"] == "DTX"
    assert "virtualFin" not in item

    def withdrawn() -> bool:
        return all(
            exchange.decision_of(a, decisions[a])["status"] == "withdrawn"
            for a in ("DIN", "XIN", "XKX")
        )

    assert wait_for(withdrawn, pump=local_aws.pump)
    inbox = Table("PLATFORM_TABLE").query(f"USER#{filed['owner']}", sk_prefix="INBOX#").items
    refusal = [i for i in inbox if i["key"] == "esign.refused"]
    assert refusal and "DTX" not in refusal[0]["texts"]["body"]["en"]  # general terms only


def test_e6_a_negative_after_the_deadline_is_refused_as_late(
    local_aws: LocalAws, agencies: dict[str, str], fast_clock: Callable[[], None]
) -> None:
    """E6, G4: a refusal after silent consent changes nothing: 410, kept as a late answer."""
    filed = file_application(local_aws, before_submit=fast_clock)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id, past_deadline=True)) and len(d) == 4 and d,
        pump=local_aws.pump,
    )
    item = wait_for(
        lambda: stored(application_id).get("virtualFin") and stored(application_id),
        pump=local_aws.pump,
    )

    status, problem = answer(local_aws, agencies["XIN"], "XIN", decisions["XIN"], "reject")
    assert status == 410, problem
    assert stored(application_id)["status"] == "virtual-fin-issued"
    assert stored(application_id)["virtualFin"] == item["virtualFin"]


def test_g3_duplicate_and_foreign_agency_callbacks_are_refused(
    local_aws: LocalAws, agencies: dict[str, str]
) -> None:
    """G3, E6: a second answer is refused (409); another agency cannot answer DIN's (403)."""
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )

    status, _ = answer(local_aws, agencies["XIN"], "DIN", decisions["DIN"], "reject")
    assert status == 403
    assert answer(local_aws, agencies["DIN"], "DIN", decisions["DIN"], "approve")[0] == 200
    status, _ = answer(local_aws, agencies["DIN"], "DIN", decisions["DIN"], "reject")
    assert status == 409
    assert stored(application_id)["status"] == "registered"


def test_e6_a_citizen_abroad_gets_his_existing_fin(
    local_aws: LocalAws, agencies: dict[str, str]
) -> None:
    """E1, E6: an Azerbaijani citizen living abroad keeps his FIN as the virtual FIN (the FIN
    is one the population registry knows for his birth date: issue 12 item 7)."""
    form = sample_form(
        category="citizen-abroad", citizenship="AZ", fin="5ZK8M2P", birthDate="1985-03-14"
    )
    filed = file_application(local_aws, form)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )
    for agency, decision_id in decisions.items():
        answer(local_aws, agencies[agency], agency, decision_id, "approve")
    item = wait_for(
        lambda: stored(application_id).get("virtualFin") and stored(application_id),
        pump=local_aws.pump,
    )
    assert item["virtualFin"] == "5ZK8M2P"
    assert ESIGN.get(*vfin.key("5ZK8M2P"))["kind"] == "citizen-fin"  # type: ignore[index]


def test_e7_a_virtual_fin_is_never_issued_twice(local_aws: LocalAws) -> None:
    """E7, §2.13: the register's guard refuses a code already issued, even once cancelled."""
    at = clock.now_iso()
    tx = Transaction()
    vfin.register(tx, "VAB3CD45", "first", "generated", at)
    tx.commit()
    for cancel_first in (False, True):
        if cancel_first:
            tx = Transaction()
            vfin.cancel(tx, "VAB3CD45", "first")
            tx.commit()
        tx = Transaction()
        vfin.register(tx, "VAB3CD45", "second", "generated", at)
        with pytest.raises(Conflict) as taken:
            tx.commit()
        assert taken.value.key == "esign.vfin-taken"
    register = ESIGN.get(*vfin.key("VAB3CD45"))
    assert register is not None and (register["owner"], register["status"]) == (
        "first",
        "cancelled",
    )
