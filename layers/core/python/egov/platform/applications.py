"""Every application a user has made, of every service, in one cabinet list with its history.

A service records an application here in the transaction that files it (`track`) and every
later change of its status in the transaction that makes the change (`advance`), so the cabinet
can never show a state the service does not have. The service's own audit entry (G1) stays the
evidence; this is the owner's view of it.

Keys: `USER#<owner>` / `APPLICATION#<service>#<id>` for the item, and on `gsi1`
`APPLICATIONS#<owner>` / `<filed at>#<service>#<id>`, so the cabinet is one Query on the owner,
newest first. Titles, statuses and notes are i18n keys the service registers in az and en
(status `submitted` of service `export` is shown with the text `export.status.submitted`); the
texts are stored in both languages when recorded, so the cabinet needs no service's code.
"""

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from egov.platform import audit, clock, i18n
from egov.platform.auth import PLATFORM
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Transaction

LANGUAGES: tuple[i18n.Lang, ...] = ("az", "en")

i18n.register(
    {
        "application.exists": {
            "az": "Bu müraciət artıq qeydə alınıb",
            "en": "This application is already recorded",
        },
        "application.not-found": {"az": "Müraciət tapılmadı", "en": "No such application"},
    }
)


class ApplicationStep(BaseModel):
    model_config = ConfigDict(defer_build=True)

    status: str
    statusText: str
    at: str
    actorRole: str
    note: str | None = None


class Wait(BaseModel):
    """A step of the application that will wait on an agency's announced maintenance (X11)."""

    model_config = ConfigDict(defer_build=True)

    agency: str
    kind: str
    decisionId: str | None = None
    deadline: str
    start: str
    end: str
    note: str


class Application(BaseModel):
    model_config = ConfigDict(defer_build=True)

    applicationId: str
    service: str
    title: str
    status: str
    statusText: str
    filedAt: str
    updatedAt: str
    reference: str | None = None
    link: str | None = None
    history: list[ApplicationStep]
    waits: list[Wait] = Field(
        default_factory=list,
        description="Its steps that will wait during an agency's announced maintenance (X11)",
    )


class ApplicationPage(BaseModel):
    model_config = ConfigDict(defer_build=True)

    items: list[Application]
    cursor: str | None = None


def application_key(owner_user_id: str, service: str, application_id: str) -> tuple[str, str]:
    return f"USER#{owner_user_id}", f"APPLICATION#{service}#{application_id}"


def _texts(key: str, params: Mapping[str, object] | None = None) -> dict[str, str]:
    """The text in every language; a KeyError if the service did not register it."""
    return {lang: i18n.text(key, lang, params) for lang in LANGUAGES}


def _step(
    service: str,
    status: str,
    actor: audit.Actor,
    note: str | None,
    note_params: Mapping[str, object] | None,
) -> dict[str, Any]:
    return {
        "status": status,
        "statusText": _texts(f"{service}.status.{status}"),
        "at": clock.now_iso(),
        "actorRole": actor.role,
        "note": _texts(note, note_params) if note else None,
    }


def track(
    tx: Transaction,
    owner_user_id: str,
    application_id: str,
    service: str,
    status: str,
    title: str,
    *,
    actor: audit.Actor,
    title_params: Mapping[str, object] | None = None,
    reference: str | None = None,
    link: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Put a new application of `owner_user_id` into the service's filing transaction."""
    step = _step(service, status, actor, note, None)
    pk, sk = application_key(owner_user_id, service, application_id)
    item: dict[str, Any] = {
        "pk": pk,
        "sk": sk,
        "gsi1pk": f"APPLICATIONS#{owner_user_id}",
        "gsi1sk": f"{step['at']}#{service}#{application_id}",
        "applicationId": application_id,
        "service": service,
        "owner": owner_user_id,
        "title": _texts(title, title_params),
        "status": status,
        "filedAt": step["at"],
        "updatedAt": step["at"],
        "reference": reference,
        "link": link,
        "history": [step],
        "version": 1,
    }
    tx.put(PLATFORM, item, conflict=Conflict("application.exists", field="applicationId"))
    return item


def advance(
    tx: Transaction,
    owner_user_id: str,
    application_id: str,
    service: str,
    status: str,
    *,
    actor: audit.Actor,
    note: str | None = None,
    note_params: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """Append a status change to the application's history in the service's transaction.

    The change is conditional on the version read here, so two changes racing on one
    application cannot lose a step: the later commit fails with 409 and is retried.
    """
    pk, sk = application_key(owner_user_id, service, application_id)
    current = PLATFORM.get(pk, sk)
    if current is None:
        raise NotFound("application.not-found", field="applicationId")
    step = _step(service, status, actor, note, note_params)
    changes = {
        "status": status,
        "updatedAt": step["at"],
        "history": [*current["history"], step],
        "version": current["version"] + 1,
    }
    tx.update(
        PLATFORM,
        pk,
        sk,
        changes,
        expected={"version": current["version"]},
        conflict=Conflict("application.changed", field="applicationId"),
    )
    return {**current, **changes}


def remark(
    tx: Transaction,
    owner_user_id: str,
    application_id: str,
    service: str,
    *,
    actor: audit.Actor,
    note: str,
    note_params: Mapping[str, object] | None = None,
) -> None:
    """A step in the application's history that keeps its status (e.g. a deadline extended by
    the operator); nothing if the owner has no such application in the cabinet."""
    pk, sk = application_key(owner_user_id, service, application_id)
    current = PLATFORM.get(pk, sk)
    if current is not None:
        advance(
            tx,
            owner_user_id,
            application_id,
            service,
            current["status"],
            actor=actor,
            note=note,
            note_params=note_params,
        )


def of_owner(
    owner_user_id: str, lang: i18n.Lang, cursor: str | None, limit: int
) -> ApplicationPage:
    page = PLATFORM.query(
        f"APPLICATIONS#{owner_user_id}",
        index="gsi1",
        cursor=cursor,
        limit=limit,
        newest_first=True,
    )
    return ApplicationPage(items=[_shown(item, lang) for item in page.items], cursor=page.cursor)


def _shown(item: dict[str, Any], lang: i18n.Lang) -> Application:
    return Application(
        applicationId=item["applicationId"],
        service=item["service"],
        title=item["title"][lang],
        status=item["status"],
        statusText=item["history"][-1]["statusText"][lang],
        filedAt=item["filedAt"],
        updatedAt=item["updatedAt"],
        reference=item.get("reference"),
        link=item.get("link"),
        history=[
            ApplicationStep(
                status=step["status"],
                statusText=step["statusText"][lang],
                at=step["at"],
                actorRole=step["actorRole"],
                note=step["note"][lang] if step.get("note") else None,
            )
            for step in item["history"]
        ],
    )
