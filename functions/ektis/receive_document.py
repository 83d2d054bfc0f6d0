"""POST /ektis/documents: a document an agency's system sends a subject through the exchange
(EHİS), signed; placed in the cabinet with e-mail and SMS notices, once per message and per the
agency's document id (A9; seed 004 §7.8)."""

from __future__ import annotations

from egov.ektis import documents
from egov.platform.http import NO_CONTENT, api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/documents",
    summary="Digər sistemdən daxil olan sənəd / A document from another system",
    description="Qurumun sistemi EHİS vasitəsilə imzalı mesajla sənəd göndərir; sənəd "
    "subyektin kabinetində yerləşdirilir, e-poçt və SMS ilə bildirilir (A9).\n\nAn agency's "
    "system sends a document through the exchange (EHİS) in a signed message; it is placed in "
    "the subject's cabinet and announced by e-mail and SMS (A9).",
    responses=NO_CONTENT,
)
def receive() -> Response[None]:
    event = app.current_event
    documents.receive(event.decoded_body or "", event.headers or {})
    return Response(status_code=204)


lambda_handler = entry(app)
