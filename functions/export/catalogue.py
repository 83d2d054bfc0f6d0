"""GET /export/catalogue: goods produced in Azerbaijan and their producers, by name, HS code or
producer, page by page; public (X1, X3: informational services need no login)."""

from __future__ import annotations

from typing import Annotated

from egov.export import catalogue
from egov.platform.adapters.tax import Voen
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN
from egov.platform.trade import HsPrefix

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/export/catalogue",
    summary="Azərbaycan malları kataloqu / Catalogue of goods made in Azerbaijan",
    description="Azərbaycanda istehsal olunan mallar və onların istehsalçıları: ad, XİFMN kodu "
    "və ya istehsalçının VÖEN-i üzrə axtarış (X1).\n\nGoods produced in Azerbaijan and their "
    "producers, searched by name, HS code or the producer's VÖEN (X1).",
)
def search(
    q: Annotated[catalogue.SearchText | None, Query()] = None,
    hs: Annotated[HsPrefix | None, Query()] = None,
    producer: Annotated[Voen | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = catalogue.PAGE,
) -> Response[catalogue.Catalogue]:
    return ok(catalogue.search(q=q, hs=hs, producer=producer, cursor=cursor, limit=limit))


lambda_handler = entry(app)
