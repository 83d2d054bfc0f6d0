"""The holder's "Incoming documents" from ASXM (R9): sealed documents, newest first, each with
whether its seal holds."""

from __future__ import annotations

from typing import Any

from egov.platform.models import View
from egov.renewal import documents
from egov.renewal.records import RENEWAL


class Document(View):
    document_id: str
    name: str
    placed_at: str
    seal_holds: bool
    sealed: dict[str, Any]


class Documents(View):
    documents: list[Document]


def of(user_id: str) -> Documents:
    page = RENEWAL.query(f"DOC#{user_id}", limit=50, newest_first=True)
    return Documents(
        documents=[
            Document(
                document_id=item["documentId"],
                name=item["name"],
                placed_at=item["sk"].split("#", 1)[0],
                seal_holds=documents.seal_holds(item["sealed"]),
                sealed=item["sealed"],
            )
            for item in page.items
        ]
    )
