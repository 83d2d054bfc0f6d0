"""GET /export/applications/{applicationId}: the status page of an export application, every
permit with its agency, deadline and why, and the customs declaration (X4, X5)."""

from __future__ import annotations

from egov.export import filing, permit_events
from egov.export.permit_events import StatusPage
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/export/applications/<applicationId>",
    summary="İxrac ərizəsinin vəziyyəti / Export application status",
    description="Hər icazə, onu verən orqan, müddəti, nə üçün tələb olunduğu və vəziyyəti "
    "(mətnlər Accept-Language ilə seçilən bir dildə, susmaya görə azərbaycanca); "
    "icazənin hadisələri; gömrük bəyannaməsi və nəticəsi; icazələrin vəziyyətinə görə "
    "mümkün olanlar: bəyannamə, şikayət; icazəni verən orqanın elan etdiyi texniki işlər "
    "(X4, X5, X8, X9, X11).\n\nEvery permit with its agency, deadline, why "
    "it is needed and where it stands (texts in one language chosen by Accept-Language, "
    "Azerbaijani by default), with each permit's events; the customs declaration and "
    "its result; what the permits' states allow: the declaration, a complaint; the technical "
    "works a permit's agency announced before its deadline (X4, X5, X8, X9, X11).",
)
def application(applicationId: str) -> Response[StatusPage]:
    caller = auth.require(app, "citizen")
    return ok(permit_events.status_page(filing.owned(applicationId, caller), language(app)))


lambda_handler = entry(app)
