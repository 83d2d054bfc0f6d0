"""Adapters of the external systems (DESIGN rule 14): one factory per system.

    person = adapters.population().person(fin)          # NotFound / Unavailable as problems
    gateway_id = adapters.sms().send(to, text, reference, callback_url)

Each factory returns a client of the production HTTP interface; where it points (the real
system, or a simulator of infra/devstack/simulators) is the SSM endpoint map's business. A new
system adds its module here with the same pattern: a pydantic model, a class of typed calls over
`SystemClient("<system>")`, and a factory below.
"""

from __future__ import annotations

from egov.platform.adapters.base import SystemClient, forget
from egov.platform.adapters.gateways import EmailGateway, SmsGateway
from egov.platform.adapters.mobile import MobileRegistry
from egov.platform.adapters.payment import PaymentProvider
from egov.platform.adapters.population import PopulationRegistry
from egov.platform.adapters.tax import TaxRegistry

__all__ = ["email", "forget", "mobile_registry", "payments", "population", "sms", "tax"]


def population() -> PopulationRegistry:
    return PopulationRegistry(SystemClient("population"))


def tax() -> TaxRegistry:
    return TaxRegistry(SystemClient("tax"))


def mobile_registry() -> MobileRegistry:
    return MobileRegistry(SystemClient("mobile"))


def sms() -> SmsGateway:
    return SmsGateway(SystemClient("sms"))


def email() -> EmailGateway:
    return EmailGateway(SystemClient("email"))


def payments() -> PaymentProvider:
    return PaymentProvider(SystemClient("payment"))
