"""The single export application (X4) and its customs declaration (X5), with the real ASL of
statemachines/export_application.asl.json in moto.

The exporter files through the real handler (its data from the tax registry simulator); the
permit agencies answer through the platform's real callback handler; the pump delivers every
queue to its consumer. Silence is tested with the platform clock scaled from the filing on (a
virtual day in half a real second), so the deadline passes within seconds while it is still
counted by the business-day calendar. No test assumes the machine gets anywhere before a
deadline passes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from egov.export.records import EXPORT, key, permit_subject
from egov.platform import auth, exchange, mobile_id, webhooks
from egov.platform.audit import Actor
from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws
from tests.functional.export.test_export_contracts import (
    ELSHAN_SIM,
    Partner,
    asan_login,
    drawn_and_signed,
)
from tests.helpers import Agency, call, decide, scale_clock, serve_agency, wait_for

AGENCIES = ("AQTA", "IN", "ETSN")
EXPORTER_FIN = "5ZK8M2P"  # heads "Göygöl Aqro" MMC, VÖEN 1400500071, in the tax registry
SEKI_FIN, SEKI_VOEN = "4JW6S1L", "1700400081"  # "Şəki İpək" ASC and its head

CAVIAR = {
    "hsCode": "1604310000",
    "description": "Nərə kürüsü / Sturgeon caviar",
    "quantity": "12.5",
    "unit": "kg",
    "value": "31250.00",
    "currency": "EUR",
    "origin": "AZ",
    "flags": ["cites", "origin-certificate"],
}
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
HAZELNUTS = {
    "hsCode": "0802220000",
    "description": "Fındıq ləpəsi / Hazelnut kernels",
    "quantity": "2000",
    "unit": "kg",
    "value": "14000.00",
    "currency": "USD",
    "origin": "AZ",
    "flags": [],
}


def exporter(fin: str = EXPORTER_FIN) -> str:
    """A citizen whose account an ASAN İmza login linked to the FIN heading the exporter."""
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=f"exporter-{user_id[:10]}",
        password="not-used-in-these-tests",
        role="citizen",
        name="Məmmədov Elşən Rəşid oğlu",
    )
    mobile_id.link_fin(user_id, fin, tx=tx)
    tx.commit()
    return auth.issue_token(auth.Principal(user_id=user_id, role="citizen"))


def agency_token(agency: str) -> str:
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=f"{agency.lower()}-{user_id[:10]}",
        password="not-used-in-these-tests",
        role="agency",
        name=agency,
        agency=agency,
    )
    tx.commit()
    return auth.issue_token(auth.Principal(user_id=user_id, role="agency", agency=agency))


IBAN = "AZ21NABZ00000000137010001944"  # the exporter's account for the incentive (X6)


def form(
    *goods: dict[str, Any], incentive: bool = True, voen: str = "1400500071"
) -> dict[str, Any]:
    return {
        "voen": voen,
        "destination": "DE",
        "goods": list(goods),
        "exportIncentive": incentive,
    } | ({"incentiveAccount": IBAN} if incentive else {})


def apply(local_aws: LocalAws, token: str, body: dict[str, Any]) -> dict[str, Any]:
    status, filed, _ = call(local_aws, "POST", "/export/applications", token=token, body=body)
    assert status == 201, filed
    return dict(filed)


def page(local_aws: LocalAws, token: str, application_id: str) -> dict[str, Any]:
    status, shown, _ = call(local_aws, "GET", f"/export/applications/{application_id}", token=token)
    assert status == 200, shown
    return dict(shown)


def pending(application_id: str, codes: dict[str, str]) -> dict[str, str]:
    """The decision id of each permit pending at its agency (the agencies' task lists)."""
    found = {}
    for code, agency in codes.items():
        for decision in exchange.decisions(agency, "pending").items:
            if decision.subject == permit_subject(application_id, code):
                found[code] = decision.decision_id
    return found


def answer(
    local_aws: LocalAws, agency: str, decision_id: str, outcome: str, reason: str = ""
) -> None:
    given = {"outcome": outcome, "reason": reason}
    status, body, _ = decide(local_aws, agency_token(agency), agency, decision_id, given)
    assert status in (200, 204), body


def execution_status(application_id: str) -> str:
    machine = os.environ["EXPORT_APPLICATION_STATE_MACHINE"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{application_id}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


def decided(local_aws: LocalAws, token: str, application_id: str) -> dict[str, Any]:
    return dict(
        wait_for(
            lambda: (
                (shown := page(local_aws, token, application_id))["status"] != "under-review"
                and shown
            ),
            pump=local_aws.pump,
            what="the application decided",
        )
    )


@pytest.fixture(autouse=True)
def agency_endpoints(local_aws: LocalAws) -> Iterator[Agency]:
    """The permit agencies' webhook receivers acknowledge; they answer later by callback."""
    with serve_agency() as (receiver, url):
        for agency in AGENCIES:
            webhooks.register(
                agency,
                webhooks.Registration(url=f"{url}/{agency}", scheme="v1a"),
                Actor.system("tests"),
            )
        yield receiver


def test_x4_three_permits_asked_at_once_one_refused_the_others_kept(local_aws: LocalAws) -> None:
    """X4 (§10.3.3.5-6): caviar needs a food-safety certificate (AQTA), a certificate of origin
    (IN) and a CITES permit (ETSN); the three requests are out at once, each with its deadline
    and why on the status page; ETSN refuses: that permit ends refused, the two others are kept
    issued, the application ends refused naming it."""
    token = exporter()
    filed = apply(local_aws, token, form(CAVIAR, incentive=True))
    assert filed["status"] == "under-review"
    assert filed["exporter"]["name"] == '"Göygöl Aqro" MMC'
    assert filed["exporter"]["head"]["fullName"] == "Məmmədov Elşən Rəşid oğlu"
    codes = {p["code"]: p["agency"] for p in filed["permits"]}
    assert codes == {"food-safety": "AQTA", "origin": "IN", "cites": "ETSN"}
    assert all(
        p["deadline"] and p["why"]["az"] and p["status"] == "pending" for p in filed["permits"]
    )

    app_id = filed["applicationId"]
    # All three pending at their agencies before any has answered: asked in parallel.
    asked = wait_for(
        lambda: len(pending(app_id, codes)) == 3 and pending(app_id, codes),
        pump=local_aws.pump,
        what="three requests out",
    )
    request = exchange.decision_of("ETSN", asked["cites"])
    assert request["payload"]["goods"][0]["hsCode"] == "1604310000"
    assert request["kind"] == "export-cites"

    answer(local_aws, "ETSN", asked["cites"], "reject", "CITES kvotası tükənib / quota exhausted")
    answer(local_aws, "AQTA", asked["food-safety"], "approve")
    answer(local_aws, "IN", asked["origin"], "approve")

    shown = decided(local_aws, token, app_id)
    assert shown["status"] == "refused"
    by_code = {p["code"]: p for p in shown["permits"]}
    assert by_code["cites"]["status"] == "refused"
    assert by_code["cites"]["reason"] == "CITES kvotası tükənib / quota exhausted"
    assert by_code["food-safety"]["status"] == "issued"
    assert by_code["food-safety"]["decisionId"] == asked["food-safety"]
    assert by_code["origin"]["status"] == "issued"
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    cabinet = Table("PLATFORM_TABLE").get(f"USER#{shown['owner']}", f"APPLICATION#export#{app_id}")
    assert cabinet is not None and cabinet["status"] == "refused"
    # The declaration needs every permit (X5, §10.3.3.8).
    status, problem, _ = call(
        local_aws, "POST", f"/export/applications/{app_id}/declaration", token=token, body={}
    )
    assert status == 409 and problem["errors"][0]["field"] == "applicationId"


def test_x4_x5_all_granted_then_declared_with_every_permit_and_released(
    local_aws: LocalAws,
) -> None:
    """X4, X5 (§10.3.3.7-8): juice and hazelnuts need phytosanitary and food-safety
    certificates (AQTA) and a certificate of origin (IN); all granted, the application is
    ready; the declaration carries the contract and every permit; customs releases it and the
    result reaches the cabinet."""
    token = exporter()
    filed = apply(local_aws, token, form(JUICE, HAZELNUTS))
    codes = {p["code"]: p["agency"] for p in filed["permits"]}
    assert codes == {"phytosanitary": "AQTA", "food-safety": "AQTA", "origin": "IN"}
    app_id = filed["applicationId"]
    asked = wait_for(
        lambda: len(pending(app_id, codes)) == 3 and pending(app_id, codes),
        pump=local_aws.pump,
        what="three requests out",
    )
    for code, decision_id in asked.items():
        answer(local_aws, codes[code], decision_id, "approve")
    assert decided(local_aws, token, app_id)["status"] == "ready"

    # X2: the exporter's head signs a contract with ASAN İmza, the partner confirms it.
    head, _ = asan_login(local_aws, ELSHAN_SIM)
    contract = drawn_and_signed(local_aws, head, Partner())
    attached = {"contractId": contract["id"]}

    # Customs' system fails the first time it gets juice (simulator data): 503, nothing changed.
    path = f"/export/applications/{app_id}/declaration"
    status, problem, _ = call(local_aws, "POST", path, token=token, body=attached)
    assert status == 503, problem
    assert page(local_aws, token, app_id)["status"] == "ready"
    status, sent, _ = call(local_aws, "POST", path, token=token, body=attached)
    assert status == 200, sent
    assert sent["status"] == "released"
    declaration = sent["declaration"]
    # The hash proves which document was attached (§10.3.3.7).
    assert declaration["contract"] == attached | {
        "number": contract["number"],
        "sha256": contract["sha256"],
    }
    assert {p["permit"] for p in declaration["permits"]} == set(codes)
    assert all(p["decisionId"] for p in declaration["permits"])
    assert declaration["verdict"]["declarationNumber"].startswith("AZ-EX-")
    cabinet = Table("PLATFORM_TABLE").get(f"USER#{sent['owner']}", f"APPLICATION#export#{app_id}")
    assert cabinet is not None and cabinet["status"] == "released"
    inbox = Table("PLATFORM_TABLE").query(f"USER#{sent['owner']}", sk_prefix="INBOX#").items
    assert "notice.export-customs" in {i["key"] for i in inbox}
    # Sent once: a second declaration is refused.
    assert call(local_aws, "POST", path, token=token, body={})[0] == 409


def test_x5_a_contract_not_signed_by_both_for_this_exporter_is_refused_nothing_sent(
    local_aws: LocalAws,
) -> None:
    """X5: the contract attached is one both parties signed for this exporter; an unknown id, a
    contract the partner has not confirmed, or one another exporter signed is a 422 naming
    contractId, and nothing is sent to customs or changed. The exporter here is "Şəki İpək" ASC
    (its head's FIN in the tax registry); the contracts are "Göygöl Aqro" MMC's."""
    token = exporter(SEKI_FIN)
    filed = apply(local_aws, token, form(HAZELNUTS, voen=SEKI_VOEN))
    codes = {p["code"]: p["agency"] for p in filed["permits"]}
    app_id = filed["applicationId"]
    asked = wait_for(
        lambda: len(pending(app_id, codes)) == len(codes) and pending(app_id, codes),
        pump=local_aws.pump,
        what="the requests out",
    )
    for code, decision_id in asked.items():
        answer(local_aws, codes[code], decision_id, "approve")
    before = decided(local_aws, token, app_id)
    assert before["status"] == "ready"

    head, _ = asan_login(local_aws, ELSHAN_SIM)
    unconfirmed = drawn_and_signed(local_aws, head)
    assert unconfirmed["status"] == "awaiting-foreign"
    of_another = drawn_and_signed(local_aws, head, Partner())
    path = f"/export/applications/{app_id}/declaration"
    for contract_id in (unconfirmed["id"], of_another["id"], "ctr_unknown"):
        body = {"contractId": contract_id}
        status, problem, _ = call(local_aws, "POST", path, token=token, body=body)
        assert (status, problem["code"], problem["errors"][0]["field"]) == (
            422,
            "export.declaration.contract",
            "contractId",
        )
    assert page(local_aws, token, app_id) == before
    stored = EXPORT.get(*key(app_id))
    assert stored is not None and stored.get("declaration") is None


def test_x4_silence_deemed_issued_or_no_permit_as_the_rules_say(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X4, E6 (DESIGN rule 6): no answer by the deadline; the food-safety certificate is deemed
    issued (Law on Licences and Permits, silence is consent; the exchange records
    deemed-consent), the CITES permit is not (the request is withdrawn), so the application is
    refused for want of the CITES permit."""
    token = exporter()
    scale_clock(monkeypatch, 0.5)
    item = CAVIAR | {"flags": ["cites"]}
    filed = apply(local_aws, token, form(item))
    codes = {p["code"]: p["agency"] for p in filed["permits"]}
    assert codes == {"food-safety": "AQTA", "cites": "ETSN"}
    app_id = filed["applicationId"]
    shown = decided(local_aws, token, app_id)
    scale_clock(monkeypatch, 86400)
    by_code = {p["code"]: p for p in shown["permits"]}
    assert by_code["food-safety"]["status"] == "deemed-issued"
    assert by_code["cites"]["status"] == "refused"
    assert "deadline" in by_code["cites"]["reason"]
    assert shown["status"] == "refused"

    def statuses() -> dict[str, str] | None:
        found = {}
        platform = Table("PLATFORM_TABLE")
        for code in codes:
            for link in platform.query_all(f"DECISIONS-OF#{permit_subject(app_id, code)}"):
                decision = platform.get(f"DECISION#{link['sk']}", "DECISION")
                if decision:
                    found[code] = str(decision["status"])
        return found if found == {"food-safety": "deemed-consent", "cites": "withdrawn"} else None

    assert wait_for(statuses, pump=local_aws.pump, what="the exchange's records")
    stored = EXPORT.get(*key(app_id))
    assert stored is not None and stored["version"] >= 3
