"""POST /ektis/subsidies: the subject applies for a subsidy on its declaration (A3, A4)."""

from __future__ import annotations

from egov.ektis import subsidy
from egov.ektis.models import Subsidy, SubsidyRequest
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/subsidies",
    summary="Subsidiya müraciəti / Apply for a subsidy",
    description="Bəyannamə əsasında müraciət; eyni sahə eyni mövsümdə iki dəfə subsidiya ala "
    "bilməz; nazirlik müddət ərzində qərar verir (A3, A4).\n\nAn application on a declaration; "
    "no parcel is subsidised twice in a season; the ministry decides within its deadline "
    "(A3, A4).",
    status_code=201,
)
def apply_subsidy(body: SubsidyRequest) -> Response[Subsidy]:
    caller = auth.require(app, "citizen")
    return created(
        idempotency.once(app, caller.user_id, Subsidy, lambda: subsidy.apply(body, caller))
    )


lambda_handler = entry(app)
