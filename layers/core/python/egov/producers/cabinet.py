"""What a producer changes in the cabinet (P8): personal data, e-mail, phone, password,
deregistration.

Each change is one transaction with its audit entry; the record's `version` makes two changes
racing on one producer fail (409) instead of mixing. The login account keeps a copy of the
contact data, updated in the same transaction.

- Personal data (seed 000: "İstehsalçı özünə aid olan şəxsi məlumatları bu menyu vasitəsilə
  dəyişə bilər"): education and job (P3, optional) and the language of the notices (G2). The
  identity (name, FIN, birth date, address) is the population registry's and is not edited here.
- Phone: the same rules as at registration (the operators' registry names the producer, or the
  head of the legal entity; an SMS code to the new number; one number per producer). The new
  number's guard is claimed and the old number's released in the same transaction.
- Password: the old password is required; the account's session counter is bumped, so every
  token issued before stops working at once (`egov.platform.auth.principal` compares it).
- Deregistration: the account is closed (sessions revoked) and the record kept with status
  `closed` for the audit. The username and mobile guards are released, so another person may
  take them; the FIN/VÖEN guard stays, so a closed producer does not silently re-register:
  coming back is a matter for an officer.

The login account's side of each change (contact copy, password, closing and the username
guard) is `egov.platform.auth`'s, as parts of the same transaction.
"""

from pydantic import Field, SecretStr
from pydantic_core import PydanticCustomError

from egov.platform import applications, audit, auth, clock, i18n
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.problems import Conflict, Invalid
from egov.platform.repository import Item, Transaction
from egov.producers import catalog, confirmations, verification
from egov.producers.models import (
    Code,
    ConfirmationId,
    Email,
    MobileConfirmation,
    Model,
    Producer,
    ShortText,
    check_password,
)
from egov.producers.records import (
    PRODUCERS,
    ProducerRecord,
    changed,
    load,
    mobile_guard,
    producer_pk,
    save,
    view,
)


class EmailChange(Model):
    # Required: a body without it is a mistake (422), not a removal; `null` removes it.
    email: Email | None = Field(description="The new address, or null to remove it")


class PersonalData(Model):
    """The fields the person filled in himself; `null` clears education or job."""

    education: ShortText | None = Field(description="P3: optional; null clears it")
    job: ShortText | None = Field(description="P3: optional; null clears it")
    language: i18n.Lang = Field(description="G2: the language of every notice (az or en)")


class MobileRequest(Model):
    mobile: MobileNumber


class MobileChange(Model):
    mobile: MobileNumber
    confirmation_id: ConfirmationId
    code: Code


class PasswordChange(Model):
    old_password: SecretStr
    new_password: SecretStr


class Deregistration(Model):
    password: SecretStr


def _actor(user_id: str) -> audit.Actor:
    return audit.Actor(user_id, "citizen")


def _open_record(user_id: str) -> ProducerRecord:
    record = load(user_id)
    if record.status == "closed":
        raise Conflict("producers.closed")
    return record


def _require_password(user_id: str, password: SecretStr, field: str) -> Item:
    account = auth.account(user_id)
    if account is None or not auth.password_matches(
        account.get("passwordHash"), password.get_secret_value()
    ):
        raise Invalid("producers.password.wrong", field=field)
    return account


def change_email(user_id: str, body: EmailChange) -> Producer:
    record = _open_record(user_id)
    tx = Transaction()
    save(tx, record, email=body.email or None)
    auth.change_contact(tx, user_id, email=body.email, conflict=changed())
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-email-changed",
        _actor(user_id),
        owner=user_id,
        before={"email": record.email},
        after={"email": body.email},
    )
    tx.commit()
    return view(load(user_id))


def change_personal_data(user_id: str, body: PersonalData) -> Producer:
    record = _open_record(user_id)
    fields = {"education", "job", "language"}
    new = body.model_dump(include=fields)
    tx = Transaction()
    save(tx, record, **new)
    auth.change_contact(tx, user_id, language=body.language, conflict=changed())
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-personal-data-changed",
        _actor(user_id),
        owner=user_id,
        before=record.model_dump(include=fields),
        after=new,
    )
    tx.commit()
    return view(load(user_id))


def request_mobile_code(user_id: str, body: MobileRequest, lang: i18n.Lang) -> MobileConfirmation:
    """P8: a code to the new number, if the registry says it is the producer's (or head's)."""
    record = _open_record(user_id)
    fin = record.identity.fin
    confirmations.ensure_owner(body.mobile, fin)
    confirmations.ensure_free(body.mobile)
    return confirmations.send_code(body.mobile, fin, lang, "change")


def change_mobile(user_id: str, body: MobileChange) -> Producer:
    record = _open_record(user_id)
    confirmation = confirmations.verify(
        body.confirmation_id, body.code, mobile=body.mobile, owner_fin=record.identity.fin
    )
    tx = Transaction()
    tx.guard(
        PRODUCERS,
        mobile_guard(body.mobile),
        user_id,
        Conflict("producers.mobile-taken", field="mobile"),
    )
    tx.release(PRODUCERS, mobile_guard(record.mobile), user_id)
    save(tx, record, mobile=body.mobile)
    auth.change_contact(tx, user_id, mobile=body.mobile, conflict=changed())
    confirmations.consume(tx, confirmation, body.confirmation_id, user_id)
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-mobile-changed",
        _actor(user_id),
        owner=user_id,
        before={"mobile": record.mobile},
        after={"mobile": body.mobile},
    )
    tx.commit()
    return view(load(user_id))


def change_password(user_id: str, body: PasswordChange) -> None:
    record = _open_record(user_id)
    account = _require_password(user_id, body.old_password, "oldPassword")
    try:
        check_password(body.new_password.get_secret_value(), record.username)
    except PydanticCustomError as bad:
        raise Invalid(bad.type, field="newPassword") from bad
    tx = Transaction()
    auth.set_password(
        tx,
        user_id,
        body.new_password.get_secret_value(),
        expected_session=account.get("session", 0),
        conflict=changed(),
    )
    audit.record(
        tx, producer_pk(user_id), "producer-password-changed", _actor(user_id), owner=user_id
    )
    tx.commit()


def deregister(user_id: str, body: Deregistration) -> None:
    """P8: close the account, keep the record, free username and mobile (module docstring)."""
    record = _open_record(user_id)
    account = _require_password(user_id, body.password, "password")
    tx = Transaction()
    # Leaving `approved` takes the record out of the public lists (`records.stored_item`).
    save(tx, record, status="closed", closed_at=clock.now_iso())
    catalog.hide_products(tx, user_id)
    verification.withdraw(tx, record)
    auth.close(tx, user_id, expected_session=account.get("session", 0), conflict=changed())
    tx.release(PRODUCERS, mobile_guard(record.mobile), user_id)
    applications.advance(tx, user_id, user_id, "producers", "closed", actor=_actor(user_id))
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-deregistered",
        _actor(user_id),
        owner=user_id,
        before={"status": record.status},
        after={"status": "closed", "released": ["username", "mobile"]},
    )
    tx.commit()
