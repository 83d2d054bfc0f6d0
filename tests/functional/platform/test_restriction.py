"""Refused access is audited (G8) and the operator restricts an account at once (A12)."""

from __future__ import annotations

from typing import Any, cast

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from devstack.runtime import LambdaContext as RuntimeContext
from egov.platform import audit, auth
from egov.platform.http import api
from tests.conftest import LocalAws, rest_event
from tests.helpers import PASSWORD, call, client, log_in, person

CONTEXT = cast(LambdaContext, RuntimeContext(function_name="agency-route", timeout_seconds=3))


def _agency_route() -> APIGatewayRestResolver:
    """An agency's route guarded the way every agency route is."""
    app = api()

    @app.get("/agencies/<code>/tasks")
    def tasks(code: str) -> Response[None]:
        auth.require(app, "agency", agency=code)
        return Response(status_code=204)

    return app


def _agency_token(local_aws: LocalAws, client_id: str) -> str:
    status, body, _ = call(
        local_aws,
        "POST",
        "/auth/token",
        body={"clientId": client_id, "clientSecret": "s3cret-of-the-agency-system"},
    )
    assert status == 200
    return str(body["accessToken"])


def _restrict(
    local_aws: LocalAws, operator: str, user_id: str, body: object
) -> tuple[int, dict[str, Any], dict[str, str]]:
    path = f"/operator/accounts/{user_id}/restriction"
    return call(local_aws, "POST", path, token=operator, body=body)


def test_an_agency_reaches_only_its_own_routes_and_a_foreign_token_is_audited(
    local_aws: LocalAws,
) -> None:
    """G3/G8: an XIN system token on a DIN route is 403 and an `access-refused` audit entry;
    the DIN system itself passes."""
    din_user, xin_user = client("din-system", "DIN"), client("xin-system", "XIN")
    route = _agency_route()
    event = rest_event("GET", "/agencies/DIN/tasks", resource="/agencies/{code}/tasks")

    foreign = dict(
        event, headers={"Authorization": f"Bearer {_agency_token(local_aws, 'xin-system')}"}
    )
    assert route.resolve(foreign, CONTEXT)["statusCode"] == 403
    own = dict(event, headers={"Authorization": f"Bearer {_agency_token(local_aws, 'din-system')}"})
    assert route.resolve(own, CONTEXT)["statusCode"] == 204

    refused = audit.trail(auth.access_subject(xin_user)).items
    assert [e["action"] for e in refused] == [auth.ACCESS_REFUSED]
    assert refused[0]["after"]["path"] == "/agencies/DIN/tasks"
    assert refused[0]["after"]["requiredAgency"] == "DIN"
    assert audit.trail(auth.access_subject(din_user)).items == []


def test_operator_sees_refusals_then_restricts_and_it_takes_effect_at_once(
    local_aws: LocalAws,
) -> None:
    """G8 + A12: the officer's refused attempts are visible to the operator; the restriction
    refuses the officer's existing token (403) and login at once, and is audited; lifting it
    lets the officer back in."""
    officer_id = person("elvin.officer")
    person("operator.one", role="operator", agency=None)
    officer, operator = log_in(local_aws, "elvin.officer"), log_in(local_aws, "operator.one")

    for _ in range(2):  # an officer trying the operator's route
        assert _restrict(local_aws, officer, officer_id, {"reason": "trying"})[0] == 403
    status, refusals, _ = call(
        local_aws, "GET", f"/operator/accounts/{officer_id}/refusals", token=operator
    )
    assert status == 200
    assert [e["action"] for e in refusals["items"]] == [auth.ACCESS_REFUSED] * 2
    assert refusals["items"][0]["owner"] == officer_id

    status, access, _ = _restrict(
        local_aws, operator, officer_id, {"reason": "Repeated attempts at operator routes"}
    )
    assert status == 200 and access["status"] == "restricted"
    assert call(local_aws, "GET", "/me", token=officer)[0] == 403
    login_status, body, _ = call(
        local_aws, "POST", "/auth/login", body={"username": "elvin.officer", "password": PASSWORD}
    )
    assert login_status == 403 and body["code"] == "auth.restricted"
    trail = audit.trail(f"USER#{officer_id}", limit=100).items
    restricted = [e for e in trail if e["action"] == "access-restricted"]
    assert restricted[0]["basis"] == "Repeated attempts at operator routes"
    assert restricted[0]["before"] == {"status": "active"}

    status, access, _ = call(
        local_aws, "DELETE", f"/operator/accounts/{officer_id}/restriction", token=operator
    )
    assert status == 200 and access["status"] == "active"
    assert call(local_aws, "GET", "/me", token=officer)[0] == 200
    assert "access-restriction-lifted" in [
        e["action"] for e in audit.trail(f"USER#{officer_id}", limit=100).items
    ]


def test_restriction_needs_a_reason_and_an_existing_account(local_aws: LocalAws) -> None:
    """A12/G7: no reason is a 422 naming `reason`; an unknown account a 404 naming `userId`;
    neither changes anything."""
    officer_id = person("kamala.officer")
    person("operator.two", role="operator", agency=None)
    operator = log_in(local_aws, "operator.two")
    status, body, _ = _restrict(local_aws, operator, officer_id, {})
    assert status == 422 and [e["field"] for e in body["errors"]] == ["reason"]
    assert auth.account(officer_id)["status"] == "active"  # type: ignore[index]
    status, body, _ = _restrict(local_aws, operator, "f" * 32, {"reason": "no such person"})
    assert status == 404 and body["errors"][0]["field"] == "userId"
