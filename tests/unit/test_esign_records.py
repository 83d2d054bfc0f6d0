"""The e-signature application as stored reads back into `ApplicationRecord` and writes out the
same item, attribute for attribute (issue 11 item 7: the stored format does not change).

Each item below is what the service writes at that status (filing, review, center, embassy,
alerts, fee, changes). The round trip goes through DynamoDB's own wire format (`marshal`), so a
renamed, added, dropped or reformatted attribute, or a number turned into a string, fails."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from egov.esign.records import ApplicationRecord, Draft, from_item, save, stored_item
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction, marshal, unmarshal
from tests.conftest import EVENTS

# The sample form as a submission stores it: the `Draft`'s dump, defaults included.
FORM: dict[str, Any] = json.loads((EVENTS / "esign_application.json").read_text())
FORM["applicant"]["sealAuthority"] = False
ASAN_FORM: dict[str, Any] = {
    **FORM,
    "carrier": {"kind": "asan-sim", "operator": "Azercell", "mobile": "+994501234567"},
    "language": "en",
    "attachments": {"passportCopy": "a" * 32, "photo": "b" * 32},
    "other": {"company": {"name": "Müller Export GmbH"}, "signingScope": "both"},
}
ID = "0f" * 16
BASE: dict[str, Any] = {
    "pk": f"APPLICATION#{ID}",
    "sk": "APPLICATION",
    "applicationId": ID,
    "owner": "user-1",
    "createdAt": "2026-03-02T08:00:00Z",
    "updatedAt": "2026-03-02T09:00:00Z",
}
REGISTERED: dict[str, Any] = {
    **BASE,
    "status": "registered",
    "form": FORM,
    "version": 2,
    "registrationNumber": "EIMZA-2026-000042",
    "submittedAt": "2026-03-02T09:00:00Z",
    "reviewDeadline": "2026-03-05T20:00:00Z",
    "language": "az",
    "feePaymentId": "c" * 32,
}
ISSUED_VFIN: dict[str, Any] = {
    **REGISTERED,
    "status": "virtual-fin-issued",
    "version": 3,
    "virtualFin": "VAB3CD45",
    "virtualFinIssuedAt": "2026-03-05T20:00:01Z",
    "opinions": [
        {"agency": "DIN", "outcome": "approve"},
        {"agency": "XIN", "outcome": "silent"},
        {"agency": "DTX", "outcome": "approve"},
        {"agency": "XKX", "outcome": "approve"},
    ],
}
DECISION = {
    "decisionId": "d" * 32,
    "agency": "EIMZA",
    "outcome": "approve",
    "reason": "",
    "decidedAt": "2026-03-06T10:00:00Z",
    "decidedBy": "center-1",
}
AT_EMBASSY: dict[str, Any] = {
    **ISSUED_VFIN,
    "status": "at-embassy",
    "version": 4,
    "centerDecision": DECISION,
    "contractNumber": "EIMZA-MQ-2026-000042",
    "atEmbassyAt": "2026-03-06T10:00:01Z",
    "inviteDeadline": "2026-03-09T20:00:00Z",
    "task": "invite",
    "gsi1pk": "EMBASSY#EMB-DE#TASKS",
    "gsi1sk": f"2026-03-09T20:00:00Z#{ID}",
    "lastAlertAt": "2026-03-09T20:00:03Z",
    "taskToken": "token-of-the-invitation-wait",
    "waitingFor": "invitation",
}
INVITED: dict[str, Any] = {
    **AT_EMBASSY,
    "status": "invited",
    "version": 5,
    "invitation": {"at": "2026-03-16T09:30:00Z", "place": "Botschaft, Raum 2"},
    "invitedAt": "2026-03-10T07:00:00Z",
    "invitedBy": "officer-emb-de",
    "invitedLate": True,
    "checkDeadline": "2026-03-17T20:00:00Z",
    "task": "check",
    "gsi1sk": f"2026-03-17T20:00:00Z#{ID}",
    "taskToken": "token-of-the-check-wait",
    "waitingFor": "check",
}
DONE = {"gsi1pk": "EMBASSY#EMB-DE#DONE", "gsi1sk": ID}
ITEMS: dict[str, dict[str, Any]] = {
    "draft": {**BASE, "status": "draft", "form": {"carrier": {"kind": "token"}}, "version": 1},
    "draft-empty": {**BASE, "status": "draft", "form": {}, "version": 1},
    "registered": REGISTERED,
    "refused": {
        **REGISTERED,
        "status": "refused",
        "version": 3,
        "refusedBy": "DTX",
        "reasonKey": "esign.reason.refused-by-review",
    },
    "virtual-fin-issued": ISSUED_VFIN,
    "center-refused": {
        **ISSUED_VFIN,
        "status": "center-refused",
        "version": 4,
        "centerDecision": {**DECISION, "outcome": "reject", "reason": "Sənəd oxunmur"},
        "reasonText": "Sənəd oxunmur",
    },
    "at-embassy": AT_EMBASSY,
    "invited": INVITED,
    "issued": {
        **INVITED,
        **DONE,
        "status": "issued",
        "version": 8,
        "certificateSerial": "AB" * 8,
        "certificateValidTo": "2029-03-16T09:45:00Z",
        "contractsSignedAt": "2026-03-16T09:45:00Z",
        "carrierHandedOver": {"kind": "token", "id": "TKN-2026-0042", "at": "2026-03-16T09:45:00Z"},
        "checkedBy": "officer-emb-de",
        "dataChanges": [
            {
                "at": "2026-06-01T10:00:00Z",
                "applicationId": "1e" * 16,
                "fields": ["applicant.email"],
            }
        ],
    },
    "embassy-refused": {
        **INVITED,
        **DONE,
        "status": "embassy-refused",
        "version": 6,
        "checkedBy": "officer-emb-de",
        "mismatch": "Photo does not match",
        "reasonKey": "esign.reason.documents-mismatch",
        "virtualFinCancelledAt": "2026-03-16T09:45:00Z",
    },
    "data-changed": {
        **BASE,
        "status": "data-changed",
        "form": {**ASAN_FORM, "service": "change-data", "other": {"certificateSerial": "AB" * 8}},
        "version": 2,
        "certificateSerial": "AB" * 8,
        "initialApplicationId": "2d" * 16,
        "changedFields": ["applicant.email", "applicant.phones"],
        "submittedAt": "2026-06-01T10:00:00Z",
        "language": "en",
    },
    "asan-registered": {**REGISTERED, "form": ASAN_FORM},
}


@pytest.fixture(autouse=True)
def _table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESIGN_TABLE", "egov-EsignTable")  # a write names its table


def wire(item: dict[str, Any]) -> str:
    """The item as DynamoDB receives it, one attribute per key, in a stable order."""
    return json.dumps(marshal(item), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("status", sorted(ITEMS))
def test_every_status_round_trips_through_the_model_unchanged(status: str) -> None:
    """Issue 11 item 7: read back as the table gives it (numbers as Decimal), written out again:
    the same bytes on the wire, so the stored format cannot drift without this failing."""
    item = ITEMS[status]
    as_read = unmarshal(marshal(item))
    assert wire(stored_item(from_item(as_read))) == wire(item)
    # Checked again in full (as a form is when written), the same: the stored form is normal.
    assert wire(stored_item(ApplicationRecord.model_validate(as_read))) == wire(item)


def test_the_record_knows_every_attribute_the_service_writes() -> None:
    """No attribute of the items above is lost because the model lacks it."""
    written = {name for item in ITEMS.values() for name in item} - {"pk", "sk"}
    aliases = {field.alias for field in ApplicationRecord.model_fields.values()}
    assert written <= aliases


def test_a_change_writes_only_what_differs_under_the_status_and_version_read() -> None:
    """One `save`: SET what changed, REMOVE what went to None, next version, and only while the
    stored application is still at the status and version it was read at (409 otherwise)."""
    record = ApplicationRecord.model_validate(copy.deepcopy(ITEMS["at-embassy"]))
    tx = Transaction()
    after = save(tx, record, status="invited", task="check", task_token=None)
    (part,) = tx.parts
    update = part["Update"]
    names = update["ExpressionAttributeNames"]
    assert sorted(names[n] for n in names if n.startswith("#s")) == ["status", "task", "version"]
    assert [names[n] for n in names if n.startswith("#r")] == ["taskToken"]
    expected = {
        names[n]: update["ExpressionAttributeValues"][":" + n[1:]]
        for n in names
        if n.startswith("#c")
    }
    assert unmarshal(expected) == {"version": 4, "status": "at-embassy"}
    assert after.version == 5 and after.status == "invited" and after.task_token is None
    assert isinstance(tx.problems[0], Conflict)
    assert tx.problems[0].key == "application.changed"


def test_an_unversioned_write_takes_no_version_and_expects_nothing() -> None:
    """The escalation's `lastAlertAt` (E8–E10) goes beside whatever step the application is at."""
    record = ApplicationRecord.model_validate(copy.deepcopy(ITEMS["invited"]))
    tx = Transaction()
    after = save(tx, record, versioned=False, last_alert_at="2026-03-18T20:00:02Z")
    (part,) = tx.parts
    names = part["Update"]["ExpressionAttributeNames"]
    assert sorted(names.values()) == ["lastAlertAt"]
    assert part["Update"]["ConditionExpression"] == "attribute_exists(pk)"
    assert after.version == record.version
    tx = Transaction()
    save(tx, after, versioned=False, last_alert_at="2026-03-18T20:00:02Z")
    assert tx.parts == []  # a repeat writes nothing


def test_a_field_the_record_does_not_have_is_refused() -> None:
    record = ApplicationRecord.model_validate(ITEMS["draft"])
    with pytest.raises(TypeError):
        save(Transaction(), record, registrationNumber="EIMZA-2026-000001")


def test_the_stored_form_is_the_drafts_own_dump() -> None:
    """`form` is the `Draft` the applicant saved, stored as its camelCase dump without empties."""
    record = ApplicationRecord.model_validate(ITEMS["asan-registered"])
    assert isinstance(record.form, Draft)
    assert record.stored_form == ASAN_FORM
