"""Cross-border e-services (X3) on moto with the template provisioned.

Seed 001 part 2, §10.3.2.3-4: "tələb olunan bütün xanalar doldurulduqdan sonra məlumatlar
elektron imza ilə təsdiqlənərək göndərilir; məlumat və sorğu xarakterli transsərhəd elektron
xidmətlərin həyata keçirilməsi üçün autentifikasiya və təsdiq tələb olunmur". The list is data;
the access table enforces it; each route answers a stranger as its kind says.
"""

from __future__ import annotations

import re

import pytest

from egov.export.eservices import ESERVICES, EService
from egov.platform.access import PUBLIC, RULES
from tests.conftest import LocalAws
from tests.helpers import call


def test_x3_the_list_is_public_and_says_what_each_service_needs(local_aws: LocalAws) -> None:
    status, listed, _ = call(local_aws, "GET", "/export/eservices")
    assert status == 200
    kinds = {s["id"]: (s["kind"], s["needsLogin"], s["signature"]) for s in listed["items"]}
    assert kinds["contract"] == ("transactional", True, "electronic")
    assert kinds["catalogue"] == ("informational", False, "none")
    assert {s["kind"] for s in listed["items"]} == {"transactional", "informational"}
    status, informational, _ = call(
        local_aws, "GET", "/export/eservices", query={"kind": "informational"}
    )
    assert status == 200 and {s["needsLogin"] for s in informational["items"]} == {False}
    assert informational["items"][0]["name"] == (
        "Azərbaycanda istehsal olunan mallar və istehsalçılar kataloqu"
    )


@pytest.mark.parametrize("service", ESERVICES, ids=lambda s: s.id)
def test_x3_each_service_is_enforced_as_its_kind(local_aws: LocalAws, service: EService) -> None:
    """Transactional: the access table admits signed-in roles only and a stranger gets 401.
    Informational: public in the table, and a stranger gets an answer (or a 404/422 about the
    data asked for), never a 401 or 403."""
    method, path = service.route.split(" ", 1)
    rule = RULES[service.route]
    assert (rule == PUBLIC) is (service.kind == "informational")
    concrete = re.sub(r"\{[^}]+\}", "0A1B2C3D", path)
    body = {"document": {}, "signatures": []} if method == "POST" else None
    status, _, _ = call(local_aws, method, concrete, body=body)
    if service.kind == "transactional":
        assert status == 401
    else:
        assert status not in (401, 403)
