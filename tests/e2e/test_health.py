"""The local stack answers over HTTP as API Gateway would."""

from tests.e2e.conftest import RunningStack


def test_health_reports_every_component(stack: RunningStack) -> None:
    with stack.client() as http:
        response = http.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    names = {c["name"] for c in response.json()["components"]}
    assert {"dynamodb:PLATFORM_TABLE", "dynamodb:AUDIT_TABLE"} <= names
    assert all(c["status"] == "ok" for c in response.json()["components"])


def test_unknown_route_is_refused_like_api_gateway(stack: RunningStack) -> None:
    """The template's MISSING_AUTHENTICATION_TOKEN gateway response: a 404 problem (issue 9)."""
    with stack.client() as http:
        response = http.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "route.not-found"
