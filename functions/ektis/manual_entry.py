"""POST /ektis/manual-entries: an officer enters data by hand from a source document (A11)."""

from __future__ import annotations

from egov.ektis import manual
from egov.ektis.models import ManualEntry, ManualResult
from egov.platform import auth, idempotency
from egov.platform.http import api, created, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.post(
    "/ektis/manual-entries",
    summary="Əl ilə daxiletmə / Manual entry",
    description="Real vaxt mübadiləsi mümkün olmadıqda nazirliyin səlahiyyətli əməkdaşı məlumatı mənbə sənədi ilə əl ilə daxil edir; qeyd əl ilə daxil edilmiş kimi işarələnir (A11, Əsasnamə 5.3)."
    "\n\nWhere real-time exchange is not possible, an authorised officer of the ministry enters the data by hand with its source document; the record is marked as manual (A11, §5.3).",
    status_code=201,
)
def manual_entry(body: ManualEntry) -> Response[ManualResult]:
    caller = auth.require(app, "officer")
    return created(
        idempotency.once(app, caller.user_id, ManualResult, lambda: manual.enter(body, caller))
    )


lambda_handler = entry(app)
