"""POST /export/applications: the single export application, its permits decided and asked of
their agencies at once (X4)."""

from __future__ import annotations

from egov.export import filing
from egov.export.models import Application, ApplicationForm
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/applications",
    summary="Vahid ixrac ərizəsi / Single export application",
    description="İxracatçının məlumatları vergi reyestrindən götürülür; malların tələb etdiyi "
    "icazələr müəyyən edilir və hər biri öz orqanına eyni anda göndərilir; ixrac təşviqi yalnız "
    "qeyri-neft məhsullarına (X4). Idempotency-Key başlığı təkrarı təhlükəsiz edir.\n\nThe "
    "exporter's data comes from the tax registry; the permits the goods need are decided and "
    "each is sent to its agency at once; an export incentive is for non-oil goods only (X4). "
    "An Idempotency-Key header makes a retry safe.",
    status_code=201,
)
def apply(body: ApplicationForm) -> Response[Application]:
    caller = auth.require(app, "citizen")
    filed = idempotency.once(app, caller.user_id, Application, lambda: filing.file(body, caller))
    return created(filed, f"/export/applications/{filed.application_id}")


lambda_handler = entry(app)
