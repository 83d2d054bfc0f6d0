"""The local stack answers over HTTP as API Gateway would."""

from tests.e2e.conftest import RunningStack
from tests.e2e.test_producers import STAFF_PASSWORD, login


def test_health_is_liveness_and_the_operator_sees_every_component(stack: RunningStack) -> None:
    """Issue 10 item 16: the public answer probes nothing; the operator's names every
    component, kept for a while with its age."""
    with stack.client() as http:
        response = http.get("/health")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json()["status"] == "ok" and "components" not in response.json()
        assert http.get("/operator/health").status_code == 401
        token = login(http, "operator", STAFF_PASSWORD)
        deep = http.get("/operator/health", headers={"Authorization": f"Bearer {token}"})
    assert deep.status_code == 200, deep.text
    names = {c["name"] for c in deep.json()["components"]}
    assert {"dynamodb:PLATFORM_TABLE", "dynamodb:AUDIT_TABLE", "external:population"} <= names
    assert all(c["status"] == "ok" for c in deep.json()["components"])
    assert deep.json()["ageSeconds"] >= 0


def test_unknown_route_is_refused_like_api_gateway(stack: RunningStack) -> None:
    """The template's MISSING_AUTHENTICATION_TOKEN gateway response: a 404 problem (issue 9)."""
    with stack.client() as http:
        response = http.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "route.not-found"
