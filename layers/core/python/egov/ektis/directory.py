"""The directory of vets, insemination specialists and suppliers a farmer contacts (A3:
seed 004 §7.1.1.9–10): names, activities and the contacts they registered, nothing else (G8).

Items (EKTIS_TABLE), written with the subject's registration (subjects.register):
    DIRECTORY#<kind> / <name>#<subjectId>
"""

from __future__ import annotations

from egov.ektis import subjects
from egov.ektis.models import Directory, DirectoryEntry, Listed
from egov.ektis.subjects import TABLE, record
from egov.platform.auth import Principal


def listing(kind: Listed, caller: Principal) -> Directory:
    """A registered subject's (or the ministry's) view of one kind, by name."""
    if caller.role == "citizen":
        subjects.of_owner(caller.user_id)  # open to EKTİS subjects, not to every account
    entries = [
        DirectoryEntry.model_validate(record(item)) for item in TABLE.query_all(f"DIRECTORY#{kind}")
    ]
    return Directory(kind=kind, entries=entries)
