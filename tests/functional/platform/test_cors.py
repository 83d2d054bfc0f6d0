"""A browser on the portal's origin (template parameter PortalOrigin) may call the API and post
files to the bucket; other origins get no CORS headers (G5, G7, G8)."""

from __future__ import annotations

import os

import boto3
import httpx

from tests.conftest import LocalAws

PORTAL = "https://portal.egov.az"


def test_preflight_is_answered_for_the_portal_like_api_gateways_mock(platform: LocalAws) -> None:
    response = httpx.options(
        f"{os.environ['PUBLIC_API_URL']}/producers",
        headers={
            "Origin": PORTAL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "idempotency-key,content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    assert {"POST", "OPTIONS"} <= set(response.headers["access-control-allow-methods"].split(","))
    allowed = {h.lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "idempotency-key", "x-correlation-id"} <= allowed
    assert response.headers["access-control-max-age"] == "600"


def test_answers_and_problems_are_readable_from_the_portal_only(platform: LocalAws) -> None:
    url = f"{os.environ['PUBLIC_API_URL']}/calendar/deadline"
    ok = httpx.get(url, params={"days": 1}, headers={"Origin": PORTAL})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == PORTAL
    assert "X-Correlation-Id" in ok.headers["access-control-expose-headers"]
    problem = httpx.get(url, params={"days": "many"}, headers={"Origin": PORTAL})
    assert problem.status_code == 422
    assert problem.headers["access-control-allow-origin"] == PORTAL
    foreign = httpx.get(url, params={"days": 1}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 200
    assert "access-control-allow-origin" not in foreign.headers


def test_the_bucket_accepts_browser_uploads_from_the_portal_only(local_aws: LocalAws) -> None:
    bucket = local_aws.template.physical_name("AttachmentsBucket")
    (rule,) = boto3.client("s3").get_bucket_cors(Bucket=bucket)["CORSRules"]
    assert rule["AllowedOrigins"] == [PORTAL]
    assert "POST" in rule["AllowedMethods"]
