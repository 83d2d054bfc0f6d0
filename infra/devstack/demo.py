"""Demo data loaded into a fresh local stack.

`seed` runs every step of `STEPS` in order; each step is a small function that creates one
agency's (or one team's) demo data through the platform's own code, and is idempotent, so a
stack that restarts on kept data seeds again safely. Add your service's demo data as another
step. The accounts here are listed, with their passwords, in docs/demo-accounts.md: demo
credentials for the local stack only, never used anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from egov.platform import accounts, audit, auth

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
]


def seed(api_url: str) -> None:
    """Load every step's demo data (the stack's API at `api_url` serves steps that need it)."""
    for step in STEPS:
        step()
