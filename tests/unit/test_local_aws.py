"""The in-process stack provisions the template and runs handlers (foundation of every test)."""

from tests.conftest import LocalAws, rest_event


def test_health_handler_runs_against_provisioned_tables(local_aws: LocalAws) -> None:
    response = local_aws.invoke("HealthFunction", rest_event("GET", "/health"))
    assert response["statusCode"] == 200
    assert '"status":"ok"' in response["body"]
