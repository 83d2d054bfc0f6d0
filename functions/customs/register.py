"""POST /customs/goods: a customs officer registers goods that crossed the border (C3)."""

from __future__ import annotations

from egov.customs import registry
from egov.customs.goods import Goods, Registration
from egov.platform import auth
from egov.platform.http import api, created, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/customs/goods",
    summary="Malı sərhəddə qeydə almaq / Register goods at the border",
    description="Gömrük əməkdaşı sərhədi keçən malı qeydə alır; eyni barkodun təkrarı heç nəyi "
    "dəyişmir (C2, C3).\n\nA customs officer registers goods that crossed the border; the same "
    "barcode told again changes nothing (C2, C3).",
    status_code=201,
)
def register_goods(body: Registration) -> Response[Goods]:
    officer = auth.require(app, "officer", agency=registry.AGENCY)
    goods, recorded = registry.register(body, officer.actor)
    return created(goods, f"/customs/goods/{goods.barcode}") if recorded else ok(goods)


lambda_handler = entry(app)
