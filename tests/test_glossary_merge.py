"""Import merges additions and reports contradictions instead of overwriting."""

from __future__ import annotations

from termx.glossary import Glossary, merge
from termx.model import GlossaryEntry

OURS = Glossary(
    [
        GlossaryEntry("上合組織", "SCO", "approved", ("Shanghai Cooperation Organization",)),
        GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "rejected"),
        GlossaryEntry("上海精神", "Shanghai Spirit", "approved", (), (), "core value"),
    ]
)


def test_additions_are_merged() -> None:
    result = merge(
        OURS,
        [
            GlossaryEntry("和平使命", "Peace Mission", "approved"),
            GlossaryEntry("上合组织", "sco", "approved", ("SCO member states",), ("S.C.O.",)),
            GlossaryEntry("上海精神", "Shanghai Spirit", "approved"),
        ],
    )
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    assert result.conflicts == []
    sco = result.glossary.approved("上合組織")
    assert sco is not None
    assert sco.en == "SCO"  # our surface form stays
    assert sco.variants == ("Shanghai Cooperation Organization", "SCO member states")
    assert sco.forbidden == ("S.C.O.",)
    assert result.glossary.get("和平使命", "Peace Mission") is not None
    assert len(OURS) == 3  # the input glossary is not modified


def test_contradictions_are_reported_and_ours_kept() -> None:
    incoming = [
        GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "approved"),
        GlossaryEntry("上合組織", "Shanghai Cooperation Organisation", "approved"),
        GlossaryEntry("上海精神", "Shanghai Spirit", "approved", (), (), "other note"),
        GlossaryEntry("上合組織", "Shanghai Cooperation Organization", "rejected"),
        GlossaryEntry("", "SCO", "approved"),
    ]
    result = merge(OURS, incoming)
    reasons = [conflict.reason for conflict in result.conflicts]
    assert reasons == [
        "status rejected here, approved in the import",
        "approved as 'SCO' here, as 'Shanghai Cooperation Organisation' in the import",
        "different notes (“core value” here, “other note” in the import)",
        "'Shanghai Cooperation Organization' is a variant here, rejected in the import",
        "empty zh or en",
    ]
    resolutions = ["kept ours", "kept ours", "kept our note", "kept ours", "skipped"]
    assert [c.resolution for c in result.conflicts] == resolutions
    assert result.glossary.sorted() == OURS.sorted()


def test_a_note_conflict_still_adds_the_new_variant() -> None:
    incoming = [GlossaryEntry("上海精神", "Shanghai Spirit", "approved", ("SCO spirit",), (), "x")]
    result = merge(OURS, incoming)
    assert [c.resolution for c in result.conflicts] == ["kept our note"]
    spirit = result.glossary.approved("上海精神")
    assert spirit is not None and spirit.variants == ("SCO spirit",) and spirit.note == "core value"
    assert result.updated == 1


def test_prefer_theirs_takes_the_import() -> None:
    incoming = [
        GlossaryEntry("和平號角", "Fanfare for Peace military tattoo", "approved"),
        GlossaryEntry("上合組織", "Shanghai Cooperation Organisation", "approved"),
    ]
    result = merge(OURS, incoming, prefer="theirs")
    assert [c.resolution for c in result.conflicts] == ["took theirs", "took theirs"]
    assert result.glossary.status_of("和平號角", "Fanfare for Peace military tattoo") == "approved"
    approved = result.glossary.approved("上合組織")
    assert approved is not None
    assert approved.en == "Shanghai Cooperation Organisation"


def test_rejection_of_a_forbidden_form_is_already_known() -> None:
    ours = Glossary(
        [GlossaryEntry("和平使命", "Peace Mission", "approved", (), ("Peace Missions",))]
    )
    result = merge(ours, [GlossaryEntry("和平使命", "peace missions", "rejected")])
    assert (result.added, result.unchanged, result.conflicts) == (0, 1, [])
    assert result.glossary == ours


def test_prefer_theirs_for_a_rejected_variant_drops_only_the_variant() -> None:
    result = merge(
        OURS,
        [GlossaryEntry("上合組織", "Shanghai Cooperation Organization", "rejected")],
        prefer="theirs",
    )
    assert result.glossary.get("上合組織", "SCO") == GlossaryEntry("上合組織", "SCO", "approved")
    assert result.glossary.is_rejected("上合組織", "Shanghai Cooperation Organization")
