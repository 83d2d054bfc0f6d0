"""Subsidy declarations and applications (A3, A4; seed 004 §3.2.2, §7.1.1.6, §7.1.2.5, §7.1.2.9).

- `draw_up`: EKTİS draws the declaration up from what the subject entered: one line per parcel
  (its crop × its declared hectares at the season's rate, `egov.ektis.rates`) and one line per
  species of the animals the subject keeps in the livestock registry (heads × the season's rate
  per head, the ear tags counted listed on the line; source `livestock` /
  `<subjectId>:<species>`, so the holding's species is subsidised once a season).
- `correct` (A3, A5): a complaint about a declaration answered `corrected` rewrites it in the
  answer's transaction: each change names `lines[<i>].quantity` or `lines[<i>].name` (`crop`
  for a crop line; `<i>` from 0) with the value it had, the line is computed again at the season's rate, the totals follow, and the
  lines before it are kept as a revision (`revisions`, oldest first). An undecided application
  on the declaration carries the corrected lines; a decided one keeps its own and notes the
  later revision (`_follow_correction`).
- `apply`: the subject applies for the subsidy on a declaration. First the guards are claimed
  (`egov.ektis.guards`, in chunks: a farm's hundreds of animals are more than one transaction
  takes): one per (source record, season) of every line that carries an amount and one per
  animal counted (its ear tag and the season, whatever holding keeps it), so no parcel and no
  animal is subsidised twice in a season whatever applications race, nor a cow subsidised on
  one holding again on the holding it moved to (exactly one wins, the other gets 409 naming
  `declarationId`). Then ONE transaction: the application; the cabinet application; the audit
  entry; and the start of the EktisSubsidy workflow (outbox), which asks the ministry (agency
  exchange) with a business-day deadline (`calendar.PERIODS["ektis.subsidy-decision"]`, a
  service level: seed 004 sets no period). A cancelled transaction gives the guards back; a
  crash leaves them to the takeover rule of `egov.ektis.guards`.
- The workflow's messages (`EVENTS`): `granted`, `refused` (the guards are released once the
  refusal committed: the parcels may be applied for again), `overdue` (no silent grant of public
  money: escalation recorded, operator alerted, the request stays open with a new deadline),
  `failed`.
- `withdraw` (A3): the applicant withdraws a pending (or overdue) application: status
  `withdrawn`, the guards released after it (the parcels and animals may be applied for again)
  and, through the outbox, the exchange withdraws the ministry's request (`decision.withdrawn` to the ministry;
  the waiting task fails with `Decision.Withdrawn` and the workflow ends; an escalation step that
  finds the application withdrawn fails its task with `Subsidy.Withdrawn`, caught the same way).
- `claim_inputs`: a supplier claims the remaining input amount of a granted subsidy for inputs
  sold under it (§7.1.2.9), never more than what remains (a version-checked update).

Items (EKTIS_TABLE):
    DECLARATION#<id> / DECLARATION        gsi1 DECLARATIONS#<subjectId> / <drawnAt>#<id>; version
    SUBSIDY#<id> / SUBSIDY                gsi1 SUBSIDIES#<subjectId> / <appliedAt>#<id>
    SUBSIDY#<id> / ESCALATION#<deadline>  one per missed deadline
    SUBSIDISED#<kind>#<id>#<season> / GUARD   a line's source record (`egov.ektis.guards`)
    SUBSIDISED#animal#<tag>#<season> / GUARD  an animal counted (`egov.ektis.guards`)
    INPUT-CLAIM#<id> / CLAIM              gsi1 CLAIMS#<subsidyId> / <claimedAt>#<id>
"""

from __future__ import annotations

import contextlib
import functools
import re
import uuid
from decimal import Decimal
from typing import Any, Literal

from egov.ektis import guards, ledger, parcels, rates
from egov.ektis.guards import subsidy_pk
from egov.ektis.models import (
    Change,
    Declaration,
    DeclarationLine,
    DeclarationRequest,
    InputClaim,
    InputClaimRequest,
    LaterRevision,
    Revision,
    Source,
    Subject,
    Subsidy,
    SubsidyRequest,
    SubsidyWithdrawal,
)
from egov.ektis.subjects import TABLE, of_owner, record, subject_pk
from egov.platform import applications, audit, aws, calendar, clock, notify, outbox, tasks
from egov.platform.auth import Principal
from egov.platform.observability import correlation_id, logger
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Item, Transaction

SERVICE = "ektis"
# The Ministry of Agriculture runs EKTİS (§1.2) and its agrarian development centres decide the
# subsidies; its officers answer through the agency exchange.
MINISTRY = "MKT"
PERIOD = "ektis.subsidy-decision"
KIND = "ektis-subsidy"
# The guards of one application (lines plus animals counted). Not the transaction's 100 parts
# any more (`egov.ektis.guards` claims them in chunks) but what one application carries: its
# record keeps the guards' keys and the ear tags (DynamoDB's 400 KB item), the workflow's input
# the ear tags (Step Functions' 256 KB), and the claim's 50 transactions fit a function's run.
MAX_GUARDS = 5_000
# A corrected quantity: at most the largest parcel a declaration takes (hectares) or heads.
MAX_QUANTITY = Decimal(100_000)
WORKFLOW = audit.Actor.system("ektis-subsidy")


def declaration_pk(declaration_id: str) -> str:
    return f"DECLARATION#{declaration_id}"


def guard_key(source: Source, season: int) -> str:
    return f"SUBSIDISED#{source.kind}#{source.id}#{season}"


def animal_guard_key(tag: str, season: int) -> str:
    """The animal's own lock: a holding's species guard is per holding, so without this a cow
    subsidised on one holding and moved to another could be declared again there."""
    return f"SUBSIDISED#animal#{tag}#{season}"


# ---------------------------------------------------------------- the declaration


def _lines(subject: Subject, season: int) -> list[DeclarationLine]:
    """The lines of what the subject entered: parcels (crop per hectare), then the animals kept
    (per head, one line per species)."""
    lines: list[DeclarationLine] = []
    for parcel in sorted(parcels.of_subject(subject.subject_id), key=lambda p: p.cadastre_id):
        lines.append(
            rates.line(
                len(lines) + 1,
                season,
                "crop",
                "ha",
                parcel.crop,
                parcel.area_ha,
                Source(kind="parcel", id=parcel.parcel_id),
            )
        )
    for species, tags in sorted(_herd(subject.subject_id).items()):
        drawn = rates.line(
            len(lines) + 1,
            season,
            "animal",
            "head",
            species,
            len(tags),
            Source(kind="livestock", id=f"{subject.subject_id}:{species}"),
        )
        lines.append(drawn.model_copy(update={"heads": sorted(tags)}))
    return lines


def _herd(subject_id: str) -> dict[str, list[str]]:
    """The ear tags of the animals the subject keeps now, by species (the livestock registry's
    `KEEPS#<subjectId>` index: an animal moved away is no longer counted here)."""
    kept: dict[str, list[str]] = {}
    for item in TABLE.query_all(f"KEEPS#{subject_id}", index="gsi1"):
        if item["sk"] == "ANIMAL":
            kept.setdefault(item["species"], []).append(item["earTag"])
    return kept


def draw_up(body: DeclarationRequest, caller: Principal) -> Declaration:
    """The declaration of the caller's subject for a season, computed line by line."""
    subject = of_owner(caller.user_id)
    rates.season_rates(body.season)
    lines = _lines(subject, body.season)
    total, input_total = rates.totals(lines)
    declaration = Declaration(
        declaration_id=uuid.uuid4().hex,
        subject_id=subject.subject_id,
        season=body.season,
        lines=lines,
        total=total,
        input_total=input_total,
        rounding=rates.ROUNDING,
        drawn_at=clock.now(),
    )
    stored = declaration.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": declaration_pk(declaration.declaration_id),
            "sk": "DECLARATION",
            "gsi1pk": f"DECLARATIONS#{subject.subject_id}",
            "gsi1sk": f"{stored['drawnAt']}#{declaration.declaration_id}",
            "owner": caller.user_id,
            "version": 1,
            **stored,
        },
    )
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-declaration-drawn",
        caller.actor,
        owner=caller.user_id,
        after={k: v for k, v in stored.items() if k != "lines"},
    )
    ledger.declaration(tx, declaration, subject)  # A10: declared animals are reconciled
    tx.commit()
    return declaration


def declaration_of(declaration_id: str, subject_id: str) -> Declaration:
    """The subject's own declaration, or 404 (another's is not there for them)."""
    return _own_declaration(declaration_id, subject_id)[1]


def _own_declaration(declaration_id: str, subject_id: str) -> tuple[Item, Declaration]:
    """`declaration_of` with the stored item (its version), from one read."""
    item = TABLE.get(declaration_pk(declaration_id), "DECLARATION")
    if not item or item["subjectId"] != subject_id:
        raise NotFound("ektis.declaration.missing", field="declarationId")
    return item, Declaration.model_validate(_fields(item))


def declaration_view(declaration_id: str, caller: Principal) -> Declaration:
    """The declaration as it stands, with its revisions: its subject, the ministry's officers,
    the operator (G8); 404 to anyone else."""
    item = TABLE.get(declaration_pk(declaration_id), "DECLARATION")
    if not item or (caller.role == "citizen" and item["owner"] != caller.user_id):
        raise NotFound("ektis.declaration.missing", field="declarationId")
    return Declaration.model_validate(_fields(item))


def _fields(item: Item) -> dict[str, Any]:
    return {k: v for k, v in record(item).items() if k != "owner"}


# ---------------------------------------------------------------- a complaint's correction

# `lines[<i>]` indexes the declaration's `lines` as shown (from 0); `crop` names a crop line's
# `name`.
LINE_FIELD = re.compile(r"^lines\[(\d{1,3})\]\.(quantity|name|crop)$")


def correct(
    tx: Transaction,
    declaration_id: str,
    changes: list[Change],
    complaint_id: str,
    actor: audit.Actor,
) -> Declaration:
    """Rewrite the declaration with a complaint's corrections (part of the answer's `tx`).

    Each change names `lines[<i>].quantity` (hectares or heads) or `lines[<i>].name` (the crop
    or species, matched against the season's rates; `lines[<i>].crop` for a crop line), `<i>`
    the line's place in `lines` from 0, and the value it had (`before`, so a correction made
    against stale data is refused); the line is computed again and the totals follow. The lines
    before are kept as a revision. Problems name `corrections[<i>].<field>`."""
    item = TABLE.get(declaration_pk(declaration_id), "DECLARATION")
    if not item:
        raise NotFound("ektis.declaration.missing", field="declarationId")
    current = Declaration.model_validate(_fields(item))
    rewritten = list(current.lines)
    for index, change in enumerate(changes):
        place, attribute = _named(change.field, rewritten, index)
        line = rewritten[place]
        if change.before is not None and change.before != str(getattr(line, attribute)):
            raise Invalid(
                "ektis.declaration.correction-before", field=f"corrections[{index}].before"
            )
        rewritten[place] = _relined(line, attribute, change.after, current.season, index)
    total, input_total = rates.totals(rewritten)
    revision = Revision(
        revision=current.revision + 1,
        complaint_id=complaint_id,
        changes=changes,
        total_before=current.total,
        total_after=total,
        lines_before=current.lines,
        revised_at=clock.now(),
        revised_by=actor.id,
    )
    revised = current.model_copy(
        update={
            "lines": rewritten,
            "total": total,
            "input_total": input_total,
            "revision": revision.revision,
            "revisions": [*current.revisions, revision],
        }
    )
    stored = revised.model_dump(mode="json", by_alias=True)
    tx.update(
        TABLE,
        declaration_pk(declaration_id),
        "DECLARATION",
        {key: stored[key] for key in ("lines", "total", "inputTotal", "revision", "revisions")}
        | {"version": int(item.get("version", 0)) + 1},
        expected={"version": item.get("version")},
        conflict=Conflict("ektis.declaration.changed", field="declarationId"),
    )
    subject = _subject(current.subject_id)
    ledger.declaration(tx, revised, subject)  # A10: as corrected
    _follow_correction(tx, revised, subject, revision, actor)
    audit.record(
        tx,
        subject_pk(current.subject_id),
        "ektis-declaration-corrected",
        actor,
        owner=item["owner"],
        before={"total": f"{current.total:.2f}", "revision": current.revision},
        after={
            "declarationId": declaration_id,
            "complaintId": complaint_id,
            "total": f"{total:.2f}",
            "revision": revision.revision,
            "changes": [c.model_dump(mode="json", by_alias=True) for c in changes],
        },
    )
    return revised


def _follow_correction(
    tx: Transaction,
    revised: Declaration,
    subject: Subject,
    revision: Revision,
    actor: audit.Actor,
) -> None:
    """What a correction does to the applications made on the declaration (part of `tx`).

    The application is made "bəyannamə əsasında" (§7.1.1.6), and the complaint "bəyannamədə olan
    məlumatlarla razılaşmadıqda" (§7.1.1.7) is how the declaration is put right: an application
    still undecided (pending, overdue) carries the corrected lines and totals, so the ministry
    decides on the data as corrected (a line or animal that now carries an amount is guarded,
    claimed before the answer's transaction; one that no longer does is released after it). A decided one is a decision on the lines as they were and keeps
    them (§5.1.12 records the amounts granted); it notes the later revision, so the applicant
    and the ministry see that the declaration changed after it. A refused or withdrawn one has
    released its guards: the subject may apply again on the corrected declaration."""
    for item in TABLE.query_all(f"SUBSIDIES#{revised.subject_id}", index="gsi1"):
        if item.get("declarationId") != revised.declaration_id:
            continue
        version = {"version": item.get("version")}
        conflict = Conflict("ektis.subsidy.changed", field="declarationId")
        if item["status"] not in OPEN:
            later = LaterRevision(
                revision=revision.revision,
                complaint_id=revision.complaint_id,
                total_after=revision.total_after,
                revised_at=revision.revised_at,
            ).model_dump(mode="json", by_alias=True)
            tx.update(
                TABLE,
                item["pk"],
                "SUBSIDY",
                {
                    "revisedAfterDecision": [*item.get("revisedAfterDecision", []), later],
                    "version": int(item.get("version", 0)) + 1,
                },
                expected=version,
                conflict=conflict,
            )
            continue
        paid = [line for line in revised.lines if line.amount > 0]
        keys = _guards(paid, revised.season)
        held = set(item.get("guards", []))
        guards.claim(tx, [key for key in keys if key not in held], item["subsidyId"])
        dropped = [key for key in item.get("guards", []) if key not in set(keys)]
        tx.then(functools.partial(guards.release, dropped, item["subsidyId"]))
        lines = [line.model_dump(mode="json", by_alias=True) for line in paid]
        changes = {
            "lines": lines,
            "total": f"{revised.total:.2f}",
            "inputTotal": f"{revised.input_total:.2f}",
            "guards": keys,
            "declarationRevision": revision.revision,
            "version": int(item.get("version", 0)) + 1,
        }
        tx.update(TABLE, item["pk"], "SUBSIDY", changes, expected=version, conflict=conflict)
        # The ministry decides on the lines as corrected, and is told they changed. Only a
        # complaint's answer gets here: the exchange is not loaded at every EKTİS cold start.
        from egov.platform import exchange

        fields = {k: v for k, v in record(item).items() if k not in ("owner", "guards")}
        kept = {k: v for k, v in changes.items() if k not in ("guards", "version")}
        relined = Subsidy.model_validate({**fields, **kept})
        exchange.revise(
            tx,
            item["pk"],
            item["agency"],
            KIND,
            _payload(subject, relined),
            basis=revision.complaint_id,
        )
        audit.record(
            tx,
            item["pk"],
            "ektis-subsidy-relined",
            actor,
            owner=item["owner"],
            before={
                "total": item["total"],
                "declarationRevision": item.get("declarationRevision", 0),
            },
            after={
                "total": changes["total"],
                "declarationRevision": revision.revision,
                "complaintId": revision.complaint_id,
            },
        )


def _named(field: str, lines: list[DeclarationLine], index: int) -> tuple[int, str]:
    """The place in `lines` and the attribute a correction's `field` names, or a 422."""
    found = LINE_FIELD.match(field)
    if found:
        place, named = int(found.group(1)), found.group(2)
        if place < len(lines) and (named != "crop" or lines[place].kind == "crop"):
            return place, "quantity" if named == "quantity" else "name"
    raise Invalid("ektis.declaration.correction-field", field=f"corrections[{index}].field")


def _relined(
    line: DeclarationLine, attribute: str, value: str, season: int, index: int
) -> DeclarationLine:
    """The line computed again with one value corrected."""
    quantity: Decimal = line.quantity
    name = line.name
    if attribute == "quantity":
        try:
            quantity = Decimal(value.strip())
        except ArithmeticError as bad:
            raise Invalid(
                "ektis.declaration.correction-quantity", field=f"corrections[{index}].after"
            ) from bad
        whole = line.unit == "head" and quantity != quantity.to_integral_value()
        if not quantity.is_finite() or quantity < 0 or quantity > MAX_QUANTITY or whole:
            raise Invalid(
                "ektis.declaration.correction-quantity", field=f"corrections[{index}].after"
            )
    else:
        name = value.strip()
    again = rates.line(line.line, season, line.kind, line.unit, name, quantity, line.source)
    return again.model_copy(update={"heads": line.heads})


# ---------------------------------------------------------------- the application


def apply(body: SubsidyRequest, caller: Principal) -> Subsidy:
    """Apply on a declaration: the guards per (record, season) and (animal, season) claimed,
    then the application and the workflow's start in one transaction."""
    subject = of_owner(caller.user_id)
    version, declaration = _own_declaration(body.declaration_id, subject.subject_id)
    paid = [line for line in declaration.lines if line.amount > 0]
    if not paid:
        raise Invalid("ektis.subsidy.nothing", field="declarationId")
    keys = _guards(paid, declaration.season)
    now = clock.now()
    wait = tasks.until(calendar.due(PERIOD, now))
    subsidy = Subsidy(
        subsidy_id=uuid.uuid4().hex,
        subject_id=subject.subject_id,
        declaration_id=declaration.declaration_id,
        season=declaration.season,
        lines=paid,
        total=declaration.total,
        input_total=declaration.input_total,
        input_claimed=Decimal("0.00"),
        status="pending",
        agency=MINISTRY,
        deadline=clock.parse(wait["deadline"]),
        applied_at=now,
        declaration_revision=declaration.revision,
    )
    stored = subsidy.model_dump(mode="json", by_alias=True, exclude={"claims", "decision"})
    pk = subsidy_pk(subsidy.subsidy_id)
    tx = Transaction()
    guards.claim(tx, keys, subsidy.subsidy_id)
    # The declaration as read: a correction committing meanwhile would not see this application
    # (`_follow_correction`), so one of the two is refused and tried again.
    tx.update(
        TABLE,
        declaration_pk(declaration.declaration_id),
        "DECLARATION",
        {"version": int(version.get("version", 0)) + 1},
        expected={"version": version.get("version")},
        conflict=Conflict("ektis.declaration.changed", field="declarationId"),
    )
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": "SUBSIDY",
            "gsi1pk": f"SUBSIDIES#{subject.subject_id}",
            "gsi1sk": f"{stored['appliedAt']}#{subsidy.subsidy_id}",
            "owner": caller.user_id,
            "guards": keys,
            "version": 1,
            **stored,
        },
    )
    applications.track(
        tx,
        caller.user_id,
        subsidy.subsidy_id,
        SERVICE,
        "pending",
        "ektis.application.subsidy",
        actor=caller.actor,
        title_params={"season": declaration.season},
        link=f"/ektis/subsidies/{subsidy.subsidy_id}",
    )
    audit.record(
        tx,
        pk,
        "ektis-subsidy-applied",
        caller.actor,
        owner=caller.user_id,
        after={k: v for k, v in stored.items() if k != "lines"},
    )
    outbox.start(
        tx,
        "EKTIS_SUBSIDY_ARN",
        subsidy.subsidy_id,
        {
            "subsidyId": subsidy.subsidy_id,
            "agency": MINISTRY,
            "owner": caller.user_id,
            "subject": pk,
            "payload": _payload(subject, subsidy),
            "correlationId": correlation_id(),
            **wait,
        },
    )
    guards.commit(tx)
    return subsidy


def _guards(paid: list[DeclarationLine], season: int) -> list[str]:
    """The guards of the lines that carry an amount: each line's source record, then each
    animal counted; at most MAX_GUARDS."""
    lines = [guard_key(line.source, season) for line in paid]
    animals = [animal_guard_key(tag, season) for line in paid for tag in line.heads]
    if len(lines) + len(animals) > MAX_GUARDS:
        raise Invalid(
            "ektis.subsidy.too-many-lines", field="declarationId", params={"limit": MAX_GUARDS}
        )
    return lines + animals


def _payload(subject: Subject, subsidy: Subsidy) -> dict[str, Any]:
    """What the ministry needs to decide: who, which season, the lines and their arithmetic."""
    who = subject.person or subject.legal_entity
    return {
        "subsidyId": subsidy.subsidy_id,
        "subjectId": subject.subject_id,
        "fin": subject.person.fin if subject.person else None,
        "voen": subject.voen,
        "name": who.model_dump(by_alias=True) if who else None,
        "season": subsidy.season,
        "total": f"{subsidy.total:.2f}",
        "inputTotal": f"{subsidy.input_total:.2f}",
        "lines": [line.model_dump(mode="json", by_alias=True) for line in subsidy.lines],
    }


def load(subsidy_id: str) -> Item:
    item = TABLE.get(subsidy_pk(subsidy_id), "SUBSIDY")
    if not item:
        raise NotFound("ektis.subsidy.missing", field="subsidyId")
    return item


def _claims(subsidy_id: str) -> list[InputClaim]:
    return [
        InputClaim.model_validate(
            {k: v for k, v in record(item).items() if k not in ("owner", "subsidyOwner")}
        )
        for item in TABLE.query_all(f"CLAIMS#{subsidy_id}", index="gsi1")
    ]


def view(subsidy_id: str, caller: Principal) -> Subsidy:
    """The application with its computation, decision and input claims: its subject, the
    ministry's officers, the operator (G8); 404 to anyone else."""
    item = load(subsidy_id)
    if caller.role == "citizen" and item["owner"] != caller.user_id:
        raise NotFound("ektis.subsidy.missing", field="subsidyId")
    fields = {k: v for k, v in record(item).items() if k not in ("owner", "guards")}
    return Subsidy.model_validate({**fields, "claims": _claims(subsidy_id)})


# ---------------------------------------------------------------- withdrawal


def withdraw(subsidy_id: str, body: SubsidyWithdrawal, caller: Principal) -> Subsidy:
    """The applicant withdraws a pending or overdue application: in one transaction the status,
    the cabinet, the audit, and (outbox) the exchange told to withdraw the ministry's request,
    which ends the workflow's wait; then the guards released."""
    item = load(subsidy_id)
    if item["owner"] != caller.user_id:
        raise NotFound("ektis.subsidy.missing", field="subsidyId")
    if item["status"] not in OPEN:
        raise Conflict("ektis.subsidy.not-pending", field="subsidyId")
    now = clock.now_iso()
    reason = body.reason or None
    changes: dict[str, Any] = {"withdrawnAt": now}
    if reason:
        changes["withdrawalReason"] = reason
    tx = Transaction()
    _move(
        tx,
        item,
        "withdrawn",
        changes,
        actor=caller.actor,
        action="ektis-subsidy-withdrawn",
        note="ektis.note.reason" if reason else None,
        note_params={"reason": reason},
    )
    outbox.queue(
        tx,
        "DECISION_WITHDRAWAL_QUEUE_URL",
        [
            {
                "subject": subsidy_pk(subsidy_id),
                "reason": reason or "The applicant withdrew the subsidy application.",
                "correlationId": correlation_id(),
            }
        ],
    )
    tx.commit()
    # After the status: a crash in between leaves guards of a withdrawn application, which
    # `guards.free` lets the next claim take over.
    guards.release(item.get("guards", []), subsidy_id)
    return view(subsidy_id, caller)


# ---------------------------------------------------------------- the supplier's claim


def claim_inputs(subsidy_id: str, body: InputClaimRequest, caller: Principal) -> InputClaim:
    """A supplier claims part of the remaining input amount (never more than remains)."""
    supplier = of_owner(caller.user_id)
    if "supplier" not in supplier.kinds:
        raise Forbidden("ektis.subsidy.not-supplier")
    item = load(subsidy_id)
    if item["status"] != "granted":
        raise Conflict("ektis.subsidy.not-granted", field="subsidyId")
    claimed = Decimal(item["inputClaimed"])
    remaining = Decimal(item["inputTotal"]) - claimed
    amount = rates.money(body.amount)
    if amount > remaining:
        raise Invalid(
            "ektis.subsidy.claim-exceeds", field="amount", params={"remaining": f"{remaining:.2f}"}
        )
    claim = InputClaim(
        claim_id=uuid.uuid4().hex,
        subsidy_id=subsidy_id,
        supplier_subject_id=supplier.subject_id,
        amount=amount,
        invoice=body.invoice,
        goods=body.goods,
        claimed_at=clock.now(),
    )
    stored = claim.model_dump(mode="json", by_alias=True)
    left = remaining - amount
    tx = Transaction()
    tx.update(
        TABLE,
        subsidy_pk(subsidy_id),
        "SUBSIDY",
        {"inputClaimed": f"{claimed + amount:.2f}", "version": item["version"] + 1},
        expected={"version": item["version"], "status": "granted"},
        conflict=Conflict("ektis.subsidy.changed", field="subsidyId"),
    )
    tx.put(
        TABLE,
        {
            "pk": f"INPUT-CLAIM#{claim.claim_id}",
            "sk": "CLAIM",
            "gsi1pk": f"CLAIMS#{subsidy_id}",
            "gsi1sk": f"{stored['claimedAt']}#{claim.claim_id}",
            "owner": caller.user_id,
            "subsidyOwner": item["owner"],
            **stored,
        },
    )
    audit.record(
        tx,
        subsidy_pk(subsidy_id),
        "ektis-inputs-claimed",
        caller.actor,
        owner=item["owner"],
        after={**stored, "remaining": f"{left:.2f}"},
    )
    farmer = _subject(item["subjectId"])
    notify.send(
        item["owner"],
        "ektis.input-claimed",
        {
            "amount": f"{amount:.2f}",
            "invoice": body.invoice,
            "goods": body.goods,
            "remaining": f"{left:.2f}",
        },
        sms=farmer.contacts.mobile,
        email=farmer.contacts.email,
        subject_ref=subsidy_pk(subsidy_id),
        tx=tx,
    )
    tx.commit()
    return claim


def claim(claim_id: str) -> Item | None:
    return TABLE.get(f"INPUT-CLAIM#{claim_id}", "CLAIM")


def _subject(subject_id: str) -> Subject:
    stored = TABLE.get(subject_pk(subject_id), "SUBJECT")
    if not stored:
        raise NotFound("ektis.subject.missing")
    return Subject.model_validate(record(stored))


# ---------------------------------------------------------------- the workflow's steps


class Event(tasks.Event):
    subsidy_id: str


class Decided(Event):
    event: Literal["granted", "refused"]
    decision: dict[str, Any]


class Overdue(Event):
    event: Literal["overdue"]
    deadline: str


class Failed(Event):
    event: Literal["failed"]


OPEN = ("pending", "overdue")


def _move(
    tx: Transaction,
    item: Item,
    status: str,
    changes: dict[str, Any],
    *,
    actor: audit.Actor,
    action: str,
    note: str | None = None,
    note_params: dict[str, object] | None = None,
) -> None:
    """Move the application on from the status it has, with the cabinet and the audit."""
    tx.update(
        TABLE,
        subsidy_pk(item["subsidyId"]),
        "SUBSIDY",
        {"status": status, "version": item["version"] + 1, **changes},
        expected={"version": item["version"], "status": item["status"]},
        conflict=Conflict("ektis.subsidy.changed", field="subsidyId"),
    )
    if status != item["status"]:
        applications.advance(
            tx,
            item["owner"],
            item["subsidyId"],
            SERVICE,
            status,
            actor=actor,
            note=note,
            note_params=note_params,
        )
    audit.record(
        tx,
        subsidy_pk(item["subsidyId"]),
        action,
        actor,
        owner=item["owner"],
        before={"status": item["status"]},
        after={"status": status, **changes},
    )


def decide(event: Decided) -> None:
    """The ministry's answer (the exchange's `{outcome, reason, decidedAt, decidedBy}`)."""
    item = load(event.subsidy_id)
    if item["status"] not in OPEN:
        logger.info("subsidy already decided", extra={"subsidyId": event.subsidy_id})
        return
    granted = event.decision["outcome"] == "approve"
    decision = {
        "outcome": event.decision["outcome"],
        "reason": event.decision.get("reason") or None,
        "decidedAt": event.decision.get("decidedAt") or clock.now_iso(),
        "decidedBy": event.decision.get("decidedBy"),
    }
    actor = audit.Actor(id=f"agency:{event.decision.get('agency') or MINISTRY}", role="agency")
    status = "granted" if granted else "refused"
    tx = Transaction()
    _move(
        tx,
        item,
        status,
        {"decision": decision},
        actor=actor,
        action=f"ektis-subsidy-{status}",
        note="ektis.note.reason" if decision["reason"] else None,
        note_params={"reason": decision["reason"]},
    )
    subject = _subject(item["subjectId"])
    notify.send(
        item["owner"],
        "ektis.subsidy-granted" if granted else "ektis.subsidy-refused",
        {
            "season": item["season"],
            "total": item["total"],
            "inputTotal": item["inputTotal"],
            "reason": decision["reason"] or "-",
        },
        sms=subject.contacts.mobile,
        email=subject.contacts.email,
        agency=MINISTRY,
        subject_ref=subsidy_pk(item["subsidyId"]),
        tx=tx,
    )
    tx.commit()
    if not granted:
        # A refused application holds no parcel: the subject may correct and apply again. After
        # the refusal: a crash in between leaves guards `guards.free` lets the next claim take.
        guards.release(item.get("guards", []), item["subsidyId"])


def escalate(event: Overdue) -> dict[str, Any] | None:
    """The deadline passed unanswered: recorded, the operator alerted; the next deadline. An
    application withdrawn meanwhile ends the workflow instead (`Subsidy.Withdrawn`)."""
    upcoming = tasks.until(calendar.due(PERIOD, clock.parse(event.deadline)))
    item = load(event.subsidy_id)
    if item["status"] == "withdrawn":
        if event.task_token:
            tasks.fail(event.task_token, "Subsidy.Withdrawn", "The applicant withdrew it.")
        return None
    count = int(item.get("escalations", 0)) + 1
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": subsidy_pk(event.subsidy_id),
            "sk": f"ESCALATION#{event.deadline}",
            "missedDeadline": event.deadline,
            "nextDeadline": upcoming["deadline"],
            "count": count,
            "at": clock.now_iso(),
        },
        conflict=Conflict("ektis.subsidy.changed"),
    )
    if item["status"] in OPEN:
        _move(
            tx,
            item,
            "overdue",
            {"escalations": count, "deadline": upcoming["deadline"]},
            actor=WORKFLOW,
            action="ektis-subsidy-overdue",
        )
    notify.send_to_address(
        "ektis.subsidy-overdue",
        {
            "subsidyId": event.subsidy_id,
            "deadline": event.deadline,
            "count": count,
            "next": upcoming["deadline"],
        },
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    with contextlib.suppress(Conflict):  # a redelivered message: escalated already
        tx.commit()
    return upcoming


def failed(event: Failed) -> None:
    """The request ended without an answer: recorded, the operator alerted."""
    item = load(event.subsidy_id)
    if item["status"] not in OPEN:
        return
    tx = Transaction()
    _move(tx, item, "failed", {}, actor=WORKFLOW, action="ektis-subsidy-failed")
    notify.send_to_address(
        "ektis.subsidy-failed",
        {"subsidyId": event.subsidy_id},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        language="en",
        tx=tx,
    )
    with contextlib.suppress(Conflict):
        tx.commit()


def escalations(subsidy_id: str) -> list[Item]:
    return list(TABLE.query_all(subsidy_pk(subsidy_id), sk_prefix="ESCALATION#"))
