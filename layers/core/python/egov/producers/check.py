"""Who is registering, from the registries (P2): a person by FIN, a legal entity by VÖEN.

The person never types name, gender, birth date or address: IAMAS gives them. A legal entity is
found in the tax registry; its head's civil record is then read by the head's FIN, because the
head is the one who registers and whose mobile number must be confirmed (P3).

Asked by anyone on the internet (`look_up`: "Yoxla" and the mobile confirmation), the registry
answers only to the holder of the ID card (issue 10 item 2): the FIN alone is printed on too many
papers, so the card's document number must match too, and an unknown FIN and a wrong number get
the same problem. Lookups are limited per source address and per FIN (or VÖEN) in 10 minutes
(the template's `RegistryLookupsPerSource` and `RegistryLookupsPerFin`), so nobody walks the
registry. An officer who sees the person in the office uses `identify` (P6).
"""

from __future__ import annotations

from egov.platform import adapters, aws, ratelimit
from egov.platform.problems import Invalid, NotFound
from egov.producers.models import Identity, IdentityCheck, Subject
from egov.producers.records import PRODUCERS

LOOKUP_WINDOW_SECONDS = 600


def look_up(request: IdentityCheck, source_ip: str | None) -> Identity:
    """The registry record for the holder of the ID card, within the lookup limits (429)."""
    limits = (
        (f"LOOKUP-SOURCE#{source_ip or 'unknown'}", "LOOKUPS_PER_SOURCE"),
        (f"LOOKUP-SUBJECT#{request.fin or request.voen}", "LOOKUPS_PER_FIN"),
    )
    for subject, limit in limits:
        ratelimit.take(
            PRODUCERS,
            subject,
            limit=int(aws.resource_name(limit)),
            window_seconds=LOOKUP_WINDOW_SECONDS,
            key="producers.lookups.rate-limited",
        )
    return identify(request, document_number=request.document_number)


def identify(subject: Subject, *, document_number: str | None = None) -> Identity:
    """The registry record of the subject; 404 naming `fin`/`voen` if a registry has none.

    With `document_number`, the person (a legal entity's head) must hold that ID card, and an
    unknown FIN is the same 404 as a wrong number.
    """
    if subject.person_kind == "natural":
        if subject.voen is not None:
            raise Invalid("producers.voen.not-for-natural", field="voen")
        if subject.fin is None:
            raise Invalid("field.required", field="fin")
        return _person(subject.fin, document_number=document_number)
    if subject.fin is not None:
        raise Invalid("producers.fin.not-for-legal", field="fin")
    if subject.voen is None:
        raise Invalid("field.required", field="voen")
    taxpayer = adapters.tax().taxpayer(subject.voen)
    if taxpayer.status != "active":
        raise Invalid("producers.voen.inactive", field="voen")
    head = _person(taxpayer.head.fin, field="voen", document_number=document_number)
    return head.model_copy(
        update={
            "person_kind": "legal",
            "voen": taxpayer.voen,
            "company_name": taxpayer.name,
            "legal_form": taxpayer.legal_form,
            "company_address": taxpayer.address,
        }
    )


def _person(fin: str, field: str = "fin", *, document_number: str | None = None) -> Identity:
    if document_number is None:
        person = adapters.population().person(fin, field=field)
    else:
        no_match = NotFound("producers.identity.no-match", field="documentNumber")
        try:
            person = adapters.population().person(fin, field=field)
        except NotFound:
            raise no_match from None
        if person.document_number != document_number:
            raise no_match
    return Identity(
        person_kind="natural",
        fin=person.fin,
        surname=person.surname,
        name=person.name,
        patronymic=person.patronymic,
        gender=person.gender,
        birth_date=person.birth_date,
        address=person.address,
    )
