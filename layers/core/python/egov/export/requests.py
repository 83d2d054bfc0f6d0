"""Informational requests and suggestions to the portal (X9; seed 001 part 2, Əsasnamə §5.2,
§8.0.6).

A user sends an informational request or a suggestion on the portal's work, with the e-mail
address the answer goes to (§5.2: "to the e-mail address given in the request"). The operator
lists the open ones by due date and answers; the answer is kept with the request, sent to that
address and placed in the cabinet (`GET /export/requests` shows each with its answer). The
period to answer is not in the seed ("the order and period the legislation sets"): the Law on
Citizens' Appeals gives it, 15 working days (`calendar.PERIODS["export.request-answer"]`, G4),
shown as the request's deadline.

Records (EXPORT_TABLE, keys only, no index): the request `REQUEST#<id>` / `REQUEST`; a copy in
the owner's list `REQUESTS#<owner>` / `<filedAt>#<id>` (newest first, kept equal to the record in
each change's transaction) and, while open, one in the operator's list `REQUESTS#OPEN` /
`<deadline>#<filedAt>#<id>` (by due date, then filing time; removed by the answer).
"""

import uuid
from datetime import datetime
from typing import Any, Literal

from egov.export import records, texts  # noqa: F401  (texts)
from egov.export.models import Form, Model
from egov.platform import applications, audit, auth, calendar, clock, notify, tasks
from egov.platform.adapters.gateways import EmailAddress
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Transaction
from egov.platform.text import Lines

SERVICE = "export-request"
KIND = "EXPORTREQUEST"
ANSWER_PERIOD = "export.request-answer"
OPEN_LIST = "REQUESTS#OPEN"


class RequestForm(Form):
    """§5.2: an informational request or a suggestion, and where the answer goes."""

    kind: Literal["information", "suggestion"]
    email: EmailAddress
    text: Lines


class AnswerForm(Form):
    text: Lines


class RequestAnswer(Model):
    text: str
    answered_at: datetime
    answered_by: str
    notice_id: str


class Request(Model):
    request_id: str
    owner: str
    kind: Literal["information", "suggestion"]
    email: str
    text: str
    filed_at: datetime
    deadline: datetime
    status: Literal["open", "answered"]
    answer: RequestAnswer | None = None


class Requests(Model):
    items: list[Request]
    cursor: str | None = None


def key(request_id: str) -> tuple[str, str]:
    return f"REQUEST#{request_id}", "REQUEST"


def subject(request_id: str) -> str:
    return f"{KIND}#{request_id}"


def _items(request: Request) -> list[dict[str, Any]]:
    """The record and its copies in the lists it belongs to."""
    shown = request.model_dump(mode="json", by_alias=True)
    pk, sk = key(request.request_id)
    found = [
        {"pk": pk, "sk": sk, **shown},
        {"pk": f"REQUESTS#{request.owner}", "sk": f"{shown['filedAt']}#{request.request_id}"}
        | shown,
    ]
    if request.status == "open":
        found.append({"pk": OPEN_LIST, "sk": _open_sk(request)} | shown)
    return found


def _open_sk(request: Request) -> str:
    # Deadlines fall on a day's last instant, so many share one: filing time orders them.
    return f"{clock.iso(request.deadline)}#{clock.iso(request.filed_at)}#{request.request_id}"


def file(form: RequestForm, caller: auth.Principal) -> Request:
    now = clock.now()
    wait = tasks.until(calendar.due(ANSWER_PERIOD, now))
    request = Request(
        request_id="req_" + uuid.uuid4().hex[:20],
        owner=caller.user_id,
        kind=form.kind,
        email=form.email,
        text=form.text,
        filed_at=now,
        deadline=clock.parse(wait["deadline"]),
        status="open",
    )
    tx = Transaction()
    for item in _items(request):
        tx.put(records.EXPORT, item)
    applications.track(
        tx,
        caller.user_id,
        request.request_id,
        SERVICE,
        "open",
        "export.request.title",
        actor=caller.actor,
        link="/export/requests",
    )
    audit.record(
        tx,
        subject(request.request_id),
        f"export-request-{form.kind}",
        caller.actor,
        owner=caller.user_id,
    )
    tx.commit()
    return request


def load(request_id: str) -> Request:
    item = records.EXPORT.get(*key(request_id))
    if item is None:
        raise NotFound("export.request.not-found", field="requestId")
    return Request.model_validate(item)


def answer(request_id: str, form: AnswerForm, caller: auth.Principal) -> Request:
    """The operator's answer: kept, sent to the request's e-mail, placed in the cabinet."""
    request = load(request_id)
    if request.status != "open":
        raise Conflict("export.request.answered", field="requestId")
    tx = Transaction()
    notice_id = notify.send(
        request.owner,
        "notice.export-request-answered",
        {"question": request.text, "answer": form.text},
        email=request.email,
        subject_ref=subject(request_id),
        tx=tx,
    )
    after = request.model_copy(
        update={
            "status": "answered",
            "answer": RequestAnswer(
                text=form.text,
                answered_at=clock.now(),
                answered_by=caller.user_id,
                notice_id=notice_id,
            ),
        }
    )
    record, copy = _items(after)
    tx.put(
        records.EXPORT,
        record,
        expected={"status": "open"},
        conflict=Conflict("export.request.answered", field="requestId"),
    )
    tx.put(records.EXPORT, copy, new=False)
    tx.delete(records.EXPORT, OPEN_LIST, _open_sk(request))
    applications.advance(tx, request.owner, request_id, SERVICE, "answered", actor=caller.actor)
    audit.record(
        tx,
        subject(request_id),
        "export-request-answered",
        caller.actor,
        owner=request.owner,
        after={"noticeId": notice_id},
    )
    tx.commit()
    return after


def listed(caller: auth.Principal, cursor: str | None) -> Requests:
    """The caller's own requests with their answers; the operator's: the open ones, by due date."""
    if caller.role == "operator":
        page = records.EXPORT.query(OPEN_LIST, cursor=cursor)
    else:
        page = records.EXPORT.query(f"REQUESTS#{caller.user_id}", cursor=cursor, newest_first=True)
    return Requests(items=[Request.model_validate(item) for item in page.items], cursor=page.cursor)
