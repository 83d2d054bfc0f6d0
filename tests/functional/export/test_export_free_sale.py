"""The free-sale certificate (X7; seed 001 part 2, §1.3.10, §10.3.5) through its handlers with
the template provisioned: only goods of the catalogue whose producer is approved, with the
uploaded documents; the operator decides within 1 business day ("1 (bir) iş günü müddətində
qərar qəbul olunur"), the executive director signs ("İcraçı direktoru tərəfindən elektron imza
ilə təsdiqlənərək istifadəçinin elektron kabinetinə göndərilir"), anyone verifies, and the paper
copy is collected once ("kağız daşıyıcıda olan formasını ... əldə edə bilər").
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from egov.export import catalogue, free_sale
from egov.export.catalogue import EXPORT
from egov.platform import audit, clock
from egov.platform.clock import BAKU
from egov.producers.records import PRODUCERS
from tests.conftest import LocalAws
from tests.functional.export.test_export_catalogue import registered_producer
from tests.helpers import Calls, call
from tests.workflow.test_esign_review import PDF, account, stored_attachment

GOYGOL = "1400500071"  # made an approved producer by `goods`
NEW_YEAR_EDGE = datetime(2026, 12, 30, 12, 0, tzinfo=BAKU)  # Wednesday, noon in Baku
NEW_YEAR_DUE = datetime(2027, 1, 5, 23, 59, 59, tzinfo=BAKU)  # Tuesday's last instant


def goods(voen: str = GOYGOL, *, approved: bool = True) -> str:
    """A catalogue entry of goods made by `voen` (approved in the producer registry or not)."""
    registered_producer(voen, "Göygöl Aqro")
    entry = catalogue.add(
        catalogue.NewEntry(
            nameAz="Fındıq ləpəsi, qovrulmuş",
            nameEn="Roasted hazelnut kernels",
            hsCode="0802220000",
            producerVoen=voen,
        ),
        audit.Actor.system("test"),
    )
    if not approved:
        PRODUCERS.put(
            {
                "pk": "PRODUCER#p-goygol",
                "sk": "PROFILE",
                "id": "p-goygol",
                "displayName": "Göygöl Aqro",
                "status": "suspended",
            }
        )
    return entry.id


def application(owner: str, entry_id: str) -> dict[str, Any]:
    return {
        "goods": [entry_id],
        "documents": [stored_attachment(owner, "certificate", PDF, "application/pdf")],
    }


def apply(local_aws: LocalAws, token: str, body: dict[str, Any]) -> tuple[int, Any]:
    return call(local_aws, "POST", "/export/free-sale", token=token, body=body)[:2]


def decide(local_aws: LocalAws, token: str, app_id: str, **body: Any) -> tuple[int, Any]:
    path = f"/export/free-sale/{app_id}/decision"
    return call(local_aws, "POST", path, token=token, body=body)[:2]


def sign(local_aws: LocalAws, token: str, app_id: str) -> tuple[int, Any]:
    return call(local_aws, "POST", f"/export/free-sale/{app_id}/signature", token=token)[:2]


def collect(local_aws: LocalAws, token: str, app_id: str) -> tuple[int, Any]:
    return call(local_aws, "POST", f"/export/free-sale/{app_id}/collection", token=token)[:2]


def verify(local_aws: LocalAws, number: str) -> tuple[int, Any]:
    return call(local_aws, "GET", f"/export/free-sale-certificates/{number}")[:2]


def people() -> dict[str, tuple[str, str]]:
    return {
        "exporter": account("citizen"),
        "operator": account("operator"),
        "director": account("officer", free_sale.CENTER),
    }


def test_x7_only_goods_of_the_catalogue_by_an_approved_producer_with_documents(
    local_aws: LocalAws,
) -> None:
    owner, token = account("citizen")
    status, problem = apply(local_aws, token, application(owner, "f" * 32))
    assert status == 422
    assert problem["errors"][0]["field"] == "goods.0"
    assert problem["errors"][0]["code"] == "export.free-sale.not-in-catalogue"

    suspended = goods(approved=False)
    status, problem = apply(local_aws, token, application(owner, suspended))
    assert status == 422
    assert problem["errors"][0]["code"] == "export.free-sale.producer-not-registered"

    status, problem = apply(local_aws, token, {"goods": [goods()], "documents": []})
    assert status == 422
    assert problem["errors"][0]["field"] == "documents"


def test_x7_the_decision_is_due_at_the_end_of_the_next_business_day_over_new_year(
    local_aws: LocalAws, monkeypatch: Any
) -> None:
    """Wednesday 2026-12-30 noon: 31 December (Solidarity Day), 1-2 January (New Year), the
    weekend and Monday 4 January (the New Year day moved off Saturday) are not business days."""
    from tests.helpers import jump_clock

    owner, token = account("citizen")
    entry_id = goods()
    jump_clock(monkeypatch, NEW_YEAR_EDGE)
    status, filed = apply(local_aws, token, application(owner, entry_id))
    assert status == 201, filed
    assert clock.parse(filed["decisionDeadline"]) == NEW_YEAR_DUE.astimezone(UTC)
    assert filed["status"] == "submitted"


def test_x7_issue_sign_verify_and_collect_once(local_aws: LocalAws) -> None:
    who = people()
    owner, exporter = who["exporter"]
    status, filed = apply(local_aws, exporter, application(owner, goods()))
    assert status == 201, filed
    app_id = filed["applicationId"]

    assert decide(local_aws, exporter, app_id, outcome="issue")[0] == 403
    status, problem = decide(local_aws, who["operator"][1], app_id, outcome="refuse")
    assert (status, problem["errors"][0]["field"]) == (422, "reason")
    assert sign(local_aws, who["director"][1], app_id)[0] == 409  # not decided yet

    status, decided = decide(local_aws, who["operator"][1], app_id, outcome="issue")
    assert status == 200, decided
    assert decided["status"] == "approved"
    assert decided["decision"]["onTime"] is True
    assert decide(local_aws, who["operator"][1], app_id, outcome="refuse", reason="x")[0] == 409

    assert sign(local_aws, who["operator"][1], app_id)[0] == 403  # the director signs
    status, issued = sign(local_aws, who["director"][1], app_id)
    assert status == 200, issued
    certificate = issued["certificate"]
    document = certificate["document"]
    assert document["title"] == {"az": "Sərbəst satış sertifikatı", "en": "Free-sale certificate"}
    assert document["goods"][0]["name"] == {
        "az": "Fındıq ləpəsi, qovrulmuş",
        "en": "Roasted hazelnut kernels",
    }
    assert set(document["statement"]) == {"az", "en"}
    assert certificate["signature"]["algorithm"] == "Ed25519"

    # In the cabinet.
    status, mine = call(local_aws, "GET", "/export/free-sale", token=exporter)[:2]
    assert status == 200 and mine["items"][0]["certificate"]["number"] == certificate["number"]

    # Anyone verifies, without a login; only what the certificate shows.
    status, checked = verify(local_aws, certificate["number"])
    assert status == 200
    assert checked["valid"] is True
    assert checked["certificate"] == document
    assert set(checked) == {"number", "valid", "certificate", "signature"}
    assert owner not in str(checked) and app_id not in str(checked)
    assert verify(local_aws, "AZ-FS-2026-NOSUCHCERT")[0] == 404

    # The paper copy: recorded once, by the Center.
    assert collect(local_aws, exporter, app_id)[0] == 403
    status, collected = collect(local_aws, who["operator"][1], app_id)
    assert status == 200 and collected["collectedAt"]
    status, again = collect(local_aws, who["operator"][1], app_id)
    assert (status, again["errors"][0]["code"]) == (409, "export.free-sale.collected")


def test_x7_a_certificate_altered_after_signing_does_not_verify(local_aws: LocalAws) -> None:
    who = people()
    owner, exporter = who["exporter"]
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    decide(local_aws, who["operator"][1], app_id, outcome="issue")
    number = sign(local_aws, who["director"][1], app_id)[1]["certificate"]["number"]
    stored = EXPORT.get(*free_sale.certificate_key(number))
    assert stored is not None
    stored["document"]["goods"][0]["hsCode"] = "0802210000"
    EXPORT.put(stored)
    status, checked = verify(local_aws, number)
    assert (status, checked["valid"]) == (200, False)

    # A signature by another key does not verify either, though it is well formed.
    stored["document"]["goods"][0]["hsCode"] = "0802220000"
    stored["signature"]["signature"] = base64.b64encode(b"\x00" * 64).decode()
    EXPORT.put(stored)
    assert verify(local_aws, number)[1]["valid"] is False


def test_x7_a_refusal_gives_its_reason_to_the_applicant(local_aws: LocalAws) -> None:
    who = people()
    owner, exporter = who["exporter"]
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    status, refused = decide(
        local_aws, who["operator"][1], app_id, outcome="refuse", reason="Sənədlər natamamdır"
    )
    assert status == 200
    assert refused["status"] == "refused"
    assert refused["decision"]["reason"] == "Sənədlər natamamdır"
    assert sign(local_aws, who["director"][1], app_id)[0] == 409
    inbox = call(local_aws, "GET", "/me/inbox", token=exporter)[1]
    assert any("Sənədlər natamamdır" in str(i) for i in inbox["items"])


def test_x7_another_exporter_does_not_see_the_application(local_aws: LocalAws) -> None:
    owner, exporter = account("citizen")
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    _, stranger = account("citizen")
    assert call(local_aws, "GET", f"/export/free-sale/{app_id}", token=stranger)[0] == 404
    assert call(local_aws, "GET", f"/export/free-sale/{app_id}", token=exporter)[0] == 200


def queue(local_aws: LocalAws, token: str, step: str) -> tuple[int, Any]:
    return call(local_aws, "GET", "/export/free-sale-queue", token=token, query={"step": step})[:2]


def test_x7_the_centers_queue_lists_what_awaits_each_step_soonest_due_first(
    local_aws: LocalAws, monkeypatch: Any
) -> None:
    """§10.3.5.3-4: the operator decides within 1 business day and the director then signs, so
    the Center sees what awaits each of them, the overdue ones flagged, and an application leaves
    the queue in the transaction that moves it."""
    from tests.helpers import jump_clock

    who = people()
    owner, exporter = who["exporter"]
    entry_id = goods()
    jump_clock(monkeypatch, NEW_YEAR_EDGE)
    early = apply(local_aws, exporter, application(owner, entry_id))[1]["applicationId"]
    jump_clock(monkeypatch, datetime(2027, 1, 5, 9, 0, tzinfo=BAKU))
    late = apply(local_aws, exporter, application(owner, entry_id))[1]["applicationId"]
    jump_clock(monkeypatch, datetime(2027, 1, 6, 9, 0, tzinfo=BAKU))  # the first is overdue

    for token in (who["operator"][1], who["director"][1]):
        status, waiting = queue(local_aws, token, "decision")
        assert status == 200, waiting
        assert [q["applicationId"] for q in waiting["items"]] == [early, late]
        assert [q["overdue"] for q in waiting["items"]] == [True, False]
        assert waiting["overdue"] == 1
    assert queue(local_aws, exporter, "decision")[0] == 403
    assert queue(local_aws, account("officer", "AQTA")[1], "decision")[0] == 403
    assert queue(local_aws, who["operator"][1], "nonsense")[0] == 422

    # Issue 15 review item 3 (DESIGN rule 4): the page is the token check and one Query of the
    # step's queue, whose items carry what the list shows: no read per application.
    calls = Calls()
    status, waiting = queue(local_aws, who["operator"][1], "decision")
    dynamodb = {op: n for op, n in calls.seen.items() if op.startswith("dynamodb.")}
    assert dynamodb == {"dynamodb.GetItem": 1, "dynamodb.Query": 1}, dynamodb
    assert [(q["submittedAt"], q["goods"], q["escalatedAt"]) for q in waiting["items"]] == [
        (free_sale.load(app)["submittedAt"], 1, None) for app in (early, late)
    ]
    # The first escalation shows in the queue; the signature's queue keeps it.
    missed = free_sale.load(early)["decisionDeadline"]
    free_sale.escalate(
        free_sale.Overdue(event="overdue", applicationId=early, step="decision", deadline=missed)
    )
    escalated_at = free_sale.load(early)["escalatedAt"]
    shown = queue(local_aws, who["operator"][1], "decision")[1]["items"]
    assert [q["escalatedAt"] for q in shown] == [escalated_at, None]

    decide(local_aws, who["operator"][1], early, outcome="issue")
    decide(local_aws, who["operator"][1], late, outcome="refuse", reason="Sənədlər natamamdır")
    assert queue(local_aws, who["operator"][1], "decision")[1]["items"] == []
    (awaiting,) = queue(local_aws, who["director"][1], "signature")[1]["items"]
    assert (awaiting["applicationId"], awaiting["overdue"]) == (early, False)
    assert (awaiting["escalatedAt"], awaiting["goods"]) == (escalated_at, 1)

    sign(local_aws, who["director"][1], early)
    assert queue(local_aws, who["director"][1], "signature")[1]["items"] == []
