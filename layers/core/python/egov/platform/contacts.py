"""Where a person's notices go besides the cabinet: an e-mail and a mobile, each optional.

One type for every service that keeps them (the certificate holder's, seed 001 §3.4; an EKTİS
subject's, seed 004): each address is checked as the gateways check it (`check_email`,
`check_mobile`), an empty one is none. Never public."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic.alias_generators import to_camel

from egov.platform.text import Text


class Contacts(BaseModel):
    model_config = ConfigDict(
        defer_build=True, alias_generator=to_camel, populate_by_name=True, extra="forbid"
    )

    email: Text | None = None
    mobile: Text | None = None

    # The adapters package (and its registries) loads only when a contact is given: the public
    # certificate lookups that import this type never need it (cold start, issue 18 §1).
    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        from egov.platform.adapters.gateways import check_email

        return check_email(value) if value else None

    @field_validator("mobile")
    @classmethod
    def _mobile(cls, value: str | None) -> str | None:
        from egov.platform.adapters.mobile import check_mobile

        return check_mobile(value) if value else None
