"""The export incentive's requests and answers at the handlers (X6; seed 001 part 2,
§10.3.3.4, §10.3.3.9, §4.2.11), on moto with the template provisioned."""

from __future__ import annotations

import os

import boto3

from tests.conftest import LocalAws
from tests.functional.export.test_export_application import MACHINES, TOBACCO
from tests.helpers import call
from tests.workflow.test_export_application import exporter, form
from tests.workflow.test_export_incentive import OTHER_IBAN, post


def test_x6_an_incentive_asked_names_the_account_it_is_paid_into(local_aws: LocalAws) -> None:
    """§10.3.3.4 ("ərizədə ixrac təşviqinin ödənilməsi ilə bağlı qeydləri olmalıdır"): asking
    for the incentive without the bank account, or with one whose check digits fail, is a 422
    naming incentiveAccount; nothing is filed."""
    token = exporter()
    for body in (
        {k: v for k, v in form(MACHINES).items() if k != "incentiveAccount"},
        form(MACHINES) | {"incentiveAccount": "AZ21NABZ00000000137010001945"},
        form(MACHINES) | {"incentiveAccount": "GB82WEST12345698765432"},
    ):
        status, problem, _ = call(local_aws, "POST", "/export/applications", token=token, body=body)
        assert status == 422, problem
        assert problem["errors"][0]["field"] == "incentiveAccount"
    status, mine, _ = call(local_aws, "GET", "/me/applications", token=token)
    assert status == 200 and mine["items"] == []


def test_x6_goods_customs_refused_send_no_incentive(local_aws: LocalAws) -> None:
    """§10.3.3.9 follows the declaration: the incentive is paid for goods exported, so goods
    customs refuses are never sent to the Ministry."""
    token = exporter()
    status, filed, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(TOBACCO)
    )
    assert status == 201 and filed["incentiveAccount"]
    path = f"/export/applications/{filed['applicationId']}/declaration"
    status, sent, _ = call(local_aws, "POST", path, token=token, body={})
    assert status == 200 and sent["status"] == "customs-refused"
    assert sent["incentive"] is None
    machine = os.environ["EXPORT_INCENTIVE_STATE_MACHINE"]
    started = boto3.client("stepfunctions").list_executions(stateMachineArn=machine)
    assert filed["applicationId"] not in {e["name"] for e in started["executions"]}


def test_x6_only_the_ministry_and_the_authority_answer_their_own_requests(
    local_aws: LocalAws,
) -> None:
    """G8: the exporter cannot answer; each agency only its own route; a decision id that is no
    incentive request of that agency is a 404 naming decisionId."""
    grant = {"outcome": "approve", "amount": "10.00"}
    path = "/export/incentives/dec_unknown/assessment"
    assert call(local_aws, "POST", path, token=exporter(), body=grant)[0] == 403
    assert post(local_aws, "AQTA", path, grant)[0] == 403
    status, problem = post(local_aws, "IN", path, grant)
    assert (status, problem["errors"][0]["field"]) == (404, "decisionId")
    transfer = "/export/incentives/dec_unknown/transfer"
    assert post(local_aws, "IN", transfer, grant)[0] == 403
    refused = {"outcome": "reject", "reason": "Hesab bağlıdır"}
    status, problem = post(local_aws, "MBNP", transfer, refused)
    assert (status, problem["errors"][0]["field"]) == (404, "decisionId")
    # Machines with no incentive asked file as before.
    body = form(MACHINES, incentive=False)
    assert call(local_aws, "POST", "/export/applications", token=exporter(), body=body)[0] == 201


def test_x6_another_account_only_after_a_refused_transfer_and_only_by_the_exporter(
    local_aws: LocalAws,
) -> None:
    """X6 (§10.3.3.4, §4.2.11): another account is given only for the caller's own application
    whose transfer was refused (409 naming applicationId otherwise), as a valid Azerbaijani
    IBAN (422 naming iban); another person's application is as unknown as a missing one (404,
    G8) and staff cannot give one (403)."""
    token = exporter()
    status, filed, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(MACHINES)
    )
    assert status == 201, filed
    path = f"/export/applications/{filed['applicationId']}/incentive-account"
    other = {"iban": OTHER_IBAN}
    status, problem, _ = call(local_aws, "POST", path, token=token, body=other)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        409,
        "export.incentive.no-account-asked",
        "applicationId",
    )
    status, problem, _ = call(local_aws, "POST", path, token=token, body={"iban": "GB82WEST1234"})
    assert (status, problem["errors"][0]["field"]) == (422, "iban")
    status, problem, _ = call(local_aws, "POST", path, token=exporter(), body=other)
    assert (status, problem["errors"][0]["field"]) == (404, "applicationId")
    assert post(local_aws, "MBNP", path, other)[0] == 403
