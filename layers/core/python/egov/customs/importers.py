"""Which importer a signed-in person may list (C1, C2, G8).

The customs service finds the goods "by the VÖEN of the logged-in person": a person lists the
goods of a VÖEN whose taxpayer the tax registry shows them heading (a company's head, or the
entrepreneur themselves). The person is known by the FIN their account is linked to
(`mobile_id.fin_of`: `USER#<id>` / `FIN` in PLATFORM_TABLE, the link an ASAN İmza login makes,
C1); an account with no FIN, or another person's VÖEN, is refused with a 403 naming `voen`, and
the refusal is audited like every other (G8).
"""

from __future__ import annotations

from egov.customs.goods import Importer
from egov.platform import adapters, audit, auth, i18n, mobile_id
from egov.platform.problems import Forbidden

i18n.register(
    {
        "customs.voen.not-yours": {
            "az": "Bu VÖEN üzrə malların siyahısına baxmaq hüququnuz yoxdur",
            "en": "You may not see the goods of this VÖEN",
        }
    }
)


def entitled(caller: auth.Principal, voen: str) -> Importer:
    """The importer `voen` if the caller heads it in the tax registry, else 403."""
    fin = mobile_id.fin_of(caller.user_id)
    taxpayer = adapters.tax().taxpayer(voen) if fin else None
    if taxpayer is None or taxpayer.head.fin != fin:
        audit.append(
            auth.access_subject(caller.user_id),
            auth.ACCESS_REFUSED,
            caller.actor,
            owner=caller.user_id,
            after={"path": "/customs/goods", "voen": voen},
        )
        raise Forbidden("customs.voen.not-yours", field="voen")
    return Importer(voen=taxpayer.voen, name=taxpayer.name, address=taxpayer.address)
