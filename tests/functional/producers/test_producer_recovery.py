"""The producer's personal data and "Şifrəni unutdum" (issue 12 item 12; P3, P4, P8, G2, G8)."""

from __future__ import annotations

import re
from typing import Any

from egov.platform import audit, auth
from egov.platform.auth import Principal
from tests.conftest import LocalAws
from tests.functional.producers.test_producer_cabinet import sms_to
from tests.functional.producers.test_producer_registration import (
    ELSHAN,
    confirm,
    register,
    registration,
)
from tests.helpers import call

MOBILE = "+994501234567"


def registered(local_aws: LocalAws, simulators: str) -> tuple[str, str]:
    """Elşən registered with education and job; (producer id, a token of his session)."""
    code = confirm(local_aws, simulators, ELSHAN, MOBILE)
    body = registration(ELSHAN, MOBILE, education="Orta iktisad təhsil", job="Sahibkar", **code)
    status, done = register(local_aws, body)
    assert status == 201, done
    account = auth.account(done["id"])
    assert account is not None
    return done["id"], auth.issue_token(Principal.of(account))


def actions(producer_id: str) -> list[str]:
    return [e["action"] for e in audit.AUDIT.query_all(f"PRODUCER#{producer_id}")]


def reset(local_aws: LocalAws, username: str) -> tuple[int, Any]:
    return call(local_aws, "POST", "/producers/password-reset", body={"username": username})[:2]


def finish(local_aws: LocalAws, body: dict[str, str]) -> tuple[int, Any]:
    return call(local_aws, "POST", "/producers/password-reset/confirmation", body=body)[:2]


def test_p8_education_job_and_language_are_changed_in_the_cabinet(
    local_aws: LocalAws, simulators: str
) -> None:
    """P8 (seed 000: "İstehsalçı özünə aid olan şəxsi məlumatları bu menyu vasitəsilə dəyişə
    bilər"), P3 ("Təhsil (bu xana məcburi deyildir)", "İŞ (bu xana məcburi deyildir)"), G2: the
    producer changes education and job (null clears one) and the language of his notices;
    audited; the identity stays the registry's."""
    producer_id, token = registered(local_aws, simulators)
    body = {"education": "Ali aqrar təhsil", "job": None, "language": "en"}
    status, me = call(local_aws, "PUT", "/producers/me/personal-data", token=token, body=body)[:2]
    assert status == 200, me
    assert (me["education"], me.get("job"), me["language"]) == ("Ali aqrar təhsil", None, "en")
    assert me["identity"]["surname"] == "Məmmədov"
    stored = auth.account(producer_id)
    assert stored is not None and stored["language"] == "en"
    assert "producer-personal-data-changed" in actions(producer_id)
    status, problem = call(
        local_aws,
        "PUT",
        "/producers/me/personal-data",
        token=token,
        body={"education": "x" * 201, "job": None, "language": "en"},
    )[:2]
    assert (status, problem["errors"][0]["field"]) == (422, "education")


def test_p4_forgotten_password_is_reset_with_a_code_to_the_confirmed_mobile(
    local_aws: LocalAws, simulators: str
) -> None:
    """P4, P8 (the login page's "Şifrəni unutsam"), G8: the code goes only to the mobile on the
    record; a wrong code counts; the right one sets the new password in one transaction that
    ends every earlier session, audited, and the person is told."""
    producer_id, old_token = registered(local_aws, simulators)
    status, started = reset(local_aws, "zefer1970")
    assert status == 202, started
    text = sms_to(local_aws, simulators, MOBILE)
    code = re.search(r"\b(\d{6})\b", text)
    assert code and "şifrənizi bərpa" in text
    attempt = {
        "username": "zefer1970",
        "confirmationId": started["confirmationId"],
        "code": "000000" if code.group(1) != "000000" else "111111",
        "newPassword": "Yeni-taxıl-2027",
    }
    status, problem = finish(local_aws, attempt)
    assert (status, problem["errors"][0]["field"]) == (422, "code")
    status, done = finish(local_aws, {**attempt, "code": code.group(1)})
    assert status == 200, done
    account = auth.account(producer_id)
    assert account is not None
    assert auth.password_matches(account["passwordHash"], "Yeni-taxıl-2027")
    status, _ = call(local_aws, "GET", "/producers/me", token=old_token)[:2]
    assert status == 401  # the session opened before the reset is over
    assert {"producer-password-reset-requested", "producer-password-reset"} <= set(
        actions(producer_id)
    )
    assert "Şifrəniz dəyişdirildi" in [
        i["texts"]["title"]["az"]
        for i in auth.PLATFORM.query_all(f"USER#{producer_id}", sk_prefix="INBOX#")
    ]
    status, problem = finish(local_aws, {**attempt, "code": code.group(1)})
    assert (status, problem["errors"][0]["field"]) == (422, "confirmationId")  # used once


def test_p4_an_unknown_username_gets_the_same_answer_and_no_code(
    local_aws: LocalAws, simulators: str
) -> None:
    """G8: nobody learns from the answer whether a username is registered."""
    registered(local_aws, simulators)
    known = reset(local_aws, "zefer1970")
    unknown = reset(local_aws, "nobody2026")
    assert known[0] == unknown[0] == 202
    assert known[1]["message"] == unknown[1]["message"]
    assert set(known[1]) == set(unknown[1])
    status, problem = finish(
        local_aws,
        {
            "username": "nobody2026",
            "confirmationId": unknown[1]["confirmationId"],
            "code": "123456",
            "newPassword": "Yeni-taxıl-2027",
        },
    )
    assert (status, problem["errors"][0]["field"]) == (422, "confirmationId")


def test_p4_reset_codes_are_rate_limited_per_username(local_aws: LocalAws, simulators: str) -> None:
    """P4, G8: the platform's rate limiter allows SmsCodesPerNumber requests per username in 10
    minutes; the next is a 429 naming username, with Retry-After. The number's own limit (one
    code went at registration) sends nothing more but answers as usual: a 429 naming the mobile
    would tell a stranger the username exists."""
    registered(local_aws, simulators)
    for _ in range(5):
        assert reset(local_aws, "Zefer1970")[0] == 202  # the username, whatever its case
    local_aws.pump.drain()
    status, problem = reset(local_aws, "zefer1970")
    assert (status, problem["errors"][0]["field"]) == (429, "username")
