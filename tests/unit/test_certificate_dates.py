"""Validity and legal dates in Baku time (issue 12 item 10; E12, E3, E5).

Seed 001 §2.19: "Qeyri-rezidentlərə verilən elektron imza sertifikatının qüvvədəolma müddəti
3 (üç) ildir." DESIGN rule 8: timestamps are UTC, day boundaries are Asia/Baku.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from egov.certificates.issuance import VALIDITY_YEARS
from egov.esign import filing, rules
from egov.esign.form import ApplicationForm
from egov.platform import calendar, clock
from tests.conftest import LocalAws
from tests.helpers import jump_clock
from tests.unit.test_esign_form import sample


def baku(moment: datetime) -> str:
    return moment.astimezone(clock.BAKU).isoformat(timespec="minutes")


@pytest.mark.parametrize(
    ("issued", "ends_baku"),
    [
        # 29 February at midday in Baku: ends 28 February 2031 (the one rule, never 1 March).
        (datetime(2028, 2, 29, 6, 0, tzinfo=UTC), "2031-02-28T10:00+04:00"),
        # 20:30 UTC on the 28th is already 00:30 on the 29th in Baku: the Baku date counts.
        (datetime(2028, 2, 28, 20, 30, tzinfo=UTC), "2031-02-28T00:30+04:00"),
        # 19:59 UTC on the 29th is 23:59 on the 29th in Baku.
        (datetime(2028, 2, 29, 19, 59, tzinfo=UTC), "2031-02-28T23:59+04:00"),
        # 20:30 UTC on the 29th is 1 March in Baku: it ends on 1 March.
        (datetime(2028, 2, 29, 20, 30, tzinfo=UTC), "2031-03-01T00:30+04:00"),
        # New Year's night: 31 December 21:00 UTC is 1 January in Baku.
        (datetime(2026, 12, 31, 21, 0, tzinfo=UTC), "2030-01-01T01:00+04:00"),
    ],
)
def test_e12_three_years_are_added_in_baku_dates(issued: datetime, ends_baku: str) -> None:
    """E12 (§2.19 "3 (üç) ildir"): three years on the Baku calendar, whatever the UTC hour; a
    certificate issued on 29 February ends on 28 February (2028-02-29 → 2031-02-28)."""
    end = calendar.add_years(issued, VALIDITY_YEARS)
    assert baku(end) == ends_baku
    assert end.tzinfo is not None and end.utcoffset() == UTC.utcoffset(None)


def test_e12_the_utc_rule_would_have_differed_by_the_hour() -> None:
    """E12: the case of the issue: the UTC year arithmetic ends 1 March in Baku for a
    certificate issued on Baku's 29 February shortly after midnight; the Baku rule does not."""
    issued = datetime(2028, 2, 28, 20, 30, tzinfo=UTC)  # 2028-02-29 00:30 in Baku
    utc_rule = issued.replace(year=issued.year + 3)
    assert baku(utc_rule).startswith("2031-03-01")
    assert baku(calendar.add_years(issued, 3)).startswith("2031-02-28")


def test_e3_the_document_expiry_check_uses_the_baku_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """E3 (§2.3.1, a valid identity document): at 20:30 UTC on 9 March it is already 10 March
    in Baku, so a document valid until 9 March has expired."""
    jump_clock(monkeypatch, datetime(2026, 3, 9, 20, 30, tzinfo=UTC))
    assert calendar.today() == date(2026, 3, 10)
    document = sample()["applicant"]["idDocument"] | {"validUntil": "2026-03-09"}
    form = ApplicationForm.model_validate(sample(applicant={"idDocument": document}))
    assert {e.key for e in rules.problems(form, calendar.today(), complete=True)} == {
        "esign.document.expired"
    }
    jump_clock(monkeypatch, datetime(2026, 3, 9, 19, 30, tzinfo=UTC))  # 23:30 in Baku
    assert rules.problems(form, calendar.today(), complete=True) == []


def test_e5_the_registration_number_year_is_the_baku_year(local_aws: LocalAws) -> None:
    """E5: registration numbers run per year; at 20:30 UTC on 31 December the year in Baku is
    already the next one."""
    new_year_in_baku = datetime(2026, 12, 31, 20, 30, tzinfo=UTC)
    assert filing._next_registration_number(new_year_in_baku).startswith("EIMZA-2027-")
    assert filing._next_registration_number(datetime(2026, 12, 31, 19, 30, tzinfo=UTC)).startswith(
        "EIMZA-2026-"
    )
