"""Notices to producers: the cabinet-active notice on every path (P7) and the person's language
(G2, DESIGN rule 12), through the handlers on moto (issue 12 items 3 and 8)."""

from __future__ import annotations

import re
from typing import Any

from egov.platform.repository import Table
from tests.conftest import LocalAws
from tests.functional.producers.test_producer_cabinet import PERSON, sms_to, staff
from tests.functional.producers.test_producer_registration import (
    ELSHAN,
    confirm,
    register,
    registration,
)
from tests.helpers import call

PLATFORM = Table("PLATFORM_TABLE")


def notices(user_id: str, key: str) -> list[dict[str, Any]]:
    """The person's inbox items of `key`, each with the messages sent for it by channel."""
    found = []
    for item in PLATFORM.query_all(f"USER#{user_id}", sk_prefix="INBOX#"):
        if item["key"] != key:
            continue
        sent = {}
        for channel in ("sms", "email"):
            delivery = item.get(f"delivery_{channel}")
            if delivery:
                message = PLATFORM.get(f"NOTIFICATION#{delivery['messageId']}", "MESSAGE")
                assert message is not None
                sent[channel] = message
        found.append({**item, "sent": sent})
    return found


def test_p7_self_registration_is_told_the_cabinet_is_active_by_sms_email_and_inbox(
    local_aws: LocalAws, simulators: str
) -> None:
    """P7 (seed 000): "Şəxsi kabinet aktiv edildikdən sonra bu barədə həmin nömrəyə qısa mesaj
    gələcək"; "Əgər elektron poçtunuz varsa həmin ünvana portal tərəfindən şəxsi kabinetin aktiv
    edilməsi barədə məlumat gələcək". A self-registered person can log in at once, so the
    cabinet is active then: SMS to the mobile, e-mail to the address, notice in the cabinet."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    body = registration(ELSHAN, "+994501234567", email="zefer1970@mail.ru", **code)
    status, registered = register(local_aws, body)
    assert status == 201, registered
    [notice] = notices(registered["id"], "producers.cabinet-active")
    assert notice["sent"]["sms"]["to"] == "+994501234567"
    assert notice["sent"]["email"]["to"] == "zefer1970@mail.ru"
    assert "aktiv edildi" in notice["sent"]["sms"]["text"]
    assert "zefer1970" in notice["texts"]["body"]["az"]
    assert "aktiv" in sms_to(local_aws, simulators, "+994501234567")


def test_p7_an_officers_registration_is_told_when_the_person_activates_it(
    local_aws: LocalAws, simulators: str
) -> None:
    """P6, P7: the officer's registration sends the activation code; setting the password makes
    the cabinet active, and that is told again by SMS, e-mail and inbox (every path)."""
    officer = staff("officer", "ASAN", "Bakı ASAN xidmət mərkəzi 1")
    status, body = call(local_aws, "POST", "/producers/assisted", token=officer, body=PERSON)[:2]
    assert status == 201, body
    producer_id = body["id"]
    assert notices(producer_id, "producers.cabinet-active") == []
    code = re.search(r"\b(\d{8})\b", sms_to(local_aws, simulators, "+994703456789"))
    assert code
    status, activated = call(
        local_aws,
        "POST",
        "/producers/activation",
        body={"username": "ulvi78", "code": code.group(1), "password": "Yeni-şifrə-2026"},
    )[:2]
    assert status == 200, activated
    [notice] = notices(producer_id, "producers.cabinet-active")
    assert notice["sent"]["sms"]["to"] == "+994703456789"
    assert notice["sent"]["email"]["to"] == "ulvi@example.az"


def test_g2_the_language_chosen_at_registration_governs_every_notice(
    local_aws: LocalAws, simulators: str
) -> None:
    """G2, DESIGN rule 12: the language chosen on the form (here English, whatever the browser
    says) is kept and every notice to the person uses it: the activation code and the
    cabinet-active notice of an officer's registration come in English."""
    officer = staff("officer", "MKT", "Şəki rayon idarəsi")
    status, body = call(
        local_aws, "POST", "/producers/assisted", token=officer, body={**PERSON, "language": "en"}
    )[:2]
    assert status == 201, body
    [code_notice] = notices(body["id"], "producers.activation")
    assert code_notice["sent"]["sms"]["text"].startswith("Your username: ulvi78")
    assert code_notice["sent"]["email"]["subject"].startswith("Your cabinet")
    code = re.search(r"\b(\d{8})\b", code_notice["sent"]["sms"]["text"])
    assert code
    status, _ = call(
        local_aws,
        "POST",
        "/producers/activation",
        body={"username": "ulvi78", "code": code.group(1), "password": "Yeni-şifrə-2026"},
    )[:2]
    assert status == 200
    [active] = notices(body["id"], "producers.cabinet-active")
    assert active["sent"]["sms"]["text"].startswith("Your personal cabinet")


def test_g2_without_a_choice_the_browser_language_at_registration_is_kept(
    local_aws: LocalAws, simulators: str
) -> None:
    """G2: no language on the form: Accept-Language at self-registration is the person's."""
    code = confirm(local_aws, simulators, ELSHAN, "+994501234567")
    status, registered = register(
        local_aws, registration(ELSHAN, "+994501234567", **code), lang="en"
    )
    assert status == 201, registered
    [notice] = notices(registered["id"], "producers.cabinet-active")
    assert notice["sent"]["sms"]["text"].startswith("Your personal cabinet")
    stored = PLATFORM.get(f"USER#{registered['id']}", "ACCOUNT")
    assert stored is not None and stored["language"] == "en"
