"""The single export application's filing and status page (X4) and the customs declaration of
goods that need no permit (X5), on moto with the template provisioned."""

from __future__ import annotations

import os

import boto3

from egov.export import permits
from egov.export.models import GoodsItem
from egov.platform import clock
from tests.conftest import LocalAws
from tests.helpers import call
from tests.workflow.test_export_application import exporter, form

MACHINES = {
    "hsCode": "8479820000",
    "description": "Qarışdırıcı avadanlıq / Mixing machines",
    "quantity": "3",
    "unit": "pcs",
    "value": "42000.00",
    "currency": "EUR",
    "origin": "AZ",
    "flags": [],
}
CRUDE = MACHINES | {"hsCode": "2709009000", "description": "Xam neft / Crude oil", "unit": "t"}
PAINTING = MACHINES | {"hsCode": "9701910000", "description": "Rəsm / Painting", "unit": "pcs"}
TOBACCO = MACHINES | {"hsCode": "2401101000", "description": "Tütün / Tobacco", "unit": "kg"}


def test_x4_rules_table_by_chapter_and_flags() -> None:
    """X4 (§4.2.1-4.2.5): the permits follow from HS chapters and flags, held as data."""
    at = clock.now()

    def codes(**item: object) -> list[str]:
        goods = GoodsItem.model_validate(MACHINES | item)
        return [p.code for p in permits.required([goods], at)]

    assert codes(hsCode="0102290000") == ["veterinary"]
    assert codes(hsCode="0201100000") == ["veterinary", "food-safety"]
    assert codes(hsCode="0808108000") == ["phytosanitary", "food-safety"]
    assert codes(hsCode="9303200000") == ["licence"]
    assert codes(hsCode="9701910000") == ["cultural-property"]
    assert codes(flags=["religious"]) == ["religious"]
    assert codes(flags=["cites", "origin-certificate"]) == ["origin", "cites"]
    assert codes() == []
    assert {r["agency"] for r in permits.rules()} == {"AQTA", "IN", "ETSN", "MN", "DQIDK"}


def test_x4_incentive_for_non_oil_goods_only(local_aws: LocalAws) -> None:
    """X4 (§10.3.3.4, §1.1): an export incentive asked for oil (HS 27) is a 422 naming the
    field; nothing is filed."""
    token = exporter()
    status, problem, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(CRUDE, MACHINES)
    )
    assert status == 422
    assert problem["errors"][0]["field"] == "exportIncentive"
    status, filed, _ = call(
        local_aws,
        "POST",
        "/export/applications",
        token=token,
        body=form(CRUDE, incentive=False),
    )
    assert status == 201, filed


def test_x4_only_the_head_of_the_voen_applies(local_aws: LocalAws) -> None:
    """X4 (§10.3.3.1), G8: the party data come from the tax registry; a VÖEN the caller does
    not head is a 403 naming voen; a bad VÖEN or HS code a 422 naming it."""
    token = exporter()
    other = form(MACHINES) | {"voen": "1700400081"}
    status, problem, _ = call(local_aws, "POST", "/export/applications", token=token, body=other)
    assert status == 403 and problem["errors"][0]["field"] == "voen"
    bad = form(MACHINES | {"hsCode": "7700000000"})
    status, problem, _ = call(local_aws, "POST", "/export/applications", token=token, body=bad)
    assert status == 422 and problem["errors"][0]["field"] == "goods.0.hsCode"


def test_x5_goods_without_permits_are_ready_at_once_and_customs_can_refuse(
    local_aws: LocalAws,
) -> None:
    """X4, X5: machines need no permit: ready at once, no workflow; another person does not
    see the page; customs releases them; customs refuses tobacco with its reason (simulator), the
    reason in the cabinet."""
    token = exporter()
    status, filed, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(MACHINES)
    )
    assert status == 201 and filed["status"] == "ready" and filed["permits"] == []
    machine = boto3.client("stepfunctions").list_executions(
        stateMachineArn=os.environ["EXPORT_APPLICATION_STATE_MACHINE"]
    )
    assert filed["applicationId"] not in {e["name"] for e in machine["executions"]}
    path = f"/export/applications/{filed['applicationId']}"
    assert call(local_aws, "GET", path, token=exporter())[0] == 404
    status, sent, _ = call(local_aws, "POST", f"{path}/declaration", token=token, body={})
    assert status == 200, sent
    assert sent["status"] == "released" and sent["declaration"]["contract"] is None

    status, filed, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(TOBACCO)
    )
    assert status == 201 and filed["status"] == "ready"
    status, sent, _ = call(
        local_aws,
        "POST",
        f"/export/applications/{filed['applicationId']}/declaration",
        token=token,
        body={},
    )
    assert status == 200, sent
    assert sent["status"] == "customs-refused"
    assert "excise" in sent["declaration"]["verdict"]["reason"]
    status, mine, _ = call(local_aws, "GET", "/me/applications", token=token)
    shown = {a["applicationId"]: a for a in mine["items"]}[filed["applicationId"]]
    assert shown["status"] == "customs-refused"

    painting = form(PAINTING) | {"exportIncentive": False}
    status, filed, _ = call(local_aws, "POST", "/export/applications", token=token, body=painting)
    assert status == 201 and [p["code"] for p in filed["permits"]] == ["cultural-property"]

    # X4, DESIGN rule 12: the status page in one language, by Accept-Language, az by default.
    page_path = f"/export/applications/{filed['applicationId']}"
    stored = filed["permits"][0]
    status, page, _ = call(local_aws, "GET", page_path, token=token)
    assert status == 200 and page["language"] == "az"
    assert (page["permits"][0]["name"], page["permits"][0]["why"]) == (
        stored["name"]["az"],
        stored["why"]["az"],
    )
    status, page, _ = call(local_aws, "GET", page_path, token=token, language="en-GB,en;q=0.9")
    assert status == 200 and page["language"] == "en"
    assert (page["permits"][0]["name"], page["permits"][0]["why"]) == (
        stored["name"]["en"],
        stored["why"]["en"],
    )
