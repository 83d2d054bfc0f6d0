"""POST /customs/goods/{barcode}/clearance: customs records the clearance; the goods leave the
importer's list (C3)."""

from __future__ import annotations

from typing import Annotated

from egov.customs import registry
from egov.customs.goods import BARCODE_PATTERN, Clearance, Goods
from egov.platform import auth
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

app = api()


@app.post(
    "/customs/goods/<barcode>/clearance",
    summary="Malın rəsmiləşdirilməsi / Clearance of goods",
    description="Gömrük malın rəsmiləşdirildiyini qeyd edir; mal idxalçının siyahısından çıxır "
    "(C3).\n\nCustoms records the clearance; the goods leave the importer's list (C3).",
)
def clear_goods(
    barcode: Annotated[str, Path(pattern=BARCODE_PATTERN)], body: Clearance
) -> Response[Goods]:
    officer = auth.require(app, "officer", agency=registry.AGENCY)
    return ok(registry.clear(barcode, body, officer.actor))


lambda_handler = entry(app)
