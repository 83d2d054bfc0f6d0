"""Service 2 of the annex: the holder changes the data of his initial application (E2, E15).

Seed 001, annex: "Sertifikat xidmətlərinin göstərilməsi ilə bağlı aşağıda qeyd olunan sahələrdən
biri seçilir: … 2 - ilkin ərizə məlumatlarında dəyişiklik edilməsi"; §5.5.2: "məlumatlarda imza
sahibinin icazəsi olmadan dəyişiklik edilməməlidir". The reading (what, by whom, until when) is
in `egov.esign.changes`. The initial application and its certificate are set up directly (the
issuance chain has its own workflow tests); the change goes through the real handlers.
"""

from __future__ import annotations

import base64
import copy
import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from egov.certificates import issuance, registry
from egov.certificates.models import Carrier, Contact, Holder, IssueRequest
from egov.esign.records import ESIGN, Draft, key, subject
from egov.platform import audit, clock
from egov.platform.audit import Actor
from egov.platform.repository import Table, Transaction
from tests.conftest import EVENTS, LocalAws
from tests.helpers import call
from tests.workflow.test_esign_review import account

ISSUED_FORM: dict[str, Any] = Draft.model_validate_json(
    (EVENTS / "esign_application.json").read_text()
).model_dump(mode="json", by_alias=True, exclude_none=True)  # as a submitted form is stored


def holder_with_certificate() -> tuple[str, str, str, str]:
    """A citizen whose application was issued a certificate: (owner, token, application, serial)."""
    owner, token = account("citizen")
    application_id = uuid.uuid4().hex
    now = clock.now_iso()
    ESIGN.put(
        {
            "pk": key(application_id)[0],
            "sk": key(application_id)[1],
            "applicationId": application_id,
            "owner": owner,
            "status": "issued",
            "form": ISSUED_FORM,
            "registrationNumber": "ES-2026-000042",
            "virtualFin": "V1RTU4L",
            "createdAt": now,
            "updatedAt": now,
            "version": 7,
        }
    )
    der = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    )
    cert = issuance.issue(
        IssueRequest(
            center="EIMZA",
            holder=Holder(name="Müller Jürgen", virtual_fin="V1RTU4L", user_id=owner),
            contact=Contact(email=ISSUED_FORM["applicant"]["email"]),
            carrier=Carrier(kind="token", id="TKN-2026-0042"),
            use="personal",
            public_key=base64.b64encode(der).decode(),
            disclosure_consent=True,
            embassy="EMB-DE",
            application_id=application_id,
        ),
        Actor(id="officer-emb-de", role="officer"),
    )
    ESIGN.update(*key(application_id), {"certificateSerial": cert.serial})
    return owner, token, application_id, cert.serial


def change_form(serial: str, **applicant: Any) -> dict[str, Any]:
    form = copy.deepcopy(ISSUED_FORM)
    form["service"] = "change-data"
    form["other"] = {"certificateSerial": serial}
    form["applicant"] |= applicant
    return form


def file_change(local_aws: LocalAws, token: str, form: dict[str, Any]) -> tuple[int, Any]:
    status, saved = call(local_aws, "POST", "/esign/applications", token=token, body=form)[:2]
    assert status == 201, saved
    path = f"/esign/applications/{saved['applicationId']}/submit"
    return call(local_aws, "POST", path, token=token)[:2]


def inbox(owner: str) -> list[dict[str, Any]]:
    return Table("PLATFORM_TABLE").query(f"USER#{owner}", sk_prefix="INBOX#").items


def test_e2_service_2_the_holder_changes_his_contact_data_at_once(local_aws: LocalAws) -> None:
    """E2 annex "2 - ilkin ərizə məlumatlarında dəyişiklik edilməsi", §5.5.2 "imza sahibinin
    icazəsi olmadan dəyişiklik edilməməlidir": the holder's own change is made at once; the
    initial application carries the new data, the certificate's notices go to the new e-mail,
    both addresses are told, the audit names the fields."""
    owner, token, application_id, serial = holder_with_certificate()
    new_phones = {"mobile": "+4915199887766", "work": "+49891234567"}
    form = change_form(serial, email="juergen.mueller@example.de", phones=new_phones)
    status, change = file_change(local_aws, token, form)

    assert status == 200, change
    assert change["status"] == "data-changed"
    initial = ESIGN.get(*key(application_id))
    assert initial is not None and initial["status"] == "issued" and initial["version"] == 8
    assert initial["form"]["applicant"]["email"] == "juergen.mueller@example.de"
    assert initial["form"]["applicant"]["phones"] == new_phones
    assert initial["form"]["service"] == "issue"  # still the issuing application
    assert initial["dataChanges"][0]["fields"] == ["applicant.email", "applicant.phones"]
    assert initial["dataChanges"][0]["applicationId"] == change["applicationId"]
    contact = registry.CERTIFICATES.get(f"CERT#{serial}", "CONTACT")
    assert contact is not None and contact["email"] == "juergen.mueller@example.de"
    cert, _ = registry.load(serial)
    assert cert.status == "active" and cert.version == 1  # the registry record is untouched

    entries = audit.trail(subject(application_id)).items
    changed = [e for e in entries if e["action"] == "esign-data-changed"]
    assert changed and changed[0]["after"]["fields"] == ["applicant.email", "applicant.phones"]
    assert "secretAnswer" not in json.dumps(changed[0])
    assert "esign.data-changed" in [i["key"] for i in inbox(owner)]
    emails = {
        m["to"]
        for m in Table("PLATFORM_TABLE").scan_prefix("NOTIFICATION#")
        if m.get("key") == "esign.data-changed" and m.get("channel") == "email"
    }
    assert emails == {"j.mueller@example.de", "juergen.mueller@example.de"}


def test_e2_service_2_cannot_change_what_was_reviewed_and_certified(local_aws: LocalAws) -> None:
    """E2, §2.12–2.14 (the embassy compares "portalda … təqdim olunmuş sənədlərin" originals) and
    §5.2.2 (holder data in the registry): identity, carrier and use are a new issue, not a
    change; each is named, nothing changes."""
    _, token, application_id, serial = holder_with_certificate()
    form = change_form(serial, surname="Mueller", email="new@example.de")
    form["applicant"]["idDocument"] = form["applicant"]["idDocument"] | {"number": "C99X00T47"}
    status, problem = file_change(local_aws, token, form)

    assert status == 422, problem
    assert {e["field"] for e in problem["errors"]} == {"applicant.surname", "applicant.idDocument"}
    initial = ESIGN.get(*key(application_id))
    assert initial is not None and initial["version"] == 7
    assert initial["form"]["applicant"]["email"] == ISSUED_FORM["applicant"]["email"]


def test_e2_service_2_only_the_holder_and_only_while_the_certificate_lives(
    local_aws: LocalAws,
) -> None:
    """§5.5.2: nobody but the holder changes his data (another citizen's serial is unknown to
    him); an ended certificate (revoked) has no data left to change (409)."""
    _, _, application_id, serial = holder_with_certificate()
    _, stranger = account("citizen")
    status, problem = file_change(local_aws, stranger, change_form(serial, email="x@example.de"))
    assert (status, problem["errors"][0]["field"]) == (422, "other.certificateSerial")

    _, token, _, revoked = holder_with_certificate()
    tx = Transaction()
    tx.update(registry.CERTIFICATES, *registry.cert_key(revoked), {"status": "revoked"})
    tx.commit()
    status, problem = file_change(local_aws, token, change_form(revoked, email="x@example.de"))
    assert (status, problem["errors"][0]["field"]) == (409, "other.certificateSerial")
    initial = ESIGN.get(*key(application_id))
    assert initial is not None and initial["version"] == 7
