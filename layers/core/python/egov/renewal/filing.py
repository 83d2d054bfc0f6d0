"""Filling in, signing and sending a renewal application (R3–R7).

`file` checks the window (R3) and the form against the registries (R4, R5: the VÖEN in the tax
registry; R7: whether the applicant is the head of the VÖEN's taxpayer), fills the personal and
ASAN İmza data in from the population registry, the certificate and the login (not editable),
draws up the application and the certificate-services contract (`egov.renewal.documents`) and
asks the applicant's phone to sign both with PIN2 (`egov.platform.mobile_id`).

`complete` takes the signature once given, checks that it covers exactly these documents, and
sends the application: in one transaction the application's status, the one-renewal-per-
certificate guard, the cabinet's copy, the audit entry, the applicant's notice and the start of
the workflow (statemachines/renewal.asl.json) through the outbox.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from egov.certificates import registry
from egov.platform import (
    adapters,
    applications,
    audit,
    auth,
    calendar,
    clock,
    i18n,
    mobile_id,
    notify,
    outbox,
    tasks,
)
from egov.platform.auth import Principal
from egov.platform.models import View
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from egov.platform.repository import Item, Transaction
from egov.renewal import deadlines, documents, listing, records, workflow
from egov.renewal.form import CENTRES, RenewalForm, check
from egov.renewal.records import RENEWAL, SERVICE, key, load, renewing, subject
from egov.renewal.window import window

STATE_MACHINE_ENV = "RENEWAL_STATE_MACHINE"

i18n.register(
    {
        "renewal.business-required": {
            "az": "İş və dövlət sertifikatı üçün təşkilatın məlumatlarını doldurun",
            "en": "Fill in the organisation's data for a business or state certificate",
        },
        "renewal.business-not-applicable": {
            "az": "Şəxsi sertifikat üçün təşkilat məlumatları verilmir",
            "en": "A personal certificate takes no organisation data",
        },
        "renewal.taxpayer-inactive": {
            "az": "Bu VÖEN üzrə vergi ödəyicisi fəaliyyətdə deyil",
            "en": "The taxpayer with this VÖEN is not active",
        },
        "renewal.attorney-required": {
            "az": "Rəhbər şəxs olmadığınız üçün etibarnamə məlumatlarını doldurun",
            "en": "You are not the head: fill in the power of attorney",
        },
        "renewal.attorney-not-needed": {
            "az": "Rəhbər şəxs üçün etibarnamə tələb olunmur",
            "en": "The head needs no power of attorney",
        },
        "renewal.attorney-voen-mismatch": {
            "az": "Etibarnamədəki VÖEN sertifikatın təşkilatının VÖEN-i ilə eyni olmalıdır",
            "en": "The power of attorney's VÖEN must be the certificate organisation's",
        },
        "renewal.attorney-fin-mismatch": {
            "az": "Etibarnamə ərizəçinin özünə verilir: FİN ərizəçinin FİN-i olmalıdır",
            "en": "The power of attorney is given to the applicant: the FIN must be theirs",
        },
        "renewal.not-signing": {
            "az": "Bu müraciət artıq imzalanıb və göndərilib",
            "en": "This application has already been signed and sent",
        },
        "renewal.sign.text": {
            "az": "ASAN İmza sertifikatının yenilənməsi: ərizə və müqavilə",
            "en": "Renewal of an ASAN İmza certificate: application and contract",
        },
        "renewal.title": {
            "az": "ASAN İmza sertifikatının yenilənməsi ({number})",
            "en": "Renewal of an ASAN İmza certificate ({number})",
        },
        "renewal.filed.title": {
            "az": "Yenilənmə müraciətiniz göndərildi",
            "en": "Your renewal application has been sent",
        },
        "renewal.filed.body": {
            "az": "{number} nömrəli ərizə və müqavilə ASAN İmza ilə imzalandı. Köhnə sertifikatın "
            "müddəti bitdikdən sonra {activationDeadline} tarixinədək mobil operatorda xidməti "
            "aktivləşdirin, əks halda müraciət ləğv olunur.",
            "en": "Application {number} and the contract were signed with ASAN İmza. After the "
            "old certificate expires, activate the service at your mobile operator by "
            "{activationDeadline}, or the application is cancelled.",
        },
        "renewal.filed-attorney.title": {
            "az": "Yenilənmə müraciətiniz rəhbərin təsdiqinə göndərildi",
            "en": "Your renewal application went to the head for approval",
        },
        "renewal.filed-attorney.body": {
            "az": "{number} nömrəli ərizə imzalandı; etibarnamə rəhbərin kabinetinə göndərildi. "
            "Rəhbər {attorneyDeadline} tarixinədək təsdiqləmədikdə müraciət ləğv olunacaq.",
            "en": "Application {number} was signed; the power of attorney went to the head's "
            "cabinet. If the head has not approved it by {attorneyDeadline}, the application "
            "is cancelled.",
        },
    }
)


class Started(View):
    application_id: str
    registration_number: str
    session_id: str
    verification_code: str
    expires_at: str


class Application(View):
    application_id: str
    registration_number: str
    certificate_serial: str
    type: str
    status: records.Status
    centre: str
    personal: dict[str, Any]
    asan: dict[str, Any]
    business: dict[str, Any] | None = None
    attorney: dict[str, Any] | None = None
    channel: str
    attorney_deadline: str | None = None
    activation_deadline: str | None = None
    reason: str | None = None
    documents: dict[str, Any]
    signature: dict[str, Any] | None = None


def view(item: Item) -> Application:
    form = item["form"]
    return Application(
        application_id=item["applicationId"],
        registration_number=item["registrationNumber"],
        certificate_serial=item["certificateSerial"],
        type=item["type"],
        status=item["status"],
        centre=form["centre"],
        personal=item["personal"],
        asan=item["asan"],
        business=form.get("business"),
        attorney=form.get("attorney"),
        channel=form["channel"],
        attorney_deadline=item.get("attorneyDeadline"),
        activation_deadline=item.get("activationDeadline"),
        reason=item.get("reason"),
        documents=item["documents"],
        signature=item.get("signature"),
    )


def owned(application_id: str, caller: Principal) -> Item:
    item = load(application_id)
    if item["owner"] != caller.user_id:
        raise NotFound("renewal.unknown", field="applicationId")
    return item


def _organisation(form: RenewalForm, use: str, fin: str) -> dict[str, Any] | None:
    """R5, R7: the organisation's data and who must sign the power of attorney (its head)."""
    if use == "personal":
        if form.business or form.attorney:
            raise Invalid("renewal.business-not-applicable", field="business")
        return None
    if form.business is None:
        raise Invalid("renewal.business-required", field="business")
    taxpayer = adapters.tax().taxpayer(form.business.voen, field="business.voen")
    if taxpayer.status != "active":
        raise Invalid("renewal.taxpayer-inactive", field="business.voen")
    is_head = taxpayer.head.fin == fin
    if is_head and form.attorney:
        raise Invalid("renewal.attorney-not-needed", field="attorney")
    if not is_head:
        if form.attorney is None:
            raise Invalid("renewal.attorney-required", field="attorney")
        if form.attorney.voen != form.business.voen:
            raise Invalid("renewal.attorney-voen-mismatch", field="attorney.voen")
        if form.attorney.fin != fin:
            raise Invalid("renewal.attorney-fin-mismatch", field="attorney.fin")
    return {
        "taxpayer": taxpayer.name,
        "head": None if is_head else {"fin": taxpayer.head.fin, "name": taxpayer.head.full_name},
    }


def file(serial: str, form: RenewalForm, caller: Principal, lang: i18n.Lang) -> Started:
    """R3–R6: check, fill in, draw up the documents, and ask the phone for the signature."""
    check(form)
    cert, _ = registry.load(serial)
    if cert.holder.user_id != caller.user_id:
        raise Forbidden("renewal.not-yours", field="serial")
    if not listing.is_asan(cert):
        raise Conflict("renewal.not-asan", field="serial")
    opens = window(cert.status, cert.valid_to, clock.now())
    if not opens.open:
        raise Conflict(
            f"renewal.window.{opens.closed_because}",
            field="serial",
            params={"opensOn": opens.opens_on.isoformat()},
        )
    if RENEWAL.get(renewing(serial), "GUARD"):
        raise Conflict("renewal.already-renewing", field="serial")
    fin, sim = mobile_id.fin_of(caller.user_id), mobile_id.sim_of(caller.user_id)
    if fin is None or sim is None:
        raise Forbidden("renewal.asan-login-required")
    organisation = _organisation(form, cert.use, fin)
    if form.corporate_voen:
        adapters.tax().taxpayer(form.corporate_voen, field="corporateVoen")
    person = adapters.population().person(fin)
    application_id = uuid.uuid4().hex
    number = f"R-{calendar.baku_day(clock.now()):%Y%m%d}-{secrets.token_hex(3).upper()}"
    personal = {
        "surname": person.surname,
        "name": person.name,
        "patronymic": person.patronymic,
        "fin": fin,
        "documentType": "Şəxsiyyət vəsiqəsi",
        "documentNumber": person.document_number,
    }
    asan = {"number": cert.carrier.id, "userId": sim.user_id}
    entered = form.model_dump(mode="json", by_alias=True, exclude={"secret_answer"})
    application = {
        "type": "application",
        "number": number,
        "service": "Qüvvədə olan Asan İmza ilə yeni sertifikatın alınmasına dair müraciət",
        "centre": {"code": form.centre, "name": CENTRES[form.centre]["az"]},
        "certificate": {"serial": serial, "type": cert.use, "validTo": clock.iso(cert.valid_to)},
        "personal": personal,
        "asan": asan,
        **{k: v for k, v in entered.items() if k not in ("centre", "confirmed")},
        "confirmation": "Ərizə ilə tanış oldum və məlumatların doğruluğunu imzamla təsdiq edirəm",
    }
    holder: dict[str, Any] = {"role": "holder", "name": cert.holder.name, "fin": fin}
    parties = [{"role": "center", "code": "ASXM", "name": "Asan Sertifikat Xidmətləri Mərkəzi"}]
    if form.business:
        holder["organisation"] = {"voen": form.business.voen, "name": form.business.name}
    papers = {
        "application": application,
        "contract": documents.contract(
            f"ASXM-{number}", {"center": parties[0], "holder": holder}, application["certificate"]
        ),
    }
    power = (
        documents.attorney(
            f"E-{number}", form.attorney.model_dump(mode="json", by_alias=True), organisation
        )
        if form.attorney and organisation
        else None
    )
    digest = mobile_id.digest_of(documents.canonical(documents.manifest(papers)))
    challenge = mobile_id.start_signing(
        sim, digest, caller.user_id, i18n.text("renewal.sign.text", lang)
    )
    RENEWAL.put(
        {
            "pk": key(application_id)[0],
            "sk": key(application_id)[1],
            "applicationId": application_id,
            "registrationNumber": number,
            "owner": caller.user_id,
            "certificateSerial": serial,
            "type": cert.use,
            "validTo": clock.iso(cert.valid_to),
            "status": "signing",
            "version": 1,
            "form": entered,
            "secretAnswerHash": auth.hash_password(form.secret_answer),
            "personal": personal,
            "asan": asan,
            "organisation": organisation,
            "documents": papers,
            "attorneyDocument": power,
            "signingSession": challenge.session_id,
            "language": lang,
            "createdAt": clock.now_iso(),
        }
    )
    return Started(
        application_id=application_id,
        registration_number=number,
        session_id=challenge.session_id,
        verification_code=challenge.verification_code,
        expires_at=challenge.expires_at,
    )


def workflow_input(item: Item) -> dict[str, Any]:
    """The execution input of statemachines/renewal.asl.json."""
    attorney = item.get("attorneyDeadline")
    return {
        "applicationId": item["applicationId"],
        "subject": subject(item["applicationId"]),
        "correlationId": correlation_id(),
        "attorney": {
            "required": attorney is not None,
            **(tasks.until(clock.parse(attorney)) if attorney else {}),
        },
        "activation": tasks.until(clock.parse(item["activationDeadline"])),
        "payload": {
            "registrationNumber": item["registrationNumber"],
            "certificateSerial": item["certificateSerial"],
            "type": item["type"],
            "centre": item["form"]["centre"],
        },
    }


def contact(item: Item) -> dict[str, str | None]:
    """Where the applicant's notices go besides the cabinet: the channel they chose (R4)."""
    form = item["form"]
    if form["channel"] == "email":
        return {"email": form.get("email"), "sms": None}
    return {"email": None, "sms": form.get("contactMobile")}


def _day(moment: str | None) -> str:
    return calendar.baku_day(clock.parse(moment)).isoformat() if moment else ""


def complete(
    application_id: str, session_id: str, caller: Principal
) -> Application | mobile_id.Pending:
    """R6: the signature given, the application is sent (R7: first to the head)."""
    item = owned(application_id, caller)
    if item["status"] != "signing" or item["signingSession"] != session_id:
        raise Conflict("renewal.not-signing", field="sessionId")
    signed = mobile_id.signature(session_id, caller.user_id)
    if isinstance(signed, mobile_id.Pending):
        return signed
    signature = signed.model_dump(mode="json", by_alias=True)
    if not documents.signed_by_holder(item["documents"], signature):
        raise Unauthorized("mobile-id.signature-invalid", field="sessionId")
    now = clock.now()
    head = (item.get("organisation") or {}).get("head")
    changes: dict[str, Any] = {
        "signature": signature,
        "sentAt": clock.iso(now),
        "activationDeadline": clock.iso(deadlines.activation(clock.parse(item["validTo"]))),
        "status": "awaiting-attorney" if head else "awaiting-activation",
        "version": item["version"] + 1,
    }
    if head:
        head_user = mobile_id.account_of(head["fin"], head["name"])
        due = clock.iso(deadlines.attorney(now))
        changes.update(
            attorneyDeadline=due,
            headUserId=head_user,
            gsi1pk=f"HEAD#{head_user}",
            gsi1sk=f"{due}#{application_id}",
        )
    sent = {**item, **changes}
    tx = Transaction()
    tx.update(
        RENEWAL,
        *key(application_id),
        changes,
        expected={"status": "signing", "version": item["version"]},
        conflict=Conflict("renewal.not-signing", field="sessionId"),
    )
    pk, sk = workflow.activation_link(item)
    tx.put(RENEWAL, {"pk": pk, "sk": sk, "applicationId": application_id})
    tx.guard(
        RENEWAL,
        renewing(item["certificateSerial"]),
        application_id,
        Conflict("renewal.already-renewing", field="serial"),
    )
    applications.track(
        tx,
        caller.user_id,
        application_id,
        SERVICE,
        changes["status"],
        "renewal.title",
        actor=caller.actor,
        title_params={"number": item["registrationNumber"]},
        reference=item["registrationNumber"],
        link=f"/renewal/applications/{application_id}",
    )
    audit.record(
        tx,
        subject(application_id),
        "renewal-sent",
        caller.actor,
        owner=caller.user_id,
        before={"status": "signing"},
        after={k: v for k, v in changes.items() if k not in ("signature", "version")},
    )
    notify.send(
        caller.user_id,
        "renewal.filed-attorney" if head else "renewal.filed",
        {
            "number": item["registrationNumber"],
            "activationDeadline": _day(changes["activationDeadline"]),
            "attorneyDeadline": _day(changes.get("attorneyDeadline")),
        },
        subject_ref=subject(application_id),
        language=item.get("language", "az"),
        tx=tx,
        **contact(item),
    )
    outbox.start(tx, STATE_MACHINE_ENV, application_id, workflow_input(sent))
    tx.commit()
    return view(sent)
