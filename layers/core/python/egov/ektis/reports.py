"""Reports of EKTİS's analysis subsystem (A10, seed 004 §3.2.6): reconciliation of several
sources with the mismatches shown, and figures by district, crop, month and subject kind,
exported as CSV and as SVG charts, for the ministry's staff (MKT) and the operator.

A report is a background job, never the work of one request: `request` stores it `queued` and
sends its first step to the EktisReportQueue through the outbox; each step (`step`, the queue's
consumer) reads ONE page of ONE district-year of the ledger (`egov.ektis.ledger`) between the
period's first and last day, reconciles it, keeps the page's partial result, advances the
progress and sends the next step in the same transaction. The last step merges the parts, pairs
purchases with sales, and marks the report `done`. `GET /ektis/reports/{id}` shows the progress
meanwhile. A step delivered twice finds the report's step moved on and does nothing.

Items (EKTIS_TABLE):
    REPORT#<id> / REPORT             gsi1 REPORTS#<agency> / <requestedAt>#<id>; `step` (version)
    REPORT#<id> / PART#<step>        one page's rows, mismatches and purchase/sale tallies
    REPORT#<id> / MISMATCH#<n>       the mismatches of a finished report, in order
"""

from __future__ import annotations

import calendar as months
import csv
import io
import uuid
from datetime import date
from typing import Any

from egov.ektis import charts, ledger, reconciliation, regions
from egov.ektis.report_models import (
    Dimension,
    Fact,
    Measure,
    Mismatch,
    Progress,
    Report,
    ReportRequest,
    Row,
)
from egov.ektis.subjects import TABLE
from egov.platform import adapters, audit, clock, i18n, outbox
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Transaction

QUEUE = "EKTIS_REPORT_QUEUE_URL"
AGENCY = "MKT"
# One step reads at most this many facts: a step's work (and its cadastre lookups) is bounded
# whatever the report's size.
PAGE = 100
MAX_MONTHS = 60
SHOWN_MISMATCHES = 200
MEASURES: tuple[Measure, ...] = (
    "parcels",
    "areaHa",
    "declarations",
    "purchasedKg",
    "soldKg",
    "mismatches",
)
_FIELD = {"region": "region", "crop": "crop", "period": "period", "subjectKind": "subject_kind"}
_MEASURE = {
    "parcels": "parcels",
    "areaHa": "area_ha",
    "declarations": "declarations",
    "purchasedKg": "purchased_kg",
    "soldKg": "sold_kg",
    "mismatches": "mismatches",
}
WORKER = audit.Actor.system("ektis-reports")


def report_pk(report_id: str) -> str:
    return f"REPORT#{report_id}"


def _first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def _last_day(month: str) -> date:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, months.monthrange(year, number)[1])


def _span(body: ReportRequest) -> tuple[date, date]:
    first, last = _first_day(body.from_month), _last_day(body.to_month)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    if last < first or count > MAX_MONTHS:
        raise Invalid("ektis.report.period", field="to")
    return first, last


# ---------------------------------------------------------------- asking for a report
def request(body: ReportRequest, caller: Principal) -> Report:
    """Store the report `queued` with the district-years it will read, and send its first step."""
    first, last = _span(body)
    known = regions.codes()
    for code in body.regions:
        if code not in known:
            raise Invalid("ektis.report.region", field="regions")
    chosen = sorted(set(body.regions)) or known
    partitions = [[code, year] for code in chosen for year in range(first.year, last.year + 1)]
    report = Report(
        report_id=uuid.uuid4().hex,
        status="queued",
        regions=chosen,
        from_month=body.from_month,
        to_month=body.to_month,
        group_by=list(dict.fromkeys(body.group_by)),
        progress=Progress(
            partitions=len(partitions),
            partitions_done=0,
            facts_read=0,
            pages=0,
            cadastre_lookups=0,
        ),
        requested_by=caller.user_id,
        requested_at=clock.now(),
    )
    stored = report.model_dump(mode="json", by_alias=True, exclude={"rows", "mismatches"})
    pk = report_pk(report.report_id)
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": "REPORT",
            "gsi1pk": f"REPORTS#{AGENCY}",
            "gsi1sk": f"{stored['requestedAt']}#{report.report_id}",
            "partitionList": partitions,
            "partition": 0,
            "step": 0,
            **stored,
        },
    )
    audit.record(tx, pk, "ektis-report-requested", caller.actor, after=stored)
    outbox.queue(tx, QUEUE, [{"reportId": report.report_id, "step": 0}])
    tx.commit()
    return report


# ---------------------------------------------------------------- the background steps
def _cadastre(cadastre_id: str) -> Any:
    try:
        return adapters.cadastre().parcel(cadastre_id)
    except NotFound:
        return None


def _held(keeper: str, moment: Any) -> dict[str, int]:
    def species_of(tag: str) -> str | None:
        found = TABLE.get(f"ANIMAL#{tag}", "ANIMAL")
        return str(found["species"]) if found else None

    since = (moment.isoformat(), "~")
    return reconciliation.held_at(
        TABLE.query_all(f"KEEPS#{keeper}", sk_prefix="ANIMAL#", index="gsi1"),
        TABLE.query(f"MOVES#{keeper}", sk_between=since, limit=1000).items,
        species_of,
        keeper,
        moment,
    )


def _key(values: dict[str, str | None], group_by: list[str]) -> str:
    return "|".join(str(values[_FIELD[d]] or "-") for d in group_by)


def _add(
    rows: dict[str, dict[str, Any]], group_by: list[str], values: dict[str, Any], **by: float
) -> None:
    key = _key(values, group_by)
    row = rows.setdefault(key, {_FIELD[d]: values[_FIELD[d]] for d in group_by})
    for measure, amount in by.items():
        row[measure] = round(row.get(measure, 0) + amount, 4)


def _values(fact: Fact, crop: str | None) -> dict[str, Any]:
    return {
        "region": fact.region,
        "crop": crop or "-",
        "period": fact.date.isoformat()[:7],
        "subject_kind": fact.subject_kind,
    }


def _rows(facts: list[Fact], group_by: list[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for fact in facts:
        if fact.kind == "parcel":
            _add(rows, group_by, _values(fact, fact.crop), parcels=1, area_ha=fact.area_ha or 0)
        elif fact.kind == "declaration":
            _add(rows, group_by, _values(fact, None), declarations=1)
        else:
            measure = "purchased_kg" if fact.kind == "purchase" else "sold_kg"
            for line in fact.lines:
                if line.kilograms is not None:
                    _add(rows, group_by, _values(fact, line.crop), **{measure: line.kilograms})
    return rows


def _page(item: Item) -> tuple[list[Fact], str | None]:
    region, year = item["partitionList"][item["partition"]]
    low = max(date(year, 1, 1), _first_day(item["from"]))
    high = min(date(year, 12, 31), _last_day(item["to"]))
    found = TABLE.query(
        ledger.partition(region, year),
        sk_between=(low.isoformat(), f"{high.isoformat()}#~"),
        limit=PAGE,
        cursor=item.get("cursor"),
    )
    return [ledger.plain_fact(i) for i in found.items], found.cursor


def step(body: dict[str, Any]) -> None:
    """One step of a report: a page of one district-year, or the final merge."""
    item = TABLE.get(report_pk(str(body["reportId"])), "REPORT")
    if not item or item["status"] in ("done", "failed") or item["step"] != body["step"]:
        return  # a step delivered again: its work is already kept
    if item["partition"] >= len(item["partitionList"]):
        _finish(item)
        return
    facts, cursor = _page(item)
    mismatches: list[Mismatch] = []
    lookups = 0
    for fact in facts:
        if fact.kind == "parcel" and fact.cadastre_id:
            lookups += 1
            mismatches += reconciliation.parcel(fact, _cadastre(fact.cadastre_id))
        elif fact.kind == "declaration":
            mismatches += reconciliation.animals(fact, _held)
    tallies: dict[str, dict[str, Any]] = {}
    reconciliation.tally(facts, tallies)
    progress = dict(item["progress"])
    done = cursor is None
    progress.update(
        factsRead=progress["factsRead"] + len(facts),
        pages=progress["pages"] + 1,
        cadastreLookups=progress["cadastreLookups"] + lookups,
        partitionsDone=progress["partitionsDone"] + (1 if done else 0),
    )
    pk, number = item["pk"], item["step"]
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": f"PART#{number:06d}",
            "rows": _rows(facts, item["groupBy"]),
            "mismatches": [m.model_dump(mode="json", by_alias=True) for m in mismatches],
            "tallies": tallies,
        },
        new=False,
    )
    changes: dict[str, Any] = {
        "status": "running",
        "step": number + 1,
        "progress": progress,
        "partition": item["partition"] + (1 if done else 0),
    }
    if cursor:
        changes["cursor"] = cursor
    tx.update(
        TABLE,
        pk,
        "REPORT",
        changes,
        expected={"step": number},
        conflict=Conflict("ektis.report.missing", field="reportId"),
        remove=() if cursor else ("cursor",),
    )
    outbox.queue(tx, QUEUE, [{"reportId": item["reportId"], "step": number + 1}])
    tx.commit()


def _merge(
    parts: list[Item], group_by: list[str]
) -> tuple[dict[str, dict[str, Any]], list[Mismatch]]:
    rows: dict[str, dict[str, Any]] = {}
    tallies: dict[str, dict[str, Any]] = {}
    mismatches: list[Mismatch] = []
    for part in parts:
        for key, row in part["rows"].items():
            target = rows.setdefault(key, {_FIELD[d]: row.get(_FIELD[d]) for d in group_by})
            for measure in _MEASURE.values():
                if measure in row:
                    target[measure] = round(target.get(measure, 0) + row[measure], 4)
        mismatches += [Mismatch.model_validate(m) for m in part["mismatches"]]
        for key, entry in part["tallies"].items():
            into = tallies.setdefault(key, {**entry, "purchase": 0, "sale": 0, "records": []})
            into["purchase"] += entry["purchase"]
            into["sale"] += entry["sale"]
            into["records"] = sorted({*into["records"], *entry["records"]})
            into["date"] = min(into["date"], entry["date"])
    mismatches += reconciliation.trades(tallies)
    for mismatch in mismatches:
        values = {
            "region": mismatch.region,
            "crop": mismatch.crop or "-",
            "period": mismatch.date.isoformat()[:7],
            "subject_kind": mismatch.subject_kind,
        }
        _add(rows, group_by, values, mismatches=1)
    return rows, mismatches


def _finish(item: Item) -> None:
    pk = item["pk"]
    parts = list(TABLE.query_all(pk, sk_prefix="PART#"))
    rows, mismatches = _merge(parts, item["groupBy"])
    for number, mismatch in enumerate(mismatches):
        TABLE.put(
            {
                "pk": pk,
                "sk": f"MISMATCH#{number:06d}",
                **mismatch.model_dump(mode="json", by_alias=True),
            }
        )
    ordered = [
        Row.model_validate(row).model_dump(mode="json", by_alias=True)
        for _, row in sorted(rows.items())
    ]
    changes = {
        "status": "done",
        "step": item["step"] + 1,
        "rows": ordered,
        "mismatchCount": len(mismatches),
        "finishedAt": clock.now_iso(),
    }
    tx = Transaction()
    tx.update(
        TABLE,
        pk,
        "REPORT",
        changes,
        expected={"step": item["step"]},
        conflict=Conflict("ektis.report.missing", field="reportId"),
    )
    audit.record(
        tx,
        pk,
        "ektis-report-done",
        WORKER,
        after={"mismatchCount": len(mismatches), "progress": item["progress"]},
    )
    tx.commit()


# ---------------------------------------------------------------- reading a report
def _load(report_id: str) -> Item:
    item = TABLE.get(report_pk(report_id), "REPORT")
    if not item:
        raise NotFound("ektis.report.missing", field="reportId")
    return item


def _model(item: Item, mismatches: list[Mismatch]) -> Report:
    fields = {k: v for k, v in item.items() if k in _ALIASES}
    report = Report.model_validate({**fields, "mismatches": mismatches})
    if report.status == "done":
        base = f"/ektis/reports/{report.report_id}"
        report = report.model_copy(update={"csv": f"{base}/csv", "chart": f"{base}/chart"})
    return report


_ALIASES = {
    "reportId",
    "status",
    "regions",
    "from",
    "to",
    "groupBy",
    "progress",
    "requestedBy",
    "requestedAt",
    "finishedAt",
    "rows",
    "mismatchCount",
}


def _mismatches(report_id: str, limit: int | None) -> list[Mismatch]:
    pk = report_pk(report_id)
    items = (
        TABLE.query(pk, sk_prefix="MISMATCH#", limit=limit).items
        if limit
        else TABLE.query_all(pk, sk_prefix="MISMATCH#")
    )
    return [
        Mismatch.model_validate({k: v for k, v in i.items() if k not in ("pk", "sk")})
        for i in items
    ]


def view(report_id: str) -> Report:
    """The report: its progress while it runs; its rows and first mismatches once done."""
    item = _load(report_id)
    shown = _mismatches(report_id, SHOWN_MISMATCHES) if item["status"] == "done" else []
    return _model(item, shown)


def listed() -> list[Report]:
    """The ministry's reports, newest first (progress only)."""
    page = TABLE.query(f"REPORTS#{AGENCY}", index="gsi1", limit=50, newest_first=True)
    return [_model({k: v for k, v in i.items() if k != "rows"}, []) for i in page.items]


def _done(report_id: str) -> Report:
    report = _model(_load(report_id), [])
    if report.status != "done":
        raise Conflict("ektis.report.not-ready", field="reportId")
    return report


def as_csv(report_id: str, part: str, lang: i18n.Lang) -> str:
    """The rows (`part=rows`) or every mismatch (`part=mismatches`) as CSV (RFC 4180)."""
    report = _done(report_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if part == "rows":
        dims = list(report.group_by)
        writer.writerow([*dims, *(["regionName"] if "region" in dims else []), *MEASURES])
        for row in report.rows:
            values = row.model_dump(mode="json", by_alias=True)
            named = [regions.name(row.region or "", lang)] if "region" in dims else []
            writer.writerow([*(values[d] for d in dims), *named, *(values[m] for m in MEASURES)])
        return out.getvalue()
    writer.writerow(
        [
            "kind",
            "meaning",
            "region",
            "regionName",
            "date",
            "subjectId",
            "record",
            "other",
            "expected",
            "found",
        ]
    )
    for m in _mismatches(report_id, None):
        writer.writerow(
            [
                m.kind,
                i18n.text(f"ektis.mismatch.{m.kind}", lang),
                m.region,
                regions.name(m.region, lang),
                m.date.isoformat(),
                m.subject_id,
                m.record,
                m.other or "",
                m.expected or "",
                m.found or "",
            ]
        )
    return out.getvalue()


def chart(report_id: str, measure: Measure, dimension: Dimension, lang: i18n.Lang) -> str:
    """An SVG bar chart of one measure summed by one of the report's dimensions."""
    report = _done(report_id)
    if dimension not in report.group_by:
        raise Invalid("ektis.report.dimension", field="dimension")
    totals: dict[str, float] = {}
    for row in report.rows:
        label = getattr(row, _FIELD[dimension]) or "-"
        totals[label] = totals.get(label, 0) + getattr(row, _MEASURE[measure])
    labelled = [
        (f"{regions.name(label, lang)} ({label})" if dimension == "region" else label, value)
        for label, value in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    title = i18n.text(
        "ektis.report.chart-title",
        lang,
        {
            "measure": measure,
            "dimension": dimension,
            "from": report.from_month,
            "to": report.to_month,
        },
    )
    return charts.bars(title, f"EKTİS {report.report_id}", labelled, alarm=measure == "mismatches")
