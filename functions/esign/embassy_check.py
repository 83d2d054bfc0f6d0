"""POST /esign/embassies/{embassy}/applications/{applicationId}/check: in-person check (E10)."""

from __future__ import annotations

from egov.esign import embassy as embassies
from egov.esign import records
from egov.esign.records import Application
from egov.platform import auth
from egov.platform.http import api, entry, language, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/esign/embassies/<embassy>/applications/<applicationId>/check",
    summary="Səfirlikdə yoxlama / Check at the embassy",
    description="Şəxsən yoxlama; sertifikat verilir və ya virtual FİN ləğv edilir (E10, E12)."
    "\n\nIn-person check; certificate issued or virtual FIN cancelled (E10, E12).",
)
def check(embassy: str, applicationId: str, body: embassies.CheckBody) -> Response[Application]:
    officer = auth.require(app, "officer", agency=embassy)
    return ok(records.view(embassies.check(applicationId, embassy, body, officer), language(app)))


lambda_handler = entry(app)
