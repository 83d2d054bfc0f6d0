"""Demo data loaded into a fresh local stack.

`seed` runs every step of `STEPS` in order; each step is a small function that creates one
agency's (or one team's) demo data through the platform's own code, and is idempotent, so a
stack that restarts on kept data seeds again safely. Add your service's demo data as another
step. The accounts here are listed, with their passwords, in docs/demo-accounts.md: demo
credentials for the local stack only, never used anywhere else.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devstack.simulators import asan_imza
from egov.certificates import issuance as registration
from egov.certificates.models import Carrier, Certificate, Holder, IssueRequest, Use
from egov.platform import accounts, audit, auth, clock, mobile_id
from egov.platform.problems import Conflict
from egov.renewal import issuance

SEEDER = audit.Actor.system("demo")
STAFF_PASSWORD = "demo-parol-2026"


def staff(
    username: str,
    name: str,
    role: auth.Role,
    agency: str | None = None,
    office: str | None = None,
    email: str | None = None,
) -> str:
    """A person's demo account (password `STAFF_PASSWORD`); its user id."""
    new = accounts.NewAccount(
        username=username,
        password=STAFF_PASSWORD,
        role=role,
        name=name,
        agency=agency,
        office=office,
        email=email,
    )
    return accounts.ensure(new, SEEDER)


def agency_secret(client_id: str) -> str:
    return f"{client_id}-demo-secret-2026"


def agency_system(client_id: str, agency: str, name: str) -> str:
    """An agency system's demo client credentials (secret `agency_secret(client_id)`)."""
    new = accounts.NewClient(
        clientId=client_id, clientSecret=agency_secret(client_id), agency=agency, name=name
    )
    return accounts.ensure_client(new, SEEDER)


def operator() -> None:
    staff("operator", "Rəşad Abbasov (platforma operatoru)", "operator", email="operator@egov.az")


def agriculture() -> None:
    staff(
        "mkt.officer",
        "Aygün Hüseynova",
        "officer",
        agency="MKT",
        office="MKT-SEKI",
        email="aygun.huseynova@agro.gov.az",
    )


def asan_service() -> None:
    staff("asan.officer", "Nərmin Qasımova", "officer", agency="ASAN", office="ASAN-BAKI-1")


def internal_affairs() -> None:
    staff("din.officer", "Elçin Məmmədov", "officer", agency="DIN", office="DIN-MIQRASIYA")
    agency_system("din-system", "DIN", "Daxili İşlər Nazirliyi")


def foreign_affairs() -> None:
    staff("xin.officer", "Leyla İsmayılova", "officer", agency="XIN", office="XIN-KONSUL")
    agency_system("xin-system", "XIN", "Xarici İşlər Nazirliyi")


def state_security() -> None:
    staff("dtx.officer", "Tural Əliyev", "officer", agency="DTX")
    agency_system("dtx-system", "DTX", "Dövlət Təhlükəsizliyi Xidməti")


def foreign_intelligence() -> None:
    staff("xkx.officer", "Samir Quliyev", "officer", agency="XKX")
    agency_system("xkx-system", "XKX", "Xarici Kəşfiyyat Xidməti")


def certificate_centres() -> None:
    staff("eimza.center", "Günel Rzayeva", "center", agency="EIMZA", office="EIMZA-BAKI")
    staff("asxm.center", "Fərid Səfərov", "center", agency="ASXM", office="ASXM-BAKI")


def embassy() -> None:
    staff("emb-de.officer", "Kamran Şükürov", "officer", agency="EMB-DE", office="BERLIN")


def nonresident_applicant() -> None:
    """A foreigner living in Germany who applies for an e-signature certificate (E1)."""
    staff("j.mueller", "Jürgen Müller", "citizen", email="j.mueller@example.de")


PARTNER_EMAIL = "h.weber@feinkost.example"


def partner_key() -> Ed25519PrivateKey:
    """The demo partner's e-signature key, derived from a public phrase: demo data only."""
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(b"egov demo: feinkost.partner e-imza token").digest()
    )


def export_partner() -> None:
    """A foreign business partner of the e-contracts (X2): a non-resident with a portal account
    and an E-imza token certificate `good` in the registry, whose key is `partner_key()`."""
    user_id = staff("feinkost.partner", "Hanna Weber", "citizen", email=PARTNER_EMAIL)
    public = (
        partner_key().public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    )
    request = IssueRequest(
        center="EIMZA",
        holder=Holder(name="Hanna Weber", virtual_fin="V3WEB7H", user_id=user_id),
        carrier=Carrier(kind="token", id="EIMZA-T-20261"),
        use="business",
        public_key=base64.b64encode(public).decode(),
        disclosure_consent=False,
        embassy="EMB-DE",
        application_id="demo-feinkost-partner",
    )
    with contextlib.suppress(Conflict):
        registration.issue(request, SEEDER)


def customs() -> None:
    """A customs officer, an importer who heads "Göygöl Aqro" MMC, and its goods at the border
    (C1-C3): two not yet cleared, one whose delivery deadline has passed."""
    from datetime import timedelta

    from egov.customs import registry
    from egov.customs.goods import Registration
    from egov.platform import clock

    staff("dgk.officer", "Vüsal Nəbiyev", "officer", agency="DGK", office="DGK-BAKI")
    importer = staff("goygol.importer", "Məmmədov Elşən Rəşid oğlu", "citizen")
    # The link an ASAN İmza login makes (C1); the tax registry shows this FIN heading 1400500071.
    mobile_id.link_fin(importer, "5ZK8M2P")
    now = clock.now()
    for barcode, hs, what, value, currency, hours, ago in (
        ("AZ2026120100017", "8479820000", "Avadanlıq və s.", 56839, "EUR", 36, 2),
        ("AZ2026120100018", "3808941000", "Kimyəvi maddə və s.", 577963.3, "EUR", 24, 30),
        ("AZ2026120100019", "0808108000", "Alma, təzə", 12400, "USD", 48, 1),
    ):
        registry.register(
            Registration(
                barcode=barcode,
                importer_voen="1400500071",
                hs_code=hs,
                description=what,
                invoice_value=value,
                currency=currency,
                weight_kg=528.1,
                packages=15,
                exporter="Anadolu Makina A.Ş.",
                waybill="JX77976216",
                invoice="0278",
                transport="10AB123",
                registering_office="ASTARA",
                destination_office="BAKI",
                delivery_hours=hours,
                registered_at=now - timedelta(hours=ago),
            ),
            SEEDER,
        )


def export_catalogue() -> None:
    """Goods made in Azerbaijan with their producers, named from the tax registry (X1)."""
    from egov.export import catalogue

    if catalogue.search(limit=1).items:
        return
    for az, en, hs, voen in (
        ("Fındıq ləpəsi, qovrulmuş", "Roasted hazelnut kernels", "0802220000", "1400500071"),
        ("Nar şirəsi", "Pomegranate juice", "2009890000", "1400500071"),
        ("Şəki ipəyi, xam", "Raw Shaki silk", "5002000000", "1700400081"),
        ("İpək kəlağayı", "Silk kelaghayi headscarf", "6214100000", "1700400081"),
        ("Qara çay, Lənkəran", "Black tea from Lankaran", "0902300000", "2000600092"),
    ):
        catalogue.add(
            catalogue.NewEntry(name_az=az, name_en=en, hs_code=hs, producer_voen=voen), SEEDER
        )


def export_center() -> None:
    """The Center (the azexport portal's operator): its executive director signs free-sale
    certificates (X7, seed 001 part 2, §10.3.5.4)."""
    staff("iitkm.director", "Nigar Həsənova (İcraçı direktor)", "officer", agency="IITKM")


def _square(west: float, south: float, size: float = 0.004) -> dict[str, object]:
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# Two farmers near Şəki whose fields overlap by a strip, so the map and both cabinets show a flag.
EKTIS_FARMERS = [
    (
        "fermer.elshan",
        "Elşən Məmmədov",
        "5ZK8M2P",
        "+994501234567",
        47.1700,
        41.1000,
        "AZ-SEKI-0001",
    ),
    (
        "fermer.gunay",
        "Günay Əliyeva",
        "2HQ4R7T",
        "+994552345678",
        47.1735,
        41.1000,
        "AZ-SEKI-0002",
    ),
]


def ektis_farmers() -> None:
    """Farmers registered in EKTİS from the population registry simulator, each with a parcel
    (A2, A8); the second parcel overlaps the first."""
    from egov.ektis import geometry, parcels, subjects
    from egov.ektis.models import Contacts, ParcelDeclaration, Registration
    from egov.platform.problems import Conflict, NotFound

    for username, name, fin, mobile, lon, lat, cadastre in EKTIS_FARMERS:
        user_id = staff(username, name, "citizen")
        # EKTİS registers identified persons only (seed 004 §4.9): the link an ASAN İmza login
        # makes, as for the customs importer.
        mobile_id.link_fin(user_id, fin)
        caller = auth.Principal(user_id=user_id, role="citizen", name=name)
        try:
            subjects.of_owner(user_id)
        except NotFound:
            subjects.register(
                Registration(
                    person_kind="natural",
                    fin=fin,
                    kinds=["farmer"],
                    activities=["crops"],
                    contacts=Contacts(mobile=mobile),
                ),
                caller,
            )
        shape = _square(lon, lat)
        declaration = ParcelDeclaration(
            cadastre_id=cadastre,
            area_ha=round(geometry.parse(shape).area_m2 / 10_000, 2),
            category="agricultural",
            use="arable",
            crop="buğda",
            geometry=shape,
        )
        with contextlib.suppress(Conflict):  # declared on an earlier start
            parcels.declare(declaration, caller)


@contextmanager
def _clock_at(moment: datetime) -> Iterator[None]:
    """The platform clock at `moment` for a while: a certificate issued years ago."""
    saved = os.environ.get("EGOV_CLOCK_OFFSET")
    shift = (moment - clock.now()).total_seconds()
    os.environ["EGOV_CLOCK_OFFSET"] = str(float(saved or 0) + shift)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("EGOV_CLOCK_OFFSET")
        else:
            os.environ["EGOV_CLOCK_OFFSET"] = saved


def asan_certificate(
    phone: str,
    fin: str,
    name: str,
    use: Use,
    expires: datetime,
    info: dict[str, Any] | None = None,
) -> Certificate | None:
    """An ASAN İmza certificate of ASXM on the simulator's SIM `phone` (its signing key),
    issued three years before `expires`; None if the demo made it before."""
    user_id = mobile_id.account_of(fin, name, phone)
    key = base64.b64encode(asan_imza.public_key_der(phone, "signing")).decode()
    basis = f"demo-{phone}-{use}-{expires.date().isoformat()}"
    with _clock_at(expires - timedelta(days=3 * 365 + 1)):
        try:
            return issuance.register(
                user_id=user_id,
                fin=fin,
                name=name,
                phone=phone,
                use=use,
                public_key=key,
                basis=basis,
                actor=SEEDER,
                info=info,
            )
        except Conflict:
            return None


def renewal_holders() -> None:
    """ASAN İmza holders whose certificates can be renewed now (seed 002; docs/renewal.md)."""
    soon = clock.now() + timedelta(days=19)
    asan_certificate("+994552345678", "2HQ4R7T", "Əliyeva Günay İlham qızı", "personal", soon)
    asan_certificate(
        "+994501234567",
        "5ZK8M2P",
        "Məmmədov Elşən Rəşid oğlu",
        "business",
        soon,
        info=business("1400500071", '"Göygöl Aqro" MMC', "Direktor", "Rəhbərlik"),
    )
    asan_certificate(
        "+994501234567",
        "5ZK8M2P",
        "Məmmədov Elşən Rəşid oğlu",
        "personal",
        clock.now() + timedelta(days=400),
    )
    asan_certificate(
        "+994996789012",
        "3MB7K4Y",
        "Bağırova Şəbnəm Rövşən qızı",
        "business",
        soon,
        info=business("1700400081", '"Şəki İpək" ASC', "Layihə meneceri", "PMO"),
    )
    asan_certificate(
        "+994514567890",
        "4JW6S1L",
        "Qasımova Səbinə Çingiz qızı",
        "personal",
        clock.now() + timedelta(days=500),
    )


def business(voen: str, organisation: str, position: str, unit: str) -> dict[str, str]:
    return {
        "voen": voen,
        "organisation": organisation,
        "position": position,
        "unit": unit,
        "sealText": organisation,
        "scope": "both",
    }


def export_permit_agencies() -> None:
    """The agencies that issue export permits (X4; §4.2.1-4.2.5): an officer and a system each;
    their systems answer in the agency simulator (data/agencies.json). The exporter is
    `goygol.importer`, head of "Göygöl Aqro" MMC (the customs step links the FIN)."""
    for code, name, officer, person in (
        ("AQTA", "Qida Təhlükəsizliyi Agentliyi", "aqta.officer", "Rəhimova Aynur Tofiq qızı"),
        ("IN", "İqtisadiyyat Nazirliyi", "in.officer", "Quliyev Fərid Akif oğlu"),
        (
            "ETSN",
            "Ekologiya və Təbii Sərvətlər Nazirliyi",
            "etsn.officer",
            "Əliyeva Nərmin Vüqar qızı",
        ),
        ("MN", "Mədəniyyət Nazirliyi", "mn.officer", "Həsənov Orxan Elman oğlu"),
        (
            "DQIDK",
            "Dini Qurumlarla İş üzrə Dövlət Komitəsi",
            "dqidk.officer",
            "Babayev Zaur Rauf oğlu",
        ),
    ):
        staff(officer, person, "officer", agency=code, office=f"{code}-BAKI")
        agency_system(f"{code.lower()}-system", code, name)


def export_incentive_authority() -> None:
    """The financial markets authority (MBNP), which confirms an export incentive's transfer to
    the exporter's account (X6; §4.2.11): an officer and a system, answering in the agency
    simulator. The Ministry of Economy (IN) of `export_permit_agencies` decides the incentive."""
    staff("mbnp.officer", "Kərimova Səidə Natiq qızı", "officer", agency="MBNP", office="MBNP-BAKI")
    agency_system("mbnp-system", "MBNP", "Maliyyə Bazarlarına Nəzarət Palatası")


STEPS: list[Callable[[], None]] = [
    operator,
    agriculture,
    asan_service,
    internal_affairs,
    foreign_affairs,
    state_security,
    foreign_intelligence,
    certificate_centres,
    embassy,
    nonresident_applicant,
    export_partner,
    customs,
    export_catalogue,
    export_permit_agencies,
    export_incentive_authority,
    export_center,
    ektis_farmers,
    renewal_holders,
]


def seed(api_url: str) -> None:
    """Load every step's demo data (the stack's API at `api_url` serves steps that need it)."""
    for step in STEPS:
        step()
