"""The certificate registry's records and requests (E12–E15); their texts are in `texts`."""

import base64
import binascii
import hashlib
import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.certificates import texts  # noqa: F401  (registers the texts for every module)
from egov.platform.contacts import Contacts
from egov.platform.text import CleanLines, Text

Status = Literal["active", "suspended", "revoked", "expired"]
# RFC 5280 §5.3.1 CRLReason names; certificateHold is the only reversible one.
Reason = Literal[
    "unspecified",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "removeFromCRL",
    "privilegeWithdrawn",
]
RevocationReason = Literal[
    "unspecified",
    "keyCompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "privilegeWithdrawn",
]
Center = Literal["EIMZA", "ASXM"]
CarrierKind = Literal["token", "asan-sim"]
CompromiseEvent = Literal[
    "carrier-lost", "lost-carrier-found", "suspected-leak", "tampering", "codes-known"
]
# ASAN İmza certificates are personal, business ("İş") or "state and municipality" (R2).
Use = Literal["personal", "business", "state"]
BasisKind = Literal[
    "application",
    "compromise-report",
    "center-compromise",
    "center-initiative",
    "validity-end",
    "suspension-end",
]
Action = Literal["suspend", "restore", "revoke"]
VirtualFin = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{5,12}$")]
Serial = Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{16,40}$")]
EMBASSY_CODE = r"EMB-[A-Z]{2}"  # the embassy's agency code: EMB-<country of residence>


def _embassy(value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(EMBASSY_CODE, code):
        raise PydanticCustomError("certificates.embassy-invalid", "an embassy code like EMB-DE")
    return code


Embassy = Annotated[str, AfterValidator(_embassy)]
"""An embassy by its agency code, the address of its webhooks (E13)."""
# The Center that issues each carrier (seed 001 §1.2.3–1.2.4): token CA or ASAN (ASXM).
CENTER_OF_CARRIER: dict[str, str] = {"token": "EIMZA", "asan-sim": "ASXM"}


class View(BaseModel):
    model_config = ConfigDict(
        defer_build=True,
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
    )


class Holder(View):
    name: Text
    virtual_fin: VirtualFin
    user_id: Text = Field(description="The holder's platform account (cabinet, notices)")


Contact = Contacts
"""Where the holder's notices go besides the cabinet (seed 001 §3.4): the platform's one type,
under the name the certificate's callers (renewal) import."""


class Carrier(View):
    kind: CarrierKind
    id: Text = Field(description="Token serial or ASAN SIM number")


class Basis(View):
    kind: BasisKind
    id: Text


class Change(View):
    at: datetime
    status: Status
    reason: Reason | None = None
    basis: Basis
    by: str = Field(description="The role that made the change: center, holder or system")


class Certificate(View):
    """The registry record of E15. Everything but `log_index` is what the log leaf commits to
    (`egov.certificates.registry.leaf_data`; `leaf_format` says how)."""

    serial: Serial
    center: Center
    holder: Holder
    carrier: Carrier
    use: Use
    key_fingerprint: str = Field(description="SHA-256 of the DER public key, hex")
    valid_from: datetime
    valid_to: datetime
    status: Status
    disclosure_consent: bool
    embassy: str | None = None
    history: list[Change]
    version: int
    log_index: int = 0
    leaf_format: int = Field(
        1, description="1: the leaf is this record; 2: public status and a commitment to the rest"
    )
    suspended_until: date | None = Field(
        None,
        description='Annex 5.5 "Dayandırılsın __-dən __-dək": the last Baku day of a '
        "suspension with an end; restored when that day is over",
    )

    @property
    def last(self) -> Change:
        return self.history[-1]


def _der_public_key(value: str) -> str:
    # Imported by the one validator that parses a key, not by every handler of the models.
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        load_der_public_key(base64.b64decode(value, validate=True))
    except (ValueError, binascii.Error, TypeError) as bad:
        raise PydanticCustomError(
            "certificates.public-key-invalid", "not a base64 DER public key"
        ) from bad
    return value


PublicKeyDer = Annotated[
    str,
    AfterValidator(_der_public_key),
    Field(json_schema_extra={"contentEncoding": "base64", "pattern": "^[A-Za-z0-9+/]+={0,2}$"}),
]
"""A verification key as base64 of its DER encoding, refused unless it parses (E14, E15)."""


def fingerprint(public_key_der: bytes) -> str:
    return hashlib.sha256(public_key_der).hexdigest()


class IssueRequest(View):
    """What the e-signature workflow sends when a Center issues a certificate (E8, E10, E12)."""

    center: Center
    holder: Holder
    contact: Contacts = Field(default_factory=Contacts)
    carrier: Carrier
    use: Use
    public_key: PublicKeyDer = Field(
        description="The verification key: base64 of the DER public key"
    )
    disclosure_consent: bool = Field(description="The holder agrees to disclose holder data (E14)")
    embassy: Embassy | None = Field(None, description="The embassy the holder applied through")
    application_id: Text = Field(description="The holder's issuance application (the basis)")

    @model_validator(mode="after")
    def _center_matches_carrier(self) -> "IssueRequest":
        if CENTER_OF_CARRIER[self.carrier.kind] != self.center:
            raise PydanticCustomError(
                "certificates.carrier-center-mismatch", "carrier and Center do not match"
            )
        return self

    @property
    def key_der(self) -> bytes:
        return base64.b64decode(self.public_key)


class CenterAction(View):
    """A Center's suspend/restore/revoke, with its recorded basis (E13, E15).

    On its own initiative (§3.1, the cases of articles 13 and 14 of the Law on electronic
    signature) the basis is `center-initiative` with the Center's own reference as its id, and
    `grounds` says which case it is. A suspension on its own initiative may end on a day
    (`until`); one on a holder's application ends when the application says.
    """

    basis: Basis
    reason: RevocationReason | None = None
    grounds: Annotated[str, StringConstraints(max_length=2000), CleanLines] | None = Field(
        None, description="The case of the Law the Center acts on, for `center-initiative`"
    )
    until: date | None = Field(None, description="The last day of a suspension (Baku)")


class HolderApplication(View):
    """The holder's application to suspend, restore or revoke (E13, seed 001 §3.2–3.3)."""

    action: Action
    addressed_to: Literal["embassy", "center"]
    embassy: Embassy | None = None
    reason: RevocationReason | None = None
    from_day: date | None = Field(
        None,
        alias="from",
        description='Annex 5.5 "-dən": the first day (Baku) of the suspension, today if absent',
    )
    until: date | None = Field(
        None, description='Annex 5.5 "-dək": the last day (Baku) of the suspension, if it ends'
    )

    @model_validator(mode="after")
    def _complete(self) -> "HolderApplication":
        if self.addressed_to == "embassy" and not self.embassy:
            raise PydanticCustomError("certificates.embassy-required", "embassy required")
        if self.action != "suspend" and (self.from_day or self.until):
            raise PydanticCustomError("certificates.dates-only-suspension", "suspension only")
        if self.from_day and self.until and self.until < self.from_day:
            raise PydanticCustomError("certificates.until-before-from", "until before from")
        return self


class ApplicationRecord(View):
    application_id: str
    serial: str
    action: Action
    reason: RevocationReason | None = None
    addressed_to: Literal["embassy", "center"]
    embassy: str | None = None
    received_at: datetime
    forwarded_at: datetime | None = Field(
        None, description="When the embassy forwarded it to the Center (at once, E13)"
    )
    from_day: date | None = Field(None, alias="from")
    until: date | None = None
    deadline: datetime | None = Field(
        None, description="By when the Center must have recorded it (§5.4: 1 business day)"
    )
    status: Literal["open", "decided"]
    free_of_charge: bool = False
    last_alert_at: datetime | None = None


class CompromiseReport(View):
    """The holder reports a compromise (seed 001 §3.5); the Center is asked to suspend at once."""

    event: CompromiseEvent
    addressed_to: Literal["embassy", "center"] = "center"
    embassy: Embassy | None = None
    details: Annotated[str, StringConstraints(max_length=2000), CleanLines] | None = None


class StoredReport(View):
    """A compromise report as stored (E13): a request to the Center until it acts on it."""

    report_id: str
    event: CompromiseEvent
    addressed_to: Literal["embassy", "center"] = "center"
    embassy: str | None = None
    details: str | None = None
    reported_at: datetime
    deadline: datetime | None = None
    status: Literal["open", "decided"] | None = None
    last_alert_at: datetime | None = None


class ReportRecord(View):
    report_id: str
    serial: str
    event: CompromiseEvent
    reported_at: datetime
    deadline: datetime | None = None
    certificate: Certificate


class CenterRequest(View):
    """One entry of a Center's task list: a holder's application or compromise report not yet
    acted on (E13), with its deadline (§5.4) and the last alert about it."""

    kind: Literal["application", "compromise-report"]
    id: str
    serial: str
    action: Action | None = Field(None, description="None for a report: the Center decides")
    event: CompromiseEvent | None = None
    reason: RevocationReason | None = None
    from_day: date | None = Field(None, alias="from")
    until: date | None = None
    embassy: str | None = None
    received_at: datetime
    deadline: datetime
    overdue: bool
    last_alert_at: datetime | None = None


class CenterRequests(View):
    requests: list[CenterRequest]


class CenterCompromise(View):
    """A Center's own signing key was compromised (seed 001 §3.6)."""

    incident_id: Text = Field(description="The compromise report of the Center's key")


class CenterCompromiseAccepted(View):
    center: Center
    incident_id: str
    accepted_at: datetime


class Verification(View):
    """The record as stored now, recomputed into its leaf and proven in the signed log (E15)."""

    serial: str
    log_index: int
    tree_size: int
    checkpoint: str
    checkpoint_signature_valid: bool
    record_matches_leaf: bool
    record_is_latest: bool = Field(
        description="The record is at the certificate's newest leaf, not an older version's"
    )
    inclusion_verified: bool
    verified: bool


class HolderCertificates(View):
    certificates: list[Certificate]
