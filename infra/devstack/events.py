"""Sample Lambda events, shaped as AWS sends them (used by tests and benchmarks)."""

from __future__ import annotations

import json
from typing import Any


def rest_event(
    method: str,
    path: str,
    *,
    resource: str | None = None,
    body: object = None,
    headers: dict[str, str] | None = None,
    path_parameters: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A minimal API Gateway REST proxy event, as the Powertools examples use."""
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": {"content-type": "application/json", **(headers or {})},
        "multiValueHeaders": {},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_parameters,
        "requestContext": {
            "requestId": "test-request",
            "stage": "dev",
            "httpMethod": method,
            "resourcePath": resource or path,
            "path": path,
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "body": json.dumps(body) if body is not None else None,
        "isBase64Encoded": False,
    }
