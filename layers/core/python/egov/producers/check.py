"""Who is registering, from the registries (P2): a person by FIN, a legal entity by VÖEN.

The person never types name, gender, birth date or address: IAMAS gives them. A legal entity is
found in the tax registry; its head's civil record is then read by the head's FIN, because the
head is the one who registers and whose mobile number must be confirmed (P3).
"""

from __future__ import annotations

from egov.platform import adapters, i18n
from egov.platform.problems import Invalid
from egov.producers.models import Identity, Subject

i18n.register(
    {
        "producers.voen.inactive": {
            "az": "Bu VÖEN üzrə vergi ödəyicisi fəaliyyətdə deyil (ləğv edilib)",
            "en": "The taxpayer with this VÖEN is no longer active (liquidated)",
        },
        "producers.fin.not-for-legal": {
            "az": "Hüquqi şəxs VÖEN ilə yoxlanılır; FİN sahəsini boş saxlayın",
            "en": "A legal entity is checked by its VÖEN; leave the FIN empty",
        },
        "producers.voen.not-for-natural": {
            "az": "Fiziki şəxs FİN ilə yoxlanılır; VÖEN sahəsini boş saxlayın",
            "en": "A natural person is checked by FIN; leave the VÖEN empty",
        },
    }
)


def identify(subject: Subject) -> Identity:
    """The registry record of the subject; 404 naming `fin`/`voen` if a registry has none."""
    if subject.person_kind == "natural":
        if subject.voen is not None:
            raise Invalid("producers.voen.not-for-natural", field="voen")
        if subject.fin is None:
            raise Invalid("field.required", field="fin")
        return _person(subject.fin)
    if subject.fin is not None:
        raise Invalid("producers.fin.not-for-legal", field="fin")
    if subject.voen is None:
        raise Invalid("field.required", field="voen")
    taxpayer = adapters.tax().taxpayer(subject.voen)
    if taxpayer.status != "active":
        raise Invalid("producers.voen.inactive", field="voen")
    head = _person(taxpayer.head.fin, field="voen")
    return head.model_copy(
        update={
            "person_kind": "legal",
            "voen": taxpayer.voen,
            "company_name": taxpayer.name,
            "legal_form": taxpayer.legal_form,
            "company_address": taxpayer.address,
        }
    )


def _person(fin: str, field: str = "fin") -> Identity:
    person = adapters.population().person(fin, field=field)
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
