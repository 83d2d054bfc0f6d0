"""Where a person's notices go besides the cabinet: an e-mail and a mobile, each optional.

One type for every service that keeps them (the certificate holder's, seed 001 §3.4; an EKTİS
subject's, seed 004): each address is checked as the gateways check it (`check_email`,
`check_mobile`), an empty one is none. Never public."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic.alias_generators import to_camel

from egov.platform.adapters.gateways import check_email
from egov.platform.adapters.mobile import check_mobile
from egov.platform.text import Text


class Contacts(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    email: Text | None = None
    mobile: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value) if value else None

    @field_validator("mobile")
    @classmethod
    def _mobile(cls, value: str | None) -> str | None:
        return check_mobile(value) if value else None
