"""The catalogue of goods produced in Azerbaijan and of their producers (X1; seed 001 part 2,
§1.2, §4.1.1): public, searchable by name, HS (XİFMN) code and producer, page by page.

Every search is one Query of one partition in ExportTable (`EXPORT_TABLE`), so a page costs the
same however large the catalogue grows (DESIGN rule 4). An entry is written with its index items
in one transaction; each index item carries the public view, so a page needs no second read:

- `ENTRY#<id>` / `ENTRY`: the entry itself.
- `ALL` / `<folded name>#<id>`: every entry, by name.
- `NAME#<first 2 letters>` / `<folded words from the i-th>#<id>`: one item per word of the
  Azerbaijani and the English name, keyed by the name from that word on, so a search matches a
  phrase that starts at any word ("ləpə" finds "Fındıq ləpəsi"). Names are folded the way people
  type them: Azerbaijani I-letters as one (as login names are, `auth.login_name_key`), and ə, ğ,
  ö, ü, ş, ç as e, g, o, u, s, c for keyboards without them ("findiq lepesi").
- `HS#<chapter>` / `<hs code>#<id>`: by HS code; a search gives its first 2-10 digits.
- `MAKER#<voen>` / `<folded name>#<id>`: the goods of one producer.

The producer is named from the producer registry when its VÖEN is registered there (with its
producer id, so the portal links to it), otherwise from the tax registry.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from egov.platform import adapters, audit, auth, clock, i18n
from egov.platform.adapters.tax import Voen
from egov.platform.models import Form as Model
from egov.platform.problems import Invalid
from egov.platform.repository import Item, Page, Table, Transaction
from egov.platform.text import Clean, Text
from egov.platform.trade import HsCode
from egov.producers.records import PRODUCERS, PROFILE, voen_guard

EXPORT = Table("EXPORT_TABLE")
ENTRY = "ENTRY"
ALL = "ALL"
PAGE = 20
MIN_SEARCH = 2
MAX_WORDS = 12  # each word is an index item; both names' items fit one transaction
_FOLD = str.maketrans({"ə": "e", "ğ": "g", "ö": "o", "ü": "u", "ş": "s", "ç": "c"})

i18n.register(
    {
        "export.catalogue.one-filter": {
            "az": "Axtarış yalnız bir meyarla aparılır: ad, XİFMN kodu və ya istehsalçı",
            "en": "Search by one criterion only: name, HS code or producer",
        },
        "export.catalogue.name-long": {
            "az": "Ad ən çoxu 12 sözdən ibarət ola bilər",
            "en": "A name may have at most 12 words",
        },
        "export.catalogue.short": {
            "az": "Axtarış üçün ən azı 2 hərf daxil edin",
            "en": "Type at least 2 letters to search",
        },
    }
)

SearchText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), Clean]


class NewEntry(Model):
    """Goods made in Azerbaijan, named in Azerbaijani and English, with their producer (X1)."""

    name_az: Annotated[Text, AfterValidator(lambda name: _few_words(name))]
    name_en: Annotated[Text, AfterValidator(lambda name: _few_words(name))]
    hs_code: HsCode
    producer_voen: Voen


class Producer(Model):
    voen: str
    name: str
    producer_id: str | None = None
    """The producer registry's id, when the producer is registered there."""


class Entry(Model):
    id: str
    name_az: str
    name_en: str
    hs_code: str
    producer: Producer


class Catalogue(Model):
    items: list[Entry]
    cursor: str | None = None


def fold(text: str) -> str:
    """How names are compared: Azerbaijani-aware case folding, letters without their marks."""
    return auth.login_name_key(text).translate(_FOLD)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _few_words(name: str) -> str:
    if not words(name):
        raise PydanticCustomError("field.invalid", "A name needs a word")
    if len(words(name)) > MAX_WORDS:
        raise PydanticCustomError("export.catalogue.name-long", "Too many words")
    return name


def _suffixes(name: str) -> list[str]:
    parts = words(name)
    return [" ".join(parts[i:]) for i in range(len(parts))]


def _producer(voen: str) -> Producer:
    guard = PRODUCERS.get(voen_guard(voen), "GUARD")
    if guard:
        record = PRODUCERS.get(f"PRODUCER#{guard['owner']}", PROFILE)
        if record and record.get("status") == "approved":
            return Producer(voen=voen, name=record["displayName"], producer_id=record["id"])
    return Producer(voen=voen, name=adapters.tax().taxpayer(voen, field="producerVoen").name)


def _index_items(entry: Entry) -> list[Item]:
    view = entry.model_dump(mode="json", by_alias=True)
    ordered = f"{fold(entry.name_az)}#{entry.id}"
    keys = {
        (ALL, ordered),
        (f"HS#{entry.hs_code[:2]}", f"{entry.hs_code}#{entry.id}"),
        (f"MAKER#{entry.producer.voen}", ordered),
    }
    for name in (entry.name_az, entry.name_en):
        for suffix in _suffixes(name):
            keys.add((f"NAME#{suffix[:MIN_SEARCH]}", f"{suffix}#{entry.id}"))
    return [{"pk": pk, "sk": sk, "entry": view} for pk, sk in sorted(keys)]


def add(new: NewEntry, actor: audit.Actor) -> Entry:
    """Put goods into the catalogue with every index item, in one transaction."""
    entry = Entry(
        id=uuid.uuid4().hex,
        name_az=new.name_az,
        name_en=new.name_en,
        hs_code=new.hs_code,
        producer=_producer(new.producer_voen),
    )
    view = entry.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    tx.put(EXPORT, {"pk": f"ENTRY#{entry.id}", "sk": ENTRY, **view, "addedAt": clock.now_iso()})
    for item in _index_items(entry):
        tx.put(EXPORT, item, new=False)
    audit.record(tx, f"CATALOGUE#{entry.id}", "catalogue-entry-added", actor, after=view)
    tx.commit()
    return entry


def search(
    *,
    q: str | None = None,
    hs: str | None = None,
    producer: str | None = None,
    cursor: str | None = None,
    limit: int = PAGE,
) -> Catalogue:
    """One page of the catalogue, by name, HS code or producer (at most one), or all by name."""
    given = [(field, v) for field, v in (("q", q), ("hs", hs), ("producer", producer)) if v]
    if len(given) > 1:
        raise Invalid("export.catalogue.one-filter", field=given[1][0])
    page: Page
    if q:
        phrase = " ".join(words(q))
        if len(phrase) < MIN_SEARCH:
            raise Invalid("export.catalogue.short", field="q")
        page = EXPORT.query(
            f"NAME#{phrase[:MIN_SEARCH]}", sk_prefix=phrase, cursor=cursor, limit=limit
        )
    elif hs:
        page = EXPORT.query(f"HS#{hs[:2]}", sk_prefix=hs, cursor=cursor, limit=limit)
    elif producer:
        page = EXPORT.query(f"MAKER#{producer}", cursor=cursor, limit=limit)
    else:
        page = EXPORT.query(ALL, cursor=cursor, limit=limit)
    return Catalogue(items=_distinct(page.items), cursor=page.cursor)


def _distinct(items: list[dict[str, Any]]) -> list[Entry]:
    """An entry whose name holds the phrase twice has two index items; it is shown once."""
    seen: dict[str, Entry] = {}
    for item in items:
        seen.setdefault(item["entry"]["id"], Entry.model_validate(item["entry"]))
    return list(seen.values())
