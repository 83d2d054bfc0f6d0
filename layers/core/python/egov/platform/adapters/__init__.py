"""Adapters of the external systems (DESIGN rule 14): one factory per system.

    person = adapters.population().person(fin)          # NotFound / Unavailable as problems
    gateway_id = adapters.sms().send(to, text, reference, callback_url)

Each factory returns a client of the production HTTP interface; where it points (the real
system, or a simulator of infra/devstack/simulators) is the SSM endpoint map's business. A new
system adds its module here with the same pattern: a pydantic model, a class of typed calls over
`SystemClient("<system>")`, and a factory below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from egov.platform.adapters.base import SystemClient, forget

# These modules share their names with their factories below: imported here, before the
# factories are defined, so that no later import of them replaces a factory with the module.
from egov.platform.adapters.cadastre import Cadastre
from egov.platform.adapters.population import PopulationRegistry
from egov.platform.adapters.tax import TaxRegistry

if TYPE_CHECKING:
    from egov.platform.adapters.asan import AsanImza
    from egov.platform.adapters.gateways import EmailGateway, SmsGateway
    from egov.platform.adapters.mobile import MobileRegistry
    from egov.platform.adapters.payment import PaymentProvider

__all__ = [
    "asan_imza",
    "cadastre",
    "email",
    "forget",
    "mobile_registry",
    "payments",
    "population",
    "sms",
    "tax",
]

# The other systems' modules are imported by their factories: a handler that imports the package
# (or one module's validator, which runs this file first) loads only what it calls (cold start).


def population() -> PopulationRegistry:
    return PopulationRegistry(SystemClient("population"))


def tax() -> TaxRegistry:
    return TaxRegistry(SystemClient("tax"))


def mobile_registry() -> MobileRegistry:
    from egov.platform.adapters.mobile import MobileRegistry

    return MobileRegistry(SystemClient("mobile"))


def sms() -> SmsGateway:
    from egov.platform.adapters.gateways import SmsGateway

    return SmsGateway(SystemClient("sms"))


def email() -> EmailGateway:
    from egov.platform.adapters.gateways import EmailGateway

    return EmailGateway(SystemClient("email"))


def payments() -> PaymentProvider:
    from egov.platform.adapters.payment import PaymentProvider

    return PaymentProvider(SystemClient("payment"))


def asan_imza() -> AsanImza:
    from egov.platform.adapters.asan import AsanImza

    return AsanImza(SystemClient("asan-imza"))


def cadastre() -> Cadastre:
    return Cadastre(SystemClient("cadastre"))
