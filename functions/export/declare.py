"""POST /export/applications/{applicationId}/declaration: the export customs declaration, filled
from the application with the contract and every permit attached, sent to customs (X5)."""

from __future__ import annotations

from egov.export import declaration
from egov.export.models import Application, DeclarationForm
from egov.platform import auth, idempotency
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/applications/<applicationId>/declaration",
    summary="İxrac gömrük bəyannaməsi / Export customs declaration",
    description="Bəyannamə ərizədən doldurulur, xarici müqavilə və bütün icazələr əlavə olunur "
    "və gömrük orqanına göndərilir; nəticə (buraxıldı və ya səbəbi ilə imtina) kabinetə düşür "
    "(X5). Idempotency-Key başlığı təkrarı təhlükəsiz edir.\n\nThe declaration is filled from "
    "the application with the foreign contract and every permit attached and sent to customs; "
    "the result (released, or refused with the reason) reaches the cabinet (X5). An "
    "Idempotency-Key header makes a retry safe.",
)
def declare(applicationId: str, body: DeclarationForm) -> Response[Application]:
    caller = auth.require(app, "citizen")
    sent = idempotency.once(
        app,
        caller.user_id,
        Application,
        lambda: declaration.declare(applicationId, body, caller),
    )
    return ok(sent)


lambda_handler = entry(app)
