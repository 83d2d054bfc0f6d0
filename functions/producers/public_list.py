"""GET /producers: approved producers, by region or by product, page by page (P5, P9)."""

from __future__ import annotations

from typing import Annotated

from egov.platform.http import api, entry, language, ok
from egov.producers import listing
from egov.producers.catalog import ProductCode

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/producers",
    summary="Təsdiqlənmiş istehsalçılar / Approved producers",
    description="Region və ya məhsul üzrə təsdiqlənmiş istehsalçılar; hər biri üçün kimin "
    "təsdiq etdiyi: nazirlik, ASAN-da şəxsən qeydiyyat və ya satıcı (P5, P9)."
    "\n\nApproved producers by region or product, keyed queries only; each says who vouches "
    "for it: the ministry, registration in person at ASAN, or a seller (P5, P9).",
)
def public_list(
    region: Annotated[str | None, Query(max_length=100)] = None,
    product: Annotated[ProductCode | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = listing.PAGE,
) -> Response[listing.ProducerList]:
    return ok(
        listing.public_list(
            lang=language(app), region=region, product=product, cursor=cursor, limit=limit
        )
    )


lambda_handler = entry(app)
