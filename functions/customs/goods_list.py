"""GET /customs/goods: the goods that crossed the border for the caller's VÖEN and are not yet
cleared, with every field of C2, page by page (C1, C2, C3)."""

from __future__ import annotations

from typing import Annotated

from egov.customs import importers, registry
from egov.customs.goods import GoodsList
from egov.platform import auth
from egov.platform.adapters.tax import Voen
from egov.platform.http import api, entry, ok
from egov.platform.repository import CURSOR_PATTERN

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

app = api()


@app.get(
    "/customs/goods",
    summary="Sərhəddə qeydə alınan mallar / Goods registered at the border",
    description="Daxil olmuş şəxsin VÖEN-i üzrə sərhədi keçmiş və rəsmiləşdirilməmiş mallar; "
    "mallar rəsmiləşdirildikdə siyahıdan silinir (C1-C3)."
    "\n\nGoods that crossed the border for the caller's VÖEN and are not yet cleared; cleared "
    "goods leave the list (C1-C3).",
)
def list_goods(
    voen: Annotated[Voen, Query()],
    cursor: Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = registry.PAGE,
) -> Response[GoodsList]:
    importer = importers.entitled(auth.principal(app), voen)
    return ok(registry.uncleared(importer, cursor=cursor, limit=limit))


lambda_handler = entry(app)
