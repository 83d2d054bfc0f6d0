"""The renewal service's records (RENEWAL_TABLE).

- `APP#<id>` / `APP`: an application, version-checked; in `gsi1` under `HEAD#<user id>` while it
  waits for the head's power of attorney (R7), soonest due first.
- `RENEWING#<serial>` / `GUARD`: one live renewal per certificate; released when it ends.
- `CERTINFO#<serial>` / `ASXM`: what ASXM holds about a business or state certificate besides the
  registry's record (organisation, VÖEN, position, unit, seal text, signing scope).
- `DOC#<user id>` / `<placed at>#<id>`: a signed document in the holder's "Incoming documents".
"""

from __future__ import annotations

from typing import Any, Literal

from egov.platform import audit_read, i18n
from egov.platform.problems import NotFound
from egov.platform.repository import Item, Table

RENEWAL = Table("RENEWAL_TABLE")
SERVICE = "renewal"
Status = Literal[
    "signing",
    "awaiting-attorney",
    "awaiting-activation",
    "with-asxm",
    "activated",
    "cancelled",
    "refused",
]

# The cabinet shows each status by these texts (egov.platform.applications).
i18n.register(
    {
        "renewal.status.signing": {
            "az": "Telefonda imza gözlənilir",
            "en": "Awaiting the signature on the phone",
        },
        "renewal.status.awaiting-attorney": {
            "az": "Rəhbərin etibarnaməni təsdiqi gözlənilir",
            "en": "Awaiting the head's power of attorney",
        },
        "renewal.status.awaiting-activation": {
            "az": "Mobil operatorda aktivləşdirmə gözlənilir",
            "en": "Awaiting activation at the mobile operator",
        },
        "renewal.status.with-asxm": {"az": "ASXM-də emaldadır", "en": "Being processed by ASXM"},
        "renewal.status.activated": {
            "az": "Sertifikat aktivləşdirildi",
            "en": "Certificate activated",
        },
        "renewal.status.cancelled": {"az": "Ləğv olundu", "en": "Cancelled"},
        "renewal.status.refused": {"az": "ASXM imtina etdi", "en": "Refused by ASXM"},
    }
)


def key(application_id: str) -> tuple[str, str]:
    return f"APP#{application_id}", "APP"


def subject(application_id: str) -> str:
    return f"RENEWAL#{application_id}"


def renewing(serial: str) -> str:
    return f"RENEWING#{serial}"


def load(application_id: str) -> Item:
    item = RENEWAL.get(*key(application_id))
    if item is None:
        raise NotFound("renewal.unknown", field="applicationId")
    return item


def certificate_info(serial: str) -> dict[str, Any] | None:
    """ASXM's business data of a certificate, None for a personal one."""
    item = RENEWAL.get(f"CERTINFO#{serial}", "ASXM")
    return dict(item["info"]) if item else None


def certificate_info_item(serial: str, info: dict[str, Any]) -> Item:
    return {"pk": f"CERTINFO#{serial}", "sk": "ASXM", "info": info}


# ASXM's staff read the trail of the applications they process (G8).
audit_read.handled_by("RENEWAL", lambda _: ("ASXM",))
