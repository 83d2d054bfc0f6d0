"""Domain errors that become RFC 9457 problem responses.

Service code raises these; the HTTP glue (egov.platform.http) turns them into
`application/problem+json` in the caller's language. A problem names the field it is about,
so a form can show the message next to the right input (G7).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PROBLEM_BASE = "https://egov.az/problems/"


@dataclass
class FieldError:
    field: str
    key: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)


class Problem(Exception):
    """Base of every error a caller may see. `kind` selects the title and the type URI."""

    status = 400
    kind = "validation"

    def __init__(
        self,
        key: str,
        *,
        field: str | None = None,
        params: Mapping[str, object] | None = None,
        errors: list[FieldError] | None = None,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = dict(params or {})
        self.errors = list(errors or [])
        if field and not self.errors:
            self.errors.append(FieldError(field, key, self.params))
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})


class BadRequest(Problem):
    """A request that cannot be read at all (e.g. JSON nested beyond any form's depth)."""

    status = 400
    kind = "bad-request"


class UnsupportedMediaType(Problem):
    status = 415
    kind = "unsupported-media-type"


class Invalid(Problem):
    status = 422
    kind = "validation"


class NotFound(Problem):
    status = 404
    kind = "not-found"


class Conflict(Problem):
    status = 409
    kind = "conflict"


class Unauthorized(Problem):
    status = 401
    kind = "unauthorized"


class Forbidden(Problem):
    status = 403
    kind = "forbidden"


class Locked(Problem):
    status = 423
    kind = "locked"


class RateLimited(Problem):
    status = 429
    kind = "rate-limited"


class PaymentRequired(Problem):
    status = 402
    kind = "payment-required"


class Gone(Problem):
    status = 410
    kind = "gone"


class Unavailable(Problem):
    """An external system failed; the request changed nothing and may be retried."""

    status = 503
    kind = "unavailable"


class Internal(Problem):
    """A defect on our side; the details are in the log under the correlation id."""

    status = 500
    kind = "internal"
