"""The export applications' records (EXPORT_TABLE, beside the catalogue's items).

- `APP#<id>` / `APPLICATION`: an export application with its permits and, once sent, its
  customs declaration; version-checked.

Each permit is asked of its agency under its own exchange subject, `EXPORT#<id>#<permit>`, so
that a request withdrawn or deemed answered is exactly that permit's.
"""

from __future__ import annotations

from typing import Any

from egov.export import permits
from egov.export.models import Application
from egov.platform import audit_read
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Table, Transaction

EXPORT = Table("EXPORT_TABLE")
SERVICE = "export"
KIND = "EXPORTAPP"


def key(application_id: str) -> tuple[str, str]:
    return f"APP#{application_id}", "APPLICATION"


def subject(application_id: str) -> str:
    """The application's audit subject."""
    return f"{KIND}#{application_id}"


def permit_subject(application_id: str, code: str) -> str:
    """One permit's subject at the agency exchange."""
    return f"EXPORT#{application_id}#{code}"


def load(application_id: str) -> Application:
    item = EXPORT.get(*key(application_id))
    if item is None:
        raise NotFound("export.application.unknown", field="applicationId")
    return Application.model_validate(item)


def item_of(application: Application) -> dict[str, Any]:
    pk, sk = key(application.application_id)
    return {"pk": pk, "sk": sk, **application.model_dump(mode="json", by_alias=True)}


def save(before: Application, after: Application, tx: Transaction) -> None:
    """The one write path of a change: the whole record, on the version read."""
    after.version = before.version + 1
    tx.put(
        EXPORT,
        item_of(after),
        expected={"version": before.version},
        conflict=Conflict("export.changed", field="applicationId"),
    )


# The permit agencies' staff read the trail of the applications they decide on (G8).
audit_read.handled_by(KIND, lambda _: tuple(permits.agencies()))
