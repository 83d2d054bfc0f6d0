"""A participant agency's standing and its announced maintenance (X11).

Əsasnamə 1.3.2: a participant is a body that takes part in the portal's exchange with its own
information system. What the exchange and the cabinet need to know about one lives here; the
operator's actions on it (warning, suspension, lifting) are `egov.platform.governance`.

- Standing (6.0.10): `good`, `warned` or `suspended`, in `PARTICIPANT#<agency>` / `STANDING`.
  While suspended, the agency's answers and document fetches are refused
  (`refuse_if_suspended`: 403 `participants.suspended`, kept as evidence by the exchange).
- Maintenance (7.0.5: "ən azı 5 (beş) iş günü əvvəl məlumatlandırmaq"): the participant
  announces its planned works; a start earlier than the end of the fifth business day after
  the announcement (the platform calendar, `participants.maintenance-notice`) is refused with
  the earliest allowed start. Announcements are `MAINTENANCE` / `<end>#<agency>#<id>`, so the
  windows not yet over are one keyed query (`windows`). Each is audited on `AGENCY#<agency>`
  and told to the operator (the clause's addressee).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from egov.platform import applications, audit, aws, calendar, clock, i18n, notify
from egov.platform.auth import Principal
from egov.platform.models import Form, View
from egov.platform.problems import Forbidden, Invalid
from egov.platform.repository import Table, Transaction
from egov.platform.text import Lines

PLATFORM = Table("PLATFORM_TABLE")
MAINTENANCE_PK = "MAINTENANCE"
NOTICE_PERIOD = "participants.maintenance-notice"
Status = Literal["good", "warned", "suspended"]

i18n.register(
    {
        "participants.suspended": {
            "az": "{agency} qurumunun portaldakı fəaliyyəti operator tərəfindən "
            "dayandırılıb (Əsasnamə 6.0.10); nöqsanlar aradan qaldırılana və dayandırma "
            "götürülənədək cavablar qəbul edilmir",
            "en": "{agency}'s activity on the portal is suspended by the operator (Regulation "
            "6.0.10); no answers are accepted until the defects are removed and the suspension "
            "is lifted",
        },
        "participants.notice-too-short": {
            "az": "Texniki işlər ən azı 5 iş günü əvvəl elan edilməlidir (Əsasnamə 7.0.5); "
            "ən tez başlama vaxtı: {earliest} (Bakı vaxtı)",
            "en": "Technical works must be announced at least 5 business days ahead "
            "(Regulation 7.0.5); the earliest allowed start is {earliest} (Baku time)",
        },
        "participants.end-before-start": {
            "az": "Texniki işlərin sonu başlanğıcından sonra olmalıdır",
            "en": "The end of the works must be after their start",
        },
        "participants.maintenance-wait": {
            "az": "{agency} {start} – {end} (Bakı vaxtı) texniki işlər aparacaq; bu addım "
            "həmin müddətdə gözləyəcək. Addımın müddəti buna görə dəyişmir: {deadline} (Bakı "
            "vaxtı); Əsasnamə 7.0.5 yalnız əvvəlcədən xəbərdarlığı tələb edir, müddəti operator "
            "uzada bilər",
            "en": "{agency} will carry out technical works from {start} to {end} (Baku time); "
            "this step will wait during them. Its deadline does not move for them: {deadline} "
            "(Baku time); Regulation 7.0.5 asks only for notice ahead, and the operator may "
            "extend the deadline",
        },
        "notice.participant-maintenance.title": {
            "az": "{agency} texniki işlər elan etdi",
            "en": "{agency} announced technical works",
        },
        "notice.participant-maintenance.body": {
            "az": "{agency} qurumu {start} – {end} (Bakı vaxtı) texniki işlər aparacaq: "
            "{note}. Bu müddətdə onun qərarları gözləyəcək.",
            "en": "{agency} will carry out technical works from {start} to {end} (Baku time): "
            "{note}. Its decisions will wait during them.",
        },
    }
)


class Maintenance(Form):
    """A participant's announcement of planned works (Əsasnamə 7.0.5)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "start": "2026-12-14T20:00:00Z",
                    "end": "2026-12-15T02:00:00Z",
                    "note": "Verilənlər bazasının yenilənməsi / Database upgrade",
                }
            ]
        },
    )

    start: AwareDatetime = Field(
        description="At least 5 business days after the announcement (Regulation 7.0.5)"
    )
    end: AwareDatetime
    note: Lines


class Window(View):
    announcement_id: str
    agency: str
    start: datetime
    end: datetime
    note: str
    announced_at: datetime
    announced_by: str


class Windows(View):
    items: list[Window]


def standing_key(agency: str) -> tuple[str, str]:
    return f"PARTICIPANT#{agency}", "STANDING"


def audit_subject(agency: str) -> str:
    """The agency's trail: its webhook endpoint's changes, its standing, its announcements."""
    return f"AGENCY#{agency}"


def standing(agency: str) -> dict[str, Any] | None:
    return PLATFORM.get(*standing_key(agency))


def refuse_if_suspended(agency: str) -> None:
    """403 while the operator has the agency's activity suspended (6.0.10)."""
    current = standing(agency)
    if current is not None and current["status"] == "suspended":
        raise Forbidden("participants.suspended", field="agency", params={"agency": agency})


# ---------------------------------------------------------------- maintenance (7.0.5)


def earliest_start(announced: datetime) -> datetime:
    """The first instant works may start: after the whole fifth business day that follows."""
    return calendar.due(NOTICE_PERIOD, announced) + timedelta(microseconds=1)


def _baku(moment: datetime) -> str:
    return moment.astimezone(clock.BAKU).strftime("%Y-%m-%d %H:%M")


def announce(agency: str, body: Maintenance, caller: Principal) -> Window:
    now = clock.now()
    earliest = earliest_start(now)
    if body.start < earliest:
        raise Invalid(
            "participants.notice-too-short",
            field="start",
            params={"earliest": _baku(earliest)},
            extra={"earliestStart": clock.iso(earliest)},
        )
    if body.end <= body.start:
        raise Invalid("participants.end-before-start", field="end")
    stored = {
        "announcementId": "mnt_" + uuid.uuid4().hex,
        "agency": agency,
        "start": clock.iso(body.start),
        "end": clock.iso(body.end),
        "note": body.note,
        "announcedAt": clock.iso(now),
        "announcedBy": caller.user_id,
    }
    tx = Transaction()
    tx.put(
        PLATFORM,
        {
            "pk": MAINTENANCE_PK,
            "sk": f"{stored['end']}#{agency}#{stored['announcementId']}",
            **stored,
        },
    )
    audit.record(
        tx,
        audit_subject(agency),
        "maintenance-announced",
        caller.actor,
        after={k: stored[k] for k in ("announcementId", "start", "end")},
        basis=body.note,
    )
    notify.send_to_address(
        "notice.participant-maintenance",
        {"agency": agency, "start": _baku(body.start), "end": _baku(body.end), "note": body.note},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        agency=agency,
        tx=tx,
    )
    tx.commit()
    return Window.model_validate(stored)


def windows(agency: str | None = None) -> Windows:
    """The announced windows not yet over (of one agency, or of all), soonest end first."""
    since = f"{clock.now_iso()}#"
    items = PLATFORM.query_all(MAINTENANCE_PK, sk_between=(since, "~"))  # ends after now
    return Windows(
        items=[Window.model_validate(i) for i in items if agency is None or i["agency"] == agency]
    )


def waits(
    steps: Iterable[Mapping[str, Any]], lang: i18n.Lang, announced: Windows | None = None
) -> list[applications.Wait]:
    """The steps (pending decisions: `agency`, `kind`, `deadline`, `decisionId` if known) that may still
    be waiting when an announced window of their agency begins, each with what that means for
    its deadline: nothing (7.0.5 sets a notice, not an extension)."""
    open_windows = (announced or windows()).items
    found: list[applications.Wait] = []
    for step in steps:
        due = clock.parse(str(step["deadline"]))
        for window in open_windows:
            if window.agency == step["agency"] and window.start <= due:
                found.append(_wait(step, window, lang))
    return found


def _wait(step: Mapping[str, Any], window: Window, lang: i18n.Lang) -> applications.Wait:
    due = clock.parse(str(step["deadline"]))
    return applications.Wait(
        agency=step["agency"],
        kind=step["kind"],
        decisionId=step.get("decisionId"),
        deadline=clock.iso(due),
        start=clock.iso(window.start),
        end=clock.iso(window.end),
        note=i18n.text(
            "participants.maintenance-wait",
            lang,
            {
                "agency": step["agency"],
                "start": _baku(window.start),
                "end": _baku(window.end),
                "deadline": _baku(due),
            },
        ),
    )
