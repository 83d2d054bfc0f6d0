"""The rules of a declaration's correction and of an incoming document, without AWS (issue 17
items 2-3; A3, A5, A9).

A complaint's correction names a line of the declaration as shown (`lines[<i>]`, from 0) and
the line is computed again at the season's rate; a document from another system is accepted only
if its content is what its SHA-256 says, and is placed once per (agency, agency's id)."""

from __future__ import annotations

import base64
import hashlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov.ektis import documents, rates, subsidy
from egov.ektis.models import IncomingDocument, Source
from egov.platform.problems import Invalid

WHEAT = rates.line(1, 2026, "crop", "ha", "buğda", Decimal("2"), Source(kind="parcel", id="p1"))
COWS = rates.line(2, 2026, "animal", "head", "cattle", 3, Source(kind="livestock", id="s:cattle"))
LINES = [WHEAT, COWS]


def field_of(problem: pytest.ExceptionInfo[Invalid]) -> str:
    return str(problem.value.errors[0].field)


def test_a5_a_correction_names_a_line_from_0_and_crop_only_on_a_crop_line() -> None:
    assert subsidy._named("lines[0].crop", LINES, 0) == (0, "name")
    assert subsidy._named("lines[1].quantity", LINES, 0) == (1, "quantity")
    assert subsidy._named("lines[1].name", LINES, 0) == (1, "name")
    for wrong in ("lines[2].quantity", "lines[1].crop", "lines[0].rate", "total", "lines[-1].name"):
        with pytest.raises(Invalid) as problem:
            subsidy._named(wrong, LINES, 3)
        assert field_of(problem) == "corrections[3].field"


def test_a3_a5_the_corrected_line_is_computed_again_at_the_seasons_rate() -> None:
    barley = subsidy._relined(WHEAT, "name", "arpa", 2026, 0)
    assert (barley.item, barley.rate, barley.amount, barley.line) == (
        "barley",
        Decimal("90.00"),
        Decimal("180.00"),
        1,
    )
    fewer = subsidy._relined(COWS, "quantity", "2", 2026, 0)
    assert (fewer.amount, fewer.computation[:34]) == (
        Decimal("100.00"),
        "2 head × 50.00 AZN/head = 100.00 A",
    )
    assert fewer.source == COWS.source


@pytest.mark.parametrize("value", ["-1", "bir", "NaN", "1e9", "2.5"])
def test_g7_a_corrected_quantity_is_a_number_heads_whole(value: str) -> None:
    with pytest.raises(Invalid) as problem:
        subsidy._relined(COWS, "quantity", value, 2026, 1)
    assert field_of(problem) == "corrections[1].after"


def incoming(raw: bytes, **overrides: str) -> IncomingDocument:
    return IncomingDocument.model_validate(
        {
            "agency": "DVX",
            "documentId": "DVX-1",
            "subject": "5ZK8M2P",
            "kind": "tax-certificate",
            "title": "Arayış",
            "fileName": "arayis.pdf",
            "contentType": "application/pdf",
            "content": base64.b64encode(raw).decode(),
            "sha256": hashlib.sha256(raw).hexdigest(),
            "issuedAt": "2026-12-01T09:00:00+04:00",
            **overrides,
        }
    )


@given(st.binary(min_size=1, max_size=2048))
def test_a9_content_is_accepted_only_as_its_hash_says(content: bytes) -> None:
    assert documents._content(incoming(content)) == content
    with pytest.raises(Invalid) as problem:
        documents._content(incoming(content, sha256=hashlib.sha256(content + b"x").hexdigest()))
    assert field_of(problem) == "data.sha256"


def test_a9_g7_oversized_or_garbled_content_is_refused() -> None:
    big = b"x" * (documents.MAX_BYTES + 1)
    for document in (incoming(b"x", content="***"), incoming(big), incoming(b"x", content="====")):
        with pytest.raises(Invalid) as problem:
            documents._content(document)
        assert field_of(problem) == "data.content"


def test_a9_a_document_is_placed_once_per_agency_and_its_own_id() -> None:
    once = documents.document_id_of("DVX", "DVX-1")
    assert once == documents.document_id_of("DVX", "DVX-1") and len(once) == 32
    assert once != documents.document_id_of("EMDK", "DVX-1")
    assert once != documents.document_id_of("DVX", "DVX-2")
