"""POST /export/catalogue: the portal's operator adds goods made in Azerbaijan with their
producer, named from the producer or tax registry (X1)."""

from __future__ import annotations

from egov.export import catalogue
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/export/catalogue",
    summary="Kataloqa mal əlavə etmək / Add goods to the catalogue",
    description="Portalın operatoru Azərbaycanda istehsal olunan malı istehsalçısı ilə əlavə "
    "edir; istehsalçının adı reyestrdən götürülür (X1).\n\nThe portal's operator adds goods "
    "made in Azerbaijan with their producer, named from the registries (X1).",
    status_code=201,
)
def add(body: catalogue.NewEntry) -> Response[catalogue.Entry]:
    operator = auth.require(app, "operator")
    entry_ = idempotency.once(
        app, operator.user_id, catalogue.Entry, lambda: catalogue.add(body, operator.actor)
    )
    return created(entry_, f"/export/catalogue/{entry_.id}")


lambda_handler = entry(app)
