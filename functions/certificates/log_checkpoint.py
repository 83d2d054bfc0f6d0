"""GET /certificates/log/checkpoint: the registry log's newest signed checkpoint (C2SP
tlog-checkpoint note, text/plain), published after every change (E15)."""

from __future__ import annotations

from egov.certificates import log
from egov.platform.http import api, entry

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/certificates/log/checkpoint",
    summary="Jurnalın imzalı başlığı / Log checkpoint",
    description="Merkle jurnalının imzalanmış başlığı (E15).\n\nThe signed tree head (E15).",
    responses={
        200: {
            "description": "The signed checkpoint note",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    },
)
def checkpoint() -> Response[str]:
    return Response(
        status_code=200,
        content_type="text/plain; charset=utf-8",
        body=log.checkpoint(),
        headers={"Cache-Control": "no-store"},
    )


lambda_handler = entry(app)
