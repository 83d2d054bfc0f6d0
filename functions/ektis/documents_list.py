"""GET /ektis/documents: the documents other systems placed in the caller's cabinet, with the
time placed and their notices' delivery results (A9; seed 004 §7.8-7.9)."""

from __future__ import annotations

from typing import Annotated

from egov.ektis import documents
from egov.ektis.models import DocumentList
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/ektis/documents",
    summary="Kabinetə daxil olan sənədlər / Documents in the cabinet",
    description="Digər sistemlərdən daxil olan sənədlər, yerləşdirilmə vaxtı və bildirişlərin "
    "çatdırılma nəticələri ilə (A9).\n\nDocuments from other systems, with the time placed and "
    "their notices' delivery results (A9).",
)
def list_documents(cursor: Annotated[str | None, Query()] = None) -> Response[DocumentList]:
    caller = auth.require(app, "citizen")
    return ok(documents.of_caller(caller, cursor=cursor))


lambda_handler = entry(app)
