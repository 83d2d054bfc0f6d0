"""The State Land Cadastre (seed 004 §5.1.2, §5.1.6): a land parcel by its cadastre number, with
its registered area, land category, district and right holder (issue 17 item 4, A10).

EKTİS reconciles the parcels its subjects declare against this record; the cadastre, not the
declaration, settles how large a parcel is and who holds it.
"""

from __future__ import annotations

from typing import Literal

from egov.platform import i18n
from egov.platform.adapters._model import Record
from egov.platform.adapters.base import SystemClient, register_system

register_system(
    "cadastre",
    {"az": "Dövlət torpaq kadastrı", "en": "The State Land Cadastre"},
)
i18n.register(
    {
        "cadastre.unknown": {
            "az": "Bu kadastr nömrəsi dövlət torpaq kadastrında tapılmadı",
            "en": "This cadastre number is not in the State Land Cadastre",
        }
    }
)


class CadastreParcel(Record):
    cadastre_id: str
    region: str
    area_ha: float
    category: str
    holder: str
    right: Literal["ownership", "lease", "use"]


class Cadastre:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def parcel(self, cadastre_id: str, *, field: str = "cadastreId") -> CadastreParcel:
        """The cadastre's record; `NotFound("cadastre.unknown", field)` if it holds none."""
        body = self.client.get(f"/parcels/{cadastre_id}", field=field, not_found="cadastre.unknown")
        return CadastreParcel.model_validate(body)
