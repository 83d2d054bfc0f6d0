"""Manual entry (A11, G1, G5, G8). Seed 004 §5.3: "EKTİS ilə digər dövlət informasiya sistemləri
və ehtiyatları arasında məlumat mübadiləsini real vaxt rejimində həyata keçirmək mümkün
olmadıqda, sənədlərin (məlumatların) EKTİS-ə daxil edilməsi əllə həyata keçirilir."
"""

from __future__ import annotations

from typing import Any

from egov.ektis import manual
from egov.platform import audit
from tests.conftest import LocalAws
from tests.functional.ektis.kit import ELSHAN, animal, days_ago, ear_tag, subject
from tests.functional.platform.test_attachments import PDF, declare, request_upload, uploaded
from tests.helpers import account, call


def entry(document: str, **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "animal",
        "keeper": ELSHAN,
        "animal": animal(ear_tag(50)),
        "sourceSystem": "AQTA baytarlıq reyestri",
        "sourceDocument": document,
        "reason": "Reyestrlə əlaqə kəsilib; kağız pasport əsasında",
        **overrides,
    }


def test_a11_an_officer_enters_by_hand_marked_with_the_source_document(
    local_aws: LocalAws,
) -> None:
    farmer, subject_id, farmer_user = subject(local_aws, ELSHAN)
    officer_id, officer = account("officer", "MKT")
    passport = uploaded(local_aws, officer, PDF, purpose="certificate")
    status, result, _ = call(
        local_aws, "POST", "/ektis/manual-entries", token=officer, body=entry(passport)
    )
    assert status == 201, result
    mark = result["animal"]["entry"]
    assert mark["manual"] is True and mark["officer"] == officer_id and mark["agency"] == "MKT"
    assert mark["sourceDocument"] == passport
    assert result["animal"]["keeperSubjectId"] == subject_id
    # The keeper sees it marked as manual in his record; the document is kept and linked once.
    _, record, _ = call(local_aws, "GET", f"/ektis/animals/{ear_tag(50)}", token=farmer)
    assert record["animal"]["entry"]["sourceSystem"] == "AQTA baytarlıq reyestri"
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/manual-entries",
        token=officer,
        body=entry(passport, animal=animal(ear_tag(51))),
    )
    assert (status, body["errors"][0]["field"]) == (409, "sourceDocument")

    certificate = uploaded(local_aws, officer, PDF + b"2", purpose="certificate")
    vaccination = {"kind": "vaccination", "date": days_ago(10), "vaccine": "Brusellyoz"}
    status, result, _ = call(
        local_aws,
        "POST",
        "/ektis/manual-entries",
        token=officer,
        body=entry(certificate, kind="health", earTag=ear_tag(50), health=vaccination, animal=None),
    )
    assert status == 201, result
    assert result["health"]["entry"]["manual"] and result["health"]["vetSubjectId"] is None
    _, record, _ = call(local_aws, "GET", f"/ektis/animals/{ear_tag(50)}", token=farmer)
    assert [d["entry"]["sourceDocument"] for d in record["health"]] == [certificate]

    # Audited: the agency's trail of manual entries and the keeper's own trail (G1).
    entries = audit.trail(manual.trail("MKT")).items
    assert sorted(e["after"]["kind"] for e in entries) == ["animal", "health"]
    assert {e["actorId"] for e in entries} == {officer_id}
    keeper_trail = audit.trail_of_owner(farmer_user).items
    assert {"ektis-animal-registered", "ektis-health-document-entered"} <= {
        e["action"] for e in keeper_trail
    }


def test_a11_only_the_ministry_enters_by_hand_and_only_with_a_stored_document(
    local_aws: LocalAws,
) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN)
    _, officer = account("officer", "MKT")
    _, customs = account("officer", "DGK")
    stored = uploaded(local_aws, officer, PDF, purpose="certificate")
    for token in (farmer, customs):
        status, _, _ = call(
            local_aws, "POST", "/ektis/manual-entries", token=token, body=entry(stored)
        )
        assert status == 403
    _, pending = request_upload(local_aws, officer, declare(PDF + b"x", purpose="certificate"))
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/manual-entries",
        token=officer,
        body=entry(pending["attachmentId"]),
    )
    assert (status, body["errors"][0]["field"]) == (409, "sourceDocument")
    status, body, _ = call(
        local_aws, "POST", "/ektis/manual-entries", token=officer, body=entry(stored, animal=None)
    )
    assert (status, body["errors"][0]["field"]) == (422, "animal")
    # Nothing was registered by the refused entries.
    status, _, _ = call(local_aws, "GET", f"/ektis/animals/{ear_tag(50)}", token=officer)
    assert status == 404
