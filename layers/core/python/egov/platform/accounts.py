"""Creating staff accounts and agency-system credentials, and the profile a cabinet shows (G8).

The one place accounts are made outside a service's own registration: the demo data of the
local stack uses it, and so will the operator's account routes. Each creation is one
transaction: the account, its username (or client id) guard and the audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from egov.platform import audit, auth, i18n
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

AGENCY = r"^[A-Z][A-Z0-9-]{1,15}$"
STAFF_OF_AGENCY: tuple[auth.Role, ...] = ("officer", "center")

i18n.register(
    {
        "account.agency-required": {
            "az": "Əməkdaş hesabı üçün qurum göstərilməlidir",
            "en": "A staff account must name its agency",
        },
        "account.agency-not-allowed": {
            "az": "Bu rolda hesab quruma aid ola bilməz",
            "en": "An account in this role cannot belong to an agency",
        },
        "account.mobile-invalid": {
            "az": "Azərbaycan mobil nömrəsi +994XXXXXXXXX formatında olmalıdır",
            "en": "Must be an Azerbaijani mobile number in the form +994XXXXXXXXX",
        },
    }
)


class NewAccount(BaseModel):
    """A person's login made by the platform (staff, operators); citizens register themselves."""

    model_config = ConfigDict(defer_build=True)

    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")
    password: str = Field(min_length=12, max_length=256)
    role: auth.Role
    name: str = Field(min_length=1, max_length=200)
    agency: str | None = Field(default=None, pattern=AGENCY, validate_default=True)
    office: str | None = Field(default=None, min_length=1, max_length=100)
    email: EmailStr | None = None
    mobile: str | None = None
    language: i18n.Lang = "az"

    @field_validator("role")
    @classmethod
    def _person(cls, role: auth.Role) -> auth.Role:
        if role == "agency":
            raise PydanticCustomError("field.invalid", "agency systems use client credentials")
        return role

    @field_validator("agency")
    @classmethod
    def _agency_fits_role(cls, agency: str | None, info: ValidationInfo) -> str | None:
        role = info.data.get("role")
        if role in STAFF_OF_AGENCY and agency is None:
            raise PydanticCustomError("account.agency-required", "a staff account needs agency")
        if role not in STAFF_OF_AGENCY and agency is not None:
            raise PydanticCustomError("account.agency-not-allowed", "this role has no agency")
        return agency

    @field_validator("mobile")
    @classmethod
    def _mobile(cls, mobile: str | None) -> str | None:
        if mobile is None:
            return None
        import phonenumbers  # only an account with a mobile needs it (cold start)

        try:
            number = phonenumbers.parse(mobile, "AZ")
        except phonenumbers.NumberParseException as bad:
            raise PydanticCustomError("account.mobile-invalid", "not an AZ mobile") from bad
        if not phonenumbers.is_valid_number_for_region(number, "AZ") or (
            phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
        ):
            raise PydanticCustomError("account.mobile-invalid", "not an AZ mobile")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class NewClient(BaseModel):
    """An agency system's credentials (role `agency`), used at POST /auth/token."""

    model_config = ConfigDict(defer_build=True)

    clientId: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")
    clientSecret: str = Field(min_length=24, max_length=256)
    agency: str = Field(pattern=AGENCY)
    name: str = Field(min_length=1, max_length=200)


class Profile(BaseModel):
    model_config = ConfigDict(defer_build=True)

    userId: str
    role: auth.Role
    name: str
    status: auth.Status
    username: str | None = None
    clientId: str | None = None
    email: str | None = None
    mobile: str | None = None
    language: i18n.Lang = "az"
    agency: str | None = None
    office: str | None = None


def create(new: NewAccount, actor: audit.Actor) -> str:
    """Create the account; 409 naming `username` if it is taken. Returns the user id."""
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=new.username,
        password=new.password,
        role=new.role,
        name=new.name,
        agency=new.agency,
        office=new.office,
        email=str(new.email) if new.email else None,
        mobile=new.mobile,
        language=new.language,
    )
    _record_creation(tx, user_id, actor, new.role, new.agency, username=new.username)
    tx.commit()
    return user_id


def create_client(new: NewClient, actor: audit.Actor) -> str:
    """Create an agency system's credentials; 409 naming `clientId` if it is taken."""
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_client(
        tx,
        user_id=user_id,
        client_id=new.clientId,
        secret=new.clientSecret,
        agency=new.agency,
        name=new.name,
    )
    _record_creation(tx, user_id, actor, "agency", new.agency, clientId=new.clientId)
    tx.commit()
    return user_id


def ensure(new: NewAccount, actor: audit.Actor) -> str:
    """The user id of the account with `new.username`, created if there is none yet."""
    existing = auth.user_id_of_username(new.username)
    if existing:
        return existing
    try:
        return create(new, actor)
    except Conflict:
        return _existing(auth.user_id_of_username(new.username))


def ensure_client(new: NewClient, actor: audit.Actor) -> str:
    existing = auth.user_id_of_client(new.clientId)
    if existing:
        return existing
    try:
        return create_client(new, actor)
    except Conflict:
        return _existing(auth.user_id_of_client(new.clientId))


def _existing(user_id: str | None) -> str:
    if user_id is None:  # the conflict was not the name we looked up: a real error
        raise RuntimeError("account creation conflicted on something other than its name")
    return user_id


def _record_creation(
    tx: Transaction,
    user_id: str,
    actor: audit.Actor,
    role: auth.Role,
    agency: str | None,
    **login: str,
) -> None:
    audit.record(
        tx,
        f"USER#{user_id}",
        "account-created",
        actor,
        owner=user_id,
        after={"role": role, "agency": agency, **login},
    )


def profile_of(stored: Mapping[str, Any]) -> Profile:
    return Profile(
        userId=stored["userId"],
        role=stored["role"],
        name=stored["name"],
        status=stored["status"],
        username=stored.get("username"),
        clientId=stored.get("clientId"),
        email=stored.get("email"),
        mobile=stored.get("mobile"),
        language=stored.get("language", "az"),
        agency=stored.get("agency"),
        office=stored.get("office"),
    )
