"""The embassy's worklist (E9, E10): its open tasks (`invite`, then `check`), soonest due first,
with the deadline, whether it has passed, the last alert and the files filed online (one keyed
query on `gsi1`, then each application's documents).

Apart from `egov.esign.embassy`'s actions so that the list loads none of what they use (the
certificate registry, the contracts, the review; issue 18).
"""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.esign.records import ESIGN, STATUS_TEXTS, from_item, subject
from egov.platform import attachments, clock


class Task(BaseModel):
    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    application_id: str
    registration_number: str
    task: Literal["invite", "check"]
    status_text: str
    due_at: datetime
    overdue: bool
    last_alert_at: datetime | None = None
    applicant: dict[str, Any]
    carrier: dict[str, Any]
    virtual_fin: str
    contract_number: str
    invitation: dict[str, Any] | None = None
    documents: list[attachments.Document] = Field(
        default_factory=list,
        description="E10: the files filed online, to compare with the originals; each at "
        "…/applications/{applicationId}/documents/{attachmentId}",
    )


class Tasks(BaseModel):
    model_config = ConfigDict(defer_build=True)

    items: list[Task]
    cursor: str | None = None


def tasks(embassy: str, *, cursor: str | None = None, limit: int = 50) -> Tasks:
    page = ESIGN.query(f"EMBASSY#{embassy}#TASKS", index="gsi1", cursor=cursor, limit=limit)
    now = clock.now()
    items = []
    for record in map(from_item, page.items):
        form = record.form
        assert form.applicant is not None and form.carrier is not None  # submitted
        assert record.task is not None and record.registration_number is not None
        assert record.virtual_fin is not None and record.contract_number is not None
        due = clock.parse(
            (record.invite_deadline if record.task == "invite" else record.check_deadline) or ""
        )
        items.append(
            Task(
                application_id=record.application_id,
                registration_number=record.registration_number,
                task=record.task,
                status_text=STATUS_TEXTS[record.status]["az"],
                due_at=due,
                overdue=now > due,
                last_alert_at=record.last_alert_at,
                applicant=form.applicant.model_dump(
                    mode="json",
                    by_alias=True,
                    exclude_none=True,
                    exclude={"secret_question", "secret_answer"},
                ),
                carrier=form.carrier.model_dump(mode="json", by_alias=True, exclude_none=True),
                virtual_fin=record.virtual_fin,
                contract_number=record.contract_number,
                invitation=record.invitation.model_dump(by_alias=True)
                if record.invitation
                else None,
                documents=attachments.documents(subject(record.application_id)),
            )
        )
    return Tasks(items=items, cursor=page.cursor)
