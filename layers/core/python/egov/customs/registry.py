"""How goods at the border are kept in CustomsTable (`CUSTOMS_TABLE`), keyed for every read
(DESIGN rule 4; C2, C3).

- `GOODS#<barcode>` / `GOODS`: the consignment. A barcode is registered once: a second
  registration with the same fields is the same event told again (a border post's retry) and
  changes nothing; with other fields it is a 409.
- While not cleared, the record is in `gsi1` under `IMPORTER#<voen>`, sorted by registration time
  and barcode: the importer's list (C2) is one Query of that partition whatever the number of
  importers and goods; the keys are removed in the clearance's transaction, so cleared goods
  leave the list (C3) without a filter.
- While not cleared and not yet alerted, it is in `gsi2` under `DUE`, sorted by its delivery
  deadline: the sweep reads the overdue ones as one key range (`sk <= now`), alerts customs once
  for each (the keys go with the alert), and never reads the rest.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from egov.customs.goods import Clearance, Goods, GoodsList, Importer, Registration
from egov.platform import audit, audit_read, clock, i18n, webhooks
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Item, Table, Transaction

CUSTOMS = Table("CUSTOMS_TABLE")
RECORD = "GOODS"
DUE = "DUE"
AGENCY = "DGK"  # the State Customs Committee: its officers clear goods and get the alerts
OVERDUE = "customs.goods-overdue"
PAGE = 20
SYSTEM = audit.Actor.system("customs-deadline")

audit_read.handled_by("GOODS", lambda _barcode: (AGENCY,))

i18n.register(
    {
        "customs.goods.unknown": {
            "az": "Bu barkodla mal qeydə alınmayıb",
            "en": "No goods are registered with this barcode",
        },
        "customs.goods.registered": {
            "az": "Bu barkodla başqa məlumatlarla mal artıq qeydə alınıb",
            "en": "Goods with this barcode are already registered with other details",
        },
        "customs.goods.cleared": {
            "az": "Mal artıq rəsmiləşdirilib",
            "en": "The goods are already cleared",
        },
    }
)


def goods_pk(barcode: str) -> str:
    return f"GOODS#{barcode}"


def importer_key(voen: str) -> str:
    return f"IMPORTER#{voen}"


def _fields(registration: Registration, registered_at: str) -> dict[str, Any]:
    deadline = clock.parse(registered_at) + timedelta(hours=registration.delivery_hours)
    fields = registration.model_dump(mode="json", by_alias=True, exclude={"registered_at"})
    return {**fields, "registeredAt": registered_at, "deliveryDeadline": clock.iso(deadline)}


def register(registration: Registration, actor: audit.Actor) -> tuple[Goods, bool]:
    """Record goods that crossed the border; (the goods, whether this call recorded them)."""
    registered_at = clock.iso(registration.registered_at or clock.now())
    fields = _fields(registration, registered_at)
    barcode = registration.barcode
    order = f"{registered_at}#{barcode}"
    item: Item = {
        "pk": goods_pk(barcode),
        "sk": RECORD,
        **fields,
        "gsi1pk": importer_key(registration.importer_voen),
        "gsi1sk": order,
        "gsi2pk": DUE,
        "gsi2sk": f"{fields['deliveryDeadline']}#{barcode}",
    }
    tx = Transaction()
    tx.put(CUSTOMS, item, conflict=Conflict("customs.goods.registered", field="barcode"))
    audit.record(tx, goods_pk(barcode), "goods-registered", actor, after=fields)
    try:
        tx.commit()
    except Conflict:
        stored = CUSTOMS.get(goods_pk(barcode), RECORD)
        if stored is None or _differs(stored, registration):
            raise
        return view(stored), False
    return view(item), True


def _differs(stored: Item, registration: Registration) -> bool:
    """Whether the stored goods are another registration than this one (a true conflict)."""
    told = registration.model_dump(mode="json", by_alias=True, exclude={"registered_at"})
    return any(stored.get(k) != v for k, v in told.items() if v is not None)


def clear(barcode: str, clearance: Clearance, actor: audit.Actor) -> Goods:
    """Customs records the clearance; the goods leave the importer's list (C3)."""
    stored = CUSTOMS.get(goods_pk(barcode), RECORD)
    if stored is None:
        raise NotFound("customs.goods.unknown", field="barcode")
    changes: Item = {"clearedAt": clock.now_iso(), "clearedBy": actor.id}
    if clearance.declaration:
        changes["declaration"] = clearance.declaration
    tx = Transaction()
    tx.update(
        CUSTOMS,
        goods_pk(barcode),
        RECORD,
        changes,
        expected={"clearedAt": None},
        conflict=Conflict("customs.goods.cleared", field="barcode"),
        remove=("gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"),
    )
    audit.record(tx, goods_pk(barcode), "goods-cleared", actor, after=changes)
    tx.commit()
    return view({**stored, **changes})


def uncleared(importer: Importer, *, cursor: str | None = None, limit: int = PAGE) -> GoodsList:
    """The importer's goods not yet cleared, oldest first: one Query (C2)."""
    page = CUSTOMS.query(importer_key(importer.voen), index="gsi1", cursor=cursor, limit=limit)
    return GoodsList(importer=importer, items=[view(i) for i in page.items], cursor=page.cursor)


def alert_overdue(limit: int = 100) -> int:
    """Alert customs once for each consignment whose delivery deadline passed uncleared."""
    now = clock.now_iso()
    page = CUSTOMS.query(DUE, index="gsi2", sk_between=("0", f"{now}#~"), limit=limit)
    alerted = 0
    for item in page.items:
        tx = Transaction()
        tx.update(
            CUSTOMS,
            item["pk"],
            RECORD,
            {"alertedAt": now},
            expected={"gsi2pk": DUE, "clearedAt": None},
            conflict=Conflict("customs.goods.cleared", field="barcode"),
            remove=("gsi2pk", "gsi2sk"),
        )
        audit.record(
            tx,
            item["pk"],
            "goods-overdue",
            SYSTEM,
            after={"deliveryDeadline": item["deliveryDeadline"], "alertedAt": now},
        )
        data = {k: item[k] for k in ("barcode", "importerVoen", "destinationOffice")}
        webhooks.enqueue(
            webhooks.message(
                AGENCY,
                OVERDUE,
                {**data, "deliveryDeadline": item["deliveryDeadline"]},
                webhook_id=f"customs-overdue-{item['barcode']}",
            ),
            tx=tx,
        )
        try:
            tx.commit()
        except Conflict:
            continue  # cleared, or alerted by a sweep that ran alongside: nothing owed
        alerted += 1
    return alerted


_FIELDS = [f.alias or name for name, f in Goods.model_fields.items()]


def view(item: Item) -> Goods:
    return Goods.model_validate({k: item[k] for k in _FIELDS if k in item})
