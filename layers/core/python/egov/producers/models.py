"""The fields of the producer portal and their rules (P1, P3).

Identifiers reuse the adapters' validators (FIN, VÖEN by python-stdnum, +994 mobile by
phonenumbers, e-mail by email-validator), so a value is judged the same way at every door. Each
rule fails with a `PydanticCustomError` whose type is an i18n key: the HTTP glue turns it into a
422 problem naming the field, in Azerbaijani and English.

Username: 3–30 characters, a letter first, then letters (Azerbaijani ones included: the seed's
example is `zəfər1970`), digits, `.`, `_` or `-`; unique without regard to case.

Password policy (stored only as an argon2id hash):
- 10 to 128 characters (NIST SP 800-63B: length is what makes a password strong);
- at least two of the classes letters / digits / other characters, so `aaaaaaaaaa` and
  `1234567890` are refused;
- must not contain the username (case-insensitively), the first thing an attacker tries.
"""

import re
import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, SecretStr, ValidationInfo
from pydantic import field_validator as field_rule
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters.gateways import EmailAddress
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.adapters.population import DocumentNumber, Fin
from egov.platform.adapters.tax import Voen
from egov.platform.models import Form as Model
from egov.platform.text import clean
from egov.producers import texts  # noqa: F401  (registers the texts for every module)

PASSWORD_MIN = 10
PASSWORD_MAX = 128
USERNAME_PATTERN = re.compile(r"[^\W\d_][\w.\-]{2,29}")


def check_username(value: str) -> str:
    username = unicodedata.normalize("NFC", value.strip())
    if not USERNAME_PATTERN.fullmatch(username):
        raise PydanticCustomError("producers.username.invalid", "Not an acceptable username")
    return username


def _classes(password: str) -> int:
    letters = any(c.isalpha() for c in password)
    digits = any(c.isdigit() for c in password)
    others = any(not c.isalnum() for c in password)
    return letters + digits + others


def check_password(password: str, username: str | None) -> str:
    """The password policy of the module docstring; `username` may be unknown (then skipped)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise PydanticCustomError("producers.password.length", "10 to 128 characters")
    if _classes(password) < 2:
        raise PydanticCustomError("producers.password.weak", "Needs two kinds of characters")
    if username and username.casefold() in password.casefold():
        raise PydanticCustomError("producers.password.contains-username", "Contains the username")
    return password


def _short_text(value: str) -> str:
    text = clean(value.strip())
    if len(text) > 200:
        raise PydanticCustomError("producers.text.too-long", "At most 200 characters")
    return text


def _code(value: str) -> str:
    if not re.fullmatch(r"[0-9]{6}", value.strip()):
        raise PydanticCustomError("producers.code.invalid", "Six digits")
    return value.strip()


Username = Annotated[str, AfterValidator(check_username)]
Email = EmailAddress
ShortText = Annotated[str, AfterValidator(_short_text)]
Code = Annotated[str, AfterValidator(_code)]
ConfirmationId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]

RegistrantKind = Literal["potential-producer", "seller"]
"""P1: a potential producer (verified by the ministry, P5) or a seller."""
PersonKind = Literal["natural", "legal"]
"""P1: a natural person identified by FIN, or a legal entity identified by VÖEN."""
Status = Literal["pending-verification", "approved", "rejected", "closed"]


class Subject(Model):
    """Who is registering: a natural person by FIN or a legal entity by VÖEN (P1, P2)."""

    person_kind: PersonKind
    fin: Fin | None = None
    voen: Voen | None = None


class Identity(Model):
    """What the registries say about the subject (P2): filled in, never typed by the user."""

    person_kind: PersonKind
    fin: str = Field(description="The person's FIN; for a legal entity, its head's FIN")
    voen: str | None = None
    surname: str
    name: str
    patronymic: str
    gender: Literal["male", "female"]
    birth_date: date
    address: str
    company_name: str | None = None
    legal_form: str | None = None
    company_address: str | None = None


class IdentityCheck(Subject):
    """The "Yoxla" step (P2) asked by the person: with the FIN (or VÖEN), the document number of
    the ID card (for a legal entity, its head's), which only the card's holder has at hand."""

    document_number: DocumentNumber


class MobileConfirmationRequest(IdentityCheck):
    """Ask for an SMS code to a number the registry says belongs to the subject (P3)."""

    mobile: MobileNumber


class MobileConfirmation(Model):
    """A code was texted; the registration carries `confirmationId` and the code (P3)."""

    confirmation_id: str
    mobile: str
    expires_in_seconds: int
    attempts_left: int
    sms_message_id: str = Field(description="The notification message that carries the code")


class Contact(Model):
    """The fields a person fills in on top of the registry data (P3)."""

    username: Username
    email: Email | None = None
    mobile: MobileNumber
    education: ShortText | None = None
    job: ShortText | None = None
    language: i18n.Lang | None = Field(
        None,
        description="G2: the language of every notice to the person (az or en); when not "
        "given, Accept-Language at self-registration, Azerbaijani at an office",
    )


class Registration(Subject, Contact):
    """Self-registration on the portal (P1, P3, P4)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "potential-producer",
                    "personKind": "natural",
                    "fin": "2HQ4R7T",
                    "username": "gunay.aliyeva",
                    "mobile": "+994501234567",
                    "email": "gunay.aliyeva@example.az",
                    "password": "Sumqayit-tarla-2026",
                    "confirmationId": "6f1c0d7e9a8b4c3d2e1f0a9b8c7d6e5f",
                    "code": "482913",
                }
            ]
        }
    )

    kind: RegistrantKind
    password: SecretStr
    confirmation_id: ConfirmationId
    code: Code

    @field_rule("password")
    @classmethod
    def _password_policy(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        check_password(value.get_secret_value(), info.data.get("username"))
        return value


class AssistedRegistration(Subject, Contact):
    """Registration by an officer for a person who came in person (P6): no password yet."""

    kind: RegistrantKind


class Decision(Model):
    outcome: Literal["approve", "reject"]
    reason: str | None = None
    decided_at: str
    decided_by: str | None = None


class Producer(Model):
    """A producer's record as its owner (and officers) see it."""

    id: str
    kind: RegistrantKind
    status: Status
    identity: Identity
    username: str
    email: str | None = None
    mobile: str
    education: str | None = None
    job: str | None = None
    language: i18n.Lang = "az"
    region: str
    registered_at: str
    registered_by: str | None = Field(None, description="The officer, for assisted registration")
    office: str | None = None
    decision: Decision | None = None


class Registered(Model):
    """The confirmation shown after registration (P3: then the person can log in)."""

    id: str
    username: str
    status: Status
    message: str
