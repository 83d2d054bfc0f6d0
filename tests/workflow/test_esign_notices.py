"""Notices to an e-sign applicant in his language, by e-mail and, where it reaches him, SMS
(issue 12 item 8; G2, E5, DESIGN rule 12).

Seed 001 §2.6: "Müraciət edən şəxsin ərizəsində qeyd olunmuş elektron poçt ünvanına ərizənin
qeydiyyata alınması barədə bildiriş və (və ya) mobil nömrəsinə SMS göndərilir."
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from egov.platform import clock, webhooks
from egov.platform.audit import Actor
from egov.platform.repository import Table
from tests.conftest import LocalAws, rest_event
from tests.helpers import serve_agency
from tests.workflow.test_esign_review import AGENCIES, draft, pay_fee, sample_form

PLATFORM = Table("PLATFORM_TABLE")


@pytest.fixture(autouse=True)
def agency_endpoints(local_aws: LocalAws) -> Iterator[None]:
    with serve_agency() as (_, url):
        for agency in AGENCIES:
            webhooks.register(
                agency,
                webhooks.Registration(url=f"{url}/{agency}", scheme="v1a"),
                Actor.system("t"),
            )
        yield


def submitted(local_aws: LocalAws, form: dict[str, Any], accept_language: str) -> dict[str, Any]:
    application_id, owner, token = draft(local_aws, form)
    pay_fee(local_aws, application_id, token)
    response = local_aws.invoke(
        "EsignSubmitApplicationFunction",
        rest_event(
            "POST",
            f"/esign/applications/{application_id}/submit",
            resource="/esign/applications/{applicationId}/submit",
            headers={"Authorization": f"Bearer {token}", "Accept-Language": accept_language},
            path_parameters={"applicationId": application_id},
        ),
    )
    assert response["statusCode"] == 200, response["body"]
    return dict(json.loads(response["body"])) | {"owner": owner}


def registered_notice(owner: str) -> dict[str, dict[str, Any]]:
    [item] = [
        i
        for i in PLATFORM.query_all(f"USER#{owner}", sk_prefix="INBOX#")
        if i["key"] == "esign.registered"
    ]
    sent = {}
    for channel in ("email", "sms"):
        if item.get(f"delivery_{channel}"):
            message_id = item[f"delivery_{channel}"]["messageId"]
            sent[channel] = PLATFORM.get(f"NOTIFICATION#{message_id}", "MESSAGE") or {}
    return sent


def test_g2_the_language_chosen_on_the_form_governs_the_notices(local_aws: LocalAws) -> None:
    """G2, E5: English chosen on the form: the registration notice is in English, whatever the
    browser of the submission asked; a foreign mobile is not reached by the SMS gateway, so the
    notice goes by e-mail only."""
    form = sample_form() | {"language": "en"}
    filed = submitted(local_aws, form, "az")
    # G4 (issue 12 item 11): the application explains its period, as law, in the reader's language
    [review] = filed["deadlines"]
    assert (review["period"], review["basis"], review["days"]) == ("esign.review", "law", 3)
    assert "Hadisə günü heç vaxt sayılmır" in review["rule"]
    deadline = clock.parse(review["deadline"]).replace(microsecond=0)
    assert deadline == clock.parse(filed["reviewDeadline"])  # stored to the second
    sent = registered_notice(filed["owner"])
    assert set(sent) == {"email"}
    assert sent["email"]["subject"] == "Your e-signature application has been registered"
    assert filed["registrationNumber"] in sent["email"]["text"]


def test_g2_without_a_choice_the_submissions_language_and_an_sms_to_an_azerbaijani_mobile(
    local_aws: LocalAws,
) -> None:
    """G2, E5 (§2.6 "və (və ya) mobil nömrəsinə SMS"): no language on the form, the submission
    asks for English: the notices are in English; the applicant's mobile (3.11) is Azerbaijani,
    so an SMS goes to it beside the e-mail."""
    form = sample_form(phones={"mobile": "+994501234567"})
    filed = submitted(local_aws, form, "en")
    sent = registered_notice(filed["owner"])
    assert sent["sms"]["to"] == "+994501234567"
    assert filed["registrationNumber"] in sent["sms"]["text"]
    assert sent["sms"]["text"].startswith("Your application was registered")
    assert sent["email"]["subject"] == "Your e-signature application has been registered"
    in_azerbaijani = submitted(local_aws, sample_form(), "az")
    email = registered_notice(in_azerbaijani["owner"])["email"]
    assert email["subject"] == "Elektron imza müraciətiniz qeydiyyata alındı"
