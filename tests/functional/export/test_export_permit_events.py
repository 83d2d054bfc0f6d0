"""A permit's events after the decision (X8) and the informational requests and suggestions
(X9, §5.2), on moto with the template provisioned.

X8 (seed 001 part 2, §6.0.9): "the sending of information on the issue of a permit, its
addendum, duplicate, re-issue, suspension, restoration or revocation, and on the refusal to
issue it, to the users' electronic cabinet, e-mail address and mobile number". The agency's
system tells each event with a signed message; the application here is stored as the export
workflow leaves it once its permits are issued (the workflow itself: tests/workflow).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest

from egov.export import permits, records
from egov.export.models import Application, Exporter, Goods, GoodsItem, Head
from egov.platform import audit, auth, calendar, clock, participants
from egov.platform.adapters import gateways
from egov.platform.repository import Table, Transaction
from tests import helpers
from tests.conftest import LocalAws
from tests.helpers import account, call, settle, wait_for

JUICE = {
    "hsCode": "2009890000",
    "description": "Nar şirəsi / Pomegranate juice",
    "quantity": "4000",
    "unit": "l",
    "value": "9600.00",
    "currency": "USD",
    "origin": "AZ",
    "flags": ["origin-certificate"],
}
EMAIL, MOBILE = "elshan@goygol-aqro.az", "+994552345678"


def exporter() -> tuple[str, str]:
    """An exporter's account with the e-mail and mobile its notices go to."""
    user_id, token = account(name="Məmmədov Elşən Rəşid oğlu")
    tx = Transaction()
    auth.change_contact(tx, user_id, email=EMAIL, mobile=MOBILE)
    tx.commit()
    return user_id, token


def ready_application(owner: str) -> Application:
    """An export application whose permits the agencies issued (food safety, origin: X4)."""
    goods = [GoodsItem.model_validate(JUICE)]
    now = clock.now()
    needed = [
        p.model_copy(update={"status": "issued", "decided_at": now, "decision_id": f"dec_{p.code}"})
        for p in permits.required(goods, now)
    ]
    application = Application(
        application_id=f"exp_{auth.new_user_id()[:20]}",
        owner=owner,
        status="ready",
        exporter=Exporter(
            voen="1400500071",
            name='"Göygöl Aqro" MMC',
            legal_form="MMC",
            address="Göygöl",
            head=Head(fin="5ZK8M2P", full_name="Məmmədov Elşən Rəşid oğlu"),
        ),
        destination="DE",
        goods=[Goods.of(item) for item in goods],
        export_incentive=False,
        permits=needed,
        created_at=now,
    )
    records.EXPORT.put(records.item_of(application))
    tx = Transaction()
    from egov.platform import applications

    applications.track(
        tx,
        owner,
        application.application_id,
        records.SERVICE,
        "ready",
        "export.title",
        actor=audit.Actor(owner, "citizen"),
        title_params={"goods": "Nar şirəsi"},
    )
    tx.commit()
    return application


def tell(
    local_aws: LocalAws,
    application_id: str,
    kind: str,
    message_id: str,
    *,
    permit: str = "food-safety",
    agency: str = "AQTA",
    key: str | bytes | None = None,
    **data: Any,
) -> tuple[int, dict[str, Any]]:
    """The agency's system POSTs one event, signed v1 with its own key (`key` to sign with
    another)."""
    secret = key or agency_key(local_aws, agency)
    body = {
        "type": f"permit.{kind}",
        "data": {"applicationId": application_id, "permit": permit, "agency": agency} | data,
    }
    return helpers.tell(local_aws, "/export/permit-events", body, message_id, secret)[:2]


def master(local_aws: LocalAws) -> str:
    return helpers.secret_value(local_aws, "ExportPermitEventSecret")


def agency_key(local_aws: LocalAws, agency: str) -> str:
    """The agency's own key as the operator hands it over (docs/export.md): HMAC-SHA256 of
    `export-permit-events:<agency>` under the platform's secret, in the `whsec_` form."""
    digest = hmac.new(
        master(local_aws).encode(), f"export-permit-events:{agency}".encode(), hashlib.sha256
    ).digest()
    return "whsec_" + base64.b64encode(digest).decode()


def page(local_aws: LocalAws, token: str, application_id: str) -> dict[str, Any]:
    status, shown, _ = call(local_aws, "GET", f"/export/applications/{application_id}", token=token)
    assert status == 200, shown
    return dict(shown)


def test_x8_g3_each_permit_agency_signs_with_its_own_key(platform: LocalAws) -> None:
    """X8, G3 ("an agency sees and decides only its own tasks"): every permit agency has its own
    key, so an agency cannot sign an event for another agency's permit even before the check of
    the permit's agency: AQTA's permit told by the Ministry of Economy (IN) with IN's key is a
    401, as is one signed with the platform's own secret (no key is shared any more); AQTA with
    its own key is heard. Nothing is changed by the refused ones."""
    owner, token = exporter()
    app_id = ready_application(owner).application_id
    reason = "Laboratoriya yoxlaması / laboratory check"
    before = records.EXPORT.get(*records.key(app_id))
    for message_id, key in (
        ("forged-1", agency_key(platform, "IN")),
        ("forged-2", master(platform).encode()),
    ):
        status, problem = tell(platform, app_id, "suspended", message_id, key=key, reason=reason)
        assert (status, problem["code"]) == (401, "export.permit-event.signature-invalid")
    # The other agency's key under its own name passes the signature, not the permit's check.
    status, problem = tell(platform, app_id, "suspended", "forged-3", agency="IN", reason=reason)
    assert (status, problem["errors"][0]["field"]) == (403, "data.agency")
    assert records.EXPORT.get(*records.key(app_id)) == before
    inbox = Table("PLATFORM_TABLE").query(f"USER#{owner}", sk_prefix="INBOX#").items
    assert not [i for i in inbox if i["key"] == "notice.export-permit-event-suspended"]

    assert tell(platform, app_id, "suspended", "aqta-own", reason=reason)[0] == 204
    food = next(p for p in page(platform, token, app_id)["permits"] if p["code"] == "food-safety")
    assert food["status"] == "suspended"


def test_x8_the_operator_hands_each_permit_agency_its_key(platform: LocalAws) -> None:
    """X8, G3: the operator hands AQTA its key (audited on AQTA's trail, without the key);
    nobody else gets it, and it is the key AQTA's events are verified with."""
    path = "/operator/export/permit-agencies/AQTA/event-key"
    for role, agency in (("citizen", None), ("agency", "AQTA"), ("agency", "IN")):
        assert call(platform, "POST", path, token=account(role, agency)[1])[0] == 403
    status, handed, _ = call(platform, "POST", path, token=account("operator")[1])
    assert status == 200, handed
    assert handed == {"agency": "AQTA", "scheme": "v1", "key": agency_key(platform, "AQTA")}
    assert handed["key"] != agency_key(platform, "IN")
    (entry,) = [
        e
        for e in audit.trail(participants.audit_subject("AQTA")).items
        if e["action"] == "permit-event-key-handed-over"
    ]
    assert entry["actorRole"] == "operator" and handed["key"] not in json.dumps(entry)


def test_x8_events_reach_cabinet_email_and_mobile_and_change_what_the_exporter_may_do(
    platform: LocalAws, simulators: str
) -> None:
    """X8 (§6.0.9, §6.0.14): the agency suspends a permit (with its reason), then restores it,
    then revokes it. Each event reaches the cabinet, the e-mail and the mobile, and each channel's
    delivery result is recorded (delivered, as the gateways' signed receipts say) and visible to
    the exporter and to the agency. While suspended or revoked the permit is not in force: the
    status page says the declaration cannot be sent, and sending it is a 409 naming the permit.
    A message told again changes nothing; a forged one is a 401; another agency's permit a 403;
    an event the permit's status does not allow a 409; a suspension without a reason a 422."""
    owner, token = exporter()
    app_id = ready_application(owner).application_id
    assert page(platform, token, app_id)["mayDeclare"] is True

    assert tell(platform, app_id, "suspended", "aqta-1", key=b"not-the-key")[0] == 401
    status, problem = tell(platform, app_id, "suspended", "aqta-1")
    assert (status, problem["errors"][0]["field"]) == (422, "data.reason")
    status, problem = tell(platform, app_id, "suspended", "in-1", agency="IN", reason="x")
    assert (status, problem["errors"][0]["field"]) == (403, "data.agency")
    status, problem = tell(platform, app_id, "restored", "aqta-2")
    assert (status, problem["code"]) == (409, "export.permit-event.not-allowed")
    assert tell(platform, app_id, "issued", "aqta-3")[0] == 422  # told by the exchange only

    reason = "Laboratoriya yoxlaması / laboratory check"
    assert tell(platform, app_id, "suspended", "aqta-4", reason=reason)[0] == 204
    assert tell(platform, app_id, "suspended", "aqta-4", reason=reason)[0] == 204  # replay
    shown = page(platform, token, app_id)
    food = next(p for p in shown["permits"] if p["code"] == "food-safety")
    assert food["status"] == "suspended"
    assert [(e["kind"], e["statusBefore"], e["reason"]) for e in food["events"]] == [
        ("suspended", "issued", reason)
    ]
    assert (shown["mayDeclare"], shown["notInForce"]) == (False, ["food-safety"])
    assert shown["mayComplain"] == ["food-safety"]
    path = f"/export/applications/{app_id}/declaration"
    status, problem, _ = call(platform, "POST", path, token=token, body={})
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        409,
        "export.permit.not-valid",
        "permits.0",
    )

    assert tell(platform, app_id, "restored", "aqta-5")[0] == 204
    assert page(platform, token, app_id)["mayDeclare"] is True
    assert tell(platform, app_id, "duplicate", "aqta-6", document="FS-2026-0042-D")[0] == 204
    assert tell(platform, app_id, "revoked", "aqta-7", reason="Saxta sənəd / forged")[0] == 204
    shown = page(platform, token, app_id)
    food = next(p for p in shown["permits"] if p["code"] == "food-safety")
    assert [e["kind"] for e in food["events"]] == ["suspended", "restored", "duplicate", "revoked"]
    assert food["status"] == "revoked" and shown["mayDeclare"] is False
    assert tell(platform, app_id, "restored", "aqta-8")[0] == 409  # revocation is final

    # Every event in the cabinet, by e-mail and by SMS, each delivery's result recorded.
    settle(platform.pump)

    def delivered() -> list[dict[str, Any]] | None:
        _, inbox, _ = call(platform, "GET", "/me/inbox", token=token)
        items = [
            i for i in inbox["items"] if i["itemId"] in {e["noticeId"] for e in food["events"]}
        ]
        done = all(
            {d["channel"]: d["status"] for d in i["deliveries"]}
            == {"email": "delivered", "sms": "delivered"}
            for i in items
        )
        return items if len(items) == 4 and done else None

    items = wait_for(delivered, pump=platform.pump, what="four notices delivered")
    assert {i["title"] for i in items} == {
        "İcazənin qüvvəsi dayandırıldı",
        "İcazənin qüvvəsi bərpa edildi",
        "İcazənin dublikatı verildi",
        "İcazə ləğv edildi",
    }
    assert all(i["agency"] == "AQTA" for i in items)
    officer = account("officer", "AQTA")[1]
    _, sent, _ = call(platform, "GET", "/agencies/AQTA/notifications", token=officer)
    mine = [m for m in sent["items"] if m["key"].startswith("notice.export-permit-event-")]
    assert len(mine) >= 8 and {m["status"] for m in mine} == {"delivered"}
    # The cabinet history and the audit trail name every event.
    cabinet = Table("PLATFORM_TABLE").get(f"USER#{owner}", f"APPLICATION#export#{app_id}")
    assert cabinet is not None and len(cabinet["history"]) == 5
    actions = [e["action"] for e in audit.trail(records.subject(app_id)).items]
    assert actions.count("export-permit-suspended") == 1
    assert {"export-permit-restored", "export-permit-duplicate", "export-permit-revoked"} <= set(
        actions
    )


def test_x8_an_unknown_permit_or_message_type_is_refused(local_aws: LocalAws) -> None:
    owner, _ = exporter()
    app_id = ready_application(owner).application_id
    status, problem = tell(local_aws, app_id, "suspended", "m-1", permit="cites", reason="x")
    assert (status, problem["errors"][0]["field"]) == (422, "data.permit")
    assert tell(local_aws, app_id, "cancelled", "m-2")[0] == 422


def test_x9_requests_and_suggestions_answered_by_email_and_kept(
    platform: LocalAws, simulators: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X9 (§5.2, §8.0.6): a request and a suggestion, each with the e-mail the answer goes to;
    the operator lists the open ones by due date and answers; the answer is kept, e-mailed to
    that address and shown in the cabinet; a second answer is a 409, a bad address a 422."""
    owner, token = exporter()
    ask = {
        "kind": "information",
        "email": "info@goygol-aqro.az",
        "text": "Fitosanitar sertifikat neçə gün etibarlıdır?",
    }
    status, problem, _ = call(
        platform, "POST", "/export/requests", token=token, body=ask | {"email": "not-an-address"}
    )
    assert (status, problem["errors"][0]["field"]) == (422, "email")
    status, asked, _ = call(platform, "POST", "/export/requests", token=token, body=ask)
    assert status == 201, asked
    suggestion = {"kind": "suggestion", "email": EMAIL, "text": "Ərizəni PDF kimi yükləmək"}
    assert call(platform, "POST", "/export/requests", token=token, body=suggestion)[0] == 201
    # G4: the Law on Citizens' Appeals' 15 working days, counted by the platform calendar.
    due = calendar.due("export.request-answer", clock.parse(asked["filedAt"]))
    assert asked["deadline"] == clock.iso(due)
    assert due > clock.now() + timedelta(days=14)

    operator = account("operator")[1]
    _, open_list, _ = call(platform, "GET", "/export/requests", token=operator)
    mine = [r for r in open_list["items"] if r["owner"] == owner]
    # By due date, then filing time as stored (to the second: two filed in one second may come
    # either way).
    assert sorted(r["kind"] for r in mine) == ["information", "suggestion"]
    assert [(r["deadline"], r["filedAt"][:19]) for r in mine] == sorted(
        (r["deadline"], r["filedAt"][:19]) for r in mine
    )
    answer = {"text": "Sertifikat 14 gün etibarlıdır."}
    path = f"/export/requests/{asked['requestId']}/answer"
    status, answered, _ = call(platform, "POST", path, token=operator, body=answer)
    assert status == 200, answered
    assert answered["status"] == "answered" and answered["answer"]["text"] == answer["text"]
    assert call(platform, "POST", path, token=operator, body=answer)[0] == 409
    assert call(platform, "POST", path, token=token, body=answer)[0] == 403
    _, open_list, _ = call(platform, "GET", "/export/requests", token=operator)
    assert [r["kind"] for r in open_list["items"] if r["owner"] == owner] == ["suggestion"]

    _, listed, _ = call(platform, "GET", "/export/requests", token=token)
    kept = next(r for r in listed["items"] if r["requestId"] == asked["requestId"])
    assert kept["answer"]["text"] == answer["text"]
    settle(platform.pump)

    def emailed() -> dict[str, Any] | None:
        _, inbox, _ = call(platform, "GET", "/me/inbox", token=token)
        item = next(i for i in inbox["items"] if i["itemId"] == kept["answer"]["noticeId"])
        [delivery] = item["deliveries"]
        return item if delivery["status"] in gateways.FINAL else None

    item = wait_for(emailed, pump=platform.pump, what="the answer e-mailed")
    [delivery] = item["deliveries"]
    assert (delivery["channel"], delivery["status"]) == ("email", "delivered")
    assert "14 gün" in item["body"]
