"""The register of virtual FINs (E6, E7, §1.2.6–1.2.7, §2.13).

A virtual FIN is a unique letters-and-digits identifier: `V` and seven characters drawn from
digits and capital letters without the look-alikes 0/O and 1/I, with at least one letter and one
digit. Its eight characters keep it apart from the 7-character FIN of the ID card. Each code has
a register item `VFIN#<code>` / `GUARD` put only if absent, in the transaction that gives it to
the application, so two applications can never hold the same code; a cancelled code keeps its
item (status `cancelled`) and therefore can never be issued again.

An Azerbaijani citizen living abroad gets his existing FIN as the virtual FIN (§2.8), checked
against the population registry at submission (`filing`). The first application that uses it
creates its register item; a later one never overwrites it (the first application, its status and
dates stay the evidence) and records its own use under the code (`VFIN#<code>` /
`APPLICATION#<id>`), which its cancellation (§2.13) marks.
"""

from __future__ import annotations

import secrets
from typing import Literal

from pydantic import Field

from egov.esign.records import ESIGN
from egov.platform import clock
from egov.platform.models import View
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PREFIX = "V"
LENGTH = 7
Kind = Literal["generated", "citizen-fin"]


class Entry(View):
    """A register item: the code's (`GUARD`), or an application's use of a citizen's FIN."""

    owner: str = Field(description="The application the code was given to")
    kind: Kind
    status: Literal["active", "cancelled"]
    issued_at: str
    cancelled_at: str | None = None


def new_code() -> str:
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if any(c.isalpha() for c in body) and any(c.isdigit() for c in body):
            return PREFIX + body


def key(code: str) -> tuple[str, str]:
    return f"VFIN#{code}", "GUARD"


def _use_key(code: str, application_id: str) -> tuple[str, str]:
    return f"VFIN#{code}", f"APPLICATION#{application_id}"


def register(tx: Transaction, code: str, application_id: str, kind: Kind, at: str) -> None:
    """Put the code's register item into `tx`, only where there is none (409 if one appeared
    meanwhile). A citizen's FIN already in the register is left as it is: the application's use
    of it is recorded beside it."""
    pk, sk = key(code)
    if kind == "citizen-fin" and ESIGN.get(pk, sk) is not None:
        pk, sk = _use_key(code, application_id)
    entry = Entry(owner=application_id, kind=kind, status="active", issued_at=at)
    tx.put(
        ESIGN,
        {"pk": pk, "sk": sk, **entry.model_dump(by_alias=True, exclude_none=True)},
        conflict=Conflict("esign.vfin-taken", field="virtualFin"),
    )


def cancel(tx: Transaction, code: str, application_id: str) -> None:
    """§2.13: the embassy's record that the virtual FIN is cancelled; the code stays taken. For
    a citizen's FIN that another application registered first, this application's use is."""
    item = ESIGN.get(*key(code))
    held_by_use = item is not None and Entry.model_validate(item).owner != application_id
    tx.update(
        ESIGN,
        *(_use_key(code, application_id) if held_by_use else key(code)),
        {"status": "cancelled", "cancelledAt": clock.now_iso()},
        expected={"owner": application_id, "status": "active"},
        conflict=Conflict("esign.vfin-not-held", field="virtualFin"),
    )
