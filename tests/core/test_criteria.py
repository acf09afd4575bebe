"""The criteria catalogue: complete, unique, readable ids, and summaries in our own words."""

# DESIGN.md and issues write ranges with en dashes, so these tests do too.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calmdesk.core import criteria
from calmdesk.core.criteria import (
    CATALOGUE,
    BadCriterionReference,
    CriterionKind,
    Unit,
    UnknownCriterion,
    criteria_in,
    criteria_in_unit,
    expand_range,
    get,
    parse_ids,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DESIGN = SHARED / "DESIGN.md"
DOCS = REPO / "docs" / "criteria.md"

# Broader than the catalogue's own units on purpose, so that a mention of a unit we do not
# know (say "C5 1.1") is found and fails instead of being skipped.
_UNIT = r"Unit \d+|CU\d+|C\d+"
_CODE = r"[PMD]\d+|\d+\.\d+"
_ITEM = rf"(?:{_CODE})(?:\s*[-–]\s*(?:{_CODE}))?"
_MENTION = re.compile(
    rf"(?P<units>(?:{_UNIT})(?:\s+and\s+(?:{_UNIT}))*),?\s+(?:criteria\s+)?"
    rf"(?P<codes>{_ITEM}(?:\s*,\s*{_ITEM})*)"
)


def _mentions_in(text: str) -> list[str]:
    """Each run of ids in prose, one unit per run: "CU816 and C4, criteria 1.1–3.10" gives two."""
    mentions = []
    for match in _MENTION.finditer(text):
        for unit in re.split(r"\s+and\s+", match["units"]):
            mentions.append(f"{unit} {match['codes']}")
    return mentions


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", " ", text).lower())


def _runs_of_six(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}


def _seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"the unit texts are not at {SEEDS}")
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert texts, f"{SEEDS} holds no .txt files"
    return texts


def _unit_of_seed(text: str) -> Unit:
    if "Unit 7" in text:
        return Unit.UNIT_7
    if re.search(r"Unit number\s+C1\b", text):
        return Unit.C1
    if re.search(r"Unit number\s+C4\b|Unit CU816\b", text):
        return Unit.C4
    raise AssertionError(f"a seed names no known unit: {text[:80]!r}")


def test_every_id_mentioned_in_the_design_resolves():
    """Each criterion DESIGN.md names, ranges and unit-less follow-ons included, is in the
    catalogue."""
    if not DESIGN.is_file():
        pytest.skip(f"the design is not at {DESIGN}")
    mentions = _mentions_in(DESIGN.read_text(encoding="utf-8"))
    # The path of one contact alone names criteria at every one of its nine steps.
    assert len(mentions) >= 15, mentions
    resolved = {criterion_id for mention in mentions for criterion_id in parse_ids(mention)}
    assert {"Unit 7 1.1", "Unit 7 D2", "C4 2.10", "C4 3.10", "C1 3.10"} <= resolved


def test_design_scanner_reports_a_unit_the_catalogue_lacks():
    """The scanner behind the design test finds unknown units, so the test can fail."""
    mentions = _mentions_in("Escalate (C5 1.1; Unit 7 2.4, P4)")
    assert mentions == ["C5 1.1", "Unit 7 2.4, P4"]
    with pytest.raises(BadCriterionReference):
        parse_ids(mentions[0])


def test_catalogue_has_every_criterion_of_each_seed_unit_and_nothing_else():
    """The numbered items of every unit text are exactly the catalogue's ids for that unit."""
    for text in _seed_texts():
        unit = _unit_of_seed(text)
        numbered = set(re.findall(r"(?<![\d.])\d\.\d{1,2}(?=\s+[A-Z])", text))
        graded = set(re.findall(r"\b[PMD]\d(?=:)", text))
        assert numbered | graded == {c.code for c in criteria_in_unit(unit)}, unit


def test_catalogue_counts_match_the_units():
    """Unit 7 has 10 content items and 15 grading criteria; C4 has 27 criteria, C1 has 20."""
    kinds = [criterion.kind for criterion in criteria_in_unit(Unit.UNIT_7)]
    assert kinds.count(CriterionKind.TEACHING_CONTENT) == 10
    assert kinds.count(CriterionKind.PASS) == 9
    assert kinds.count(CriterionKind.MERIT) == 4
    assert kinds.count(CriterionKind.DISTINCTION) == 2
    assert len(criteria_in_unit(Unit.C4)) == 27
    assert len(criteria_in_unit(Unit.C1)) == 20
    assert len(CATALOGUE) == 72


def test_ids_are_unique_and_each_resolves_to_itself():
    """No two criteria share an id, and get() finds each one by its own id."""
    ids = [criterion.id for criterion in CATALOGUE]
    assert len(set(ids)) == len(ids)
    for criterion in CATALOGUE:
        assert get(criterion.id) is criterion
        assert criterion.id == f"{criterion.unit} {criterion.code}"


@pytest.mark.parametrize("criterion", CATALOGUE, ids=str)
def test_summary_is_one_short_sentence(criterion):
    """A summary starts with a capital, ends with its only full stop, and is under 140
    characters."""
    summary = criterion.summary
    assert len(summary) < 140
    assert summary[0].isupper()
    assert summary.endswith(".")
    assert not re.search(r"[.!?](\s|$)", summary[:-1]), summary


def test_no_summary_shares_six_words_in_a_row_with_the_unit_texts():
    """Summaries are our own words: no run of six consecutive words appears in any seed."""
    seed_runs: set[tuple[str, ...]] = set()
    for text in _seed_texts():
        seed_runs |= _runs_of_six(_words(text))
    copied = {
        criterion.id: [" ".join(run) for run in _runs_of_six(_words(criterion.summary)) & seed_runs]
        for criterion in CATALOGUE
    }
    assert {cid: runs for cid, runs in copied.items() if runs} == {}


def test_overlap_check_catches_a_copied_phrase():
    """The six-word check flags a phrase lifted from a unit text, so it can fail."""
    seed_words = _words(_seed_texts()[0])
    lifted = " ".join(seed_words[40:46]).capitalize() + "."
    assert _runs_of_six(_words(lifted)) & _runs_of_six(seed_words)


def test_get_accepts_any_case_spacing_and_the_cu816_alias():
    """Ids are read loosely and always come back in their display form."""
    assert get("unit 7 p4").id == "Unit 7 P4"
    assert get("  Unit7  M1 ").id == "Unit 7 M1"
    assert get("c1 3.10").id == "C1 3.10"
    assert get("CU816 2.4") is get("C4 2.4")
    assert get("Unit CU816 3.8").id == "C4 3.8"


def test_get_names_what_the_unit_has_when_an_id_is_unknown():
    """A missing id raises a KeyError whose message lists the unit's real ids."""
    with pytest.raises(KeyError) as raised:
        get("C4 2.11")
    assert isinstance(raised.value, UnknownCriterion)
    assert str(raised.value) == (
        "There is no criterion C4 2.11; C4 has 1.1-1.7, 2.1-2.10, 3.1-3.10."
    )


def test_get_explains_the_id_format_for_text_that_is_not_an_id():
    """A unit-less code or an unknown unit is refused with the shape an id should have."""
    for bad in ("P4", "C9 1.1", "Unit 7", ""):
        with pytest.raises(UnknownCriterion, match="ids look like 'Unit 7 P4'"):
            get(bad)


def test_unit_7_grading_criteria_are_summarised_in_the_error_for_an_unknown_one():
    """The ranges in the message cover content and every grade band of Unit 7."""
    with pytest.raises(UnknownCriterion) as raised:
        get("Unit 7 P10")
    assert str(raised.value).endswith(
        "Unit 7 has 1.1-1.2, 2.1-2.4, 3.1-3.3, 4.1, P1-P9, M1-M4, D1-D2."
    )


def test_parse_ids_reads_a_list_across_units():
    """Commas and semicolons separate items; each id comes back in display form."""
    assert parse_ids("Unit 7 P4, C4 2.4") == ("Unit 7 P4", "C4 2.4")


def test_parse_ids_gives_unit_less_items_the_unit_named_before_them():
    """As DESIGN.md writes them, "Unit 7 2.3–2.4, 3.2, P4" keeps Unit 7 throughout."""
    assert parse_ids("Unit 7 2.3–2.4, 3.2, P4; C1 1.2-1.3, 2.4") == (
        "Unit 7 2.3",
        "Unit 7 2.4",
        "Unit 7 3.2",
        "Unit 7 P4",
        "C1 1.2",
        "C1 1.3",
        "C1 2.4",
    )


def test_parse_ids_lists_each_id_once_in_first_mentioned_order():
    """The alias and the unit's own id are the same criterion and appear once."""
    assert parse_ids("CU816 2.4, C4 2.3–2.5") == ("C4 2.4", "C4 2.3", "C4 2.5")


def test_parse_ids_of_nothing_is_empty():
    """Blank text and stray separators name no criteria."""
    assert parse_ids("") == ()
    assert parse_ids(" ;, ") == ()


def test_parse_ids_refuses_a_list_that_starts_without_a_unit():
    """The first item must say which unit it belongs to."""
    with pytest.raises(BadCriterionReference, match="does not say which unit"):
        parse_ids("P4, Unit 7 P5")


def test_parse_ids_refuses_an_unknown_id_inside_a_list():
    """One bad id fails the whole list with the unit's real ids in the message."""
    with pytest.raises(UnknownCriterion, match=re.escape("C1 has 1.1-1.4, 2.1-2.6, 3.1-3.10")):
        parse_ids("C1 1.1, 1.5")


def test_parse_ids_refuses_words_that_are_not_ids():
    """Prose inside a list is reported, not ignored."""
    with pytest.raises(BadCriterionReference, match="'simulation' is not a criterion id"):
        parse_ids("C1 1.1, simulation")


def test_expand_range_counts_past_nine():
    """3.8 to 3.10 is three criteria, not a string comparison."""
    assert expand_range("C4 3.8–3.10") == ("C4 3.8", "C4 3.9", "C4 3.10")


def test_expand_range_crosses_from_one_learning_outcome_to_the_next():
    """A range runs in catalogue order, so C4 1.6–2.2 takes in the end of outcome 1."""
    assert expand_range("C4 1.6–2.2") == ("C4 1.6", "C4 1.7", "C4 2.1", "C4 2.2")
    assert len(expand_range("C1 1.1–3.10")) == 20


def test_expand_range_accepts_hyphens_spaces_a_repeated_unit_and_the_alias():
    """All the ways people write a range give the same ids."""
    expected = ("Unit 7 P5", "Unit 7 P6")
    assert expand_range("Unit 7 P5-P6") == expected
    assert expand_range("Unit 7 P5 – Unit 7 P6") == expected
    assert expand_range("CU816 2.9—2.10") == ("C4 2.9", "C4 2.10")


def test_expand_range_of_a_single_id_is_that_id():
    """An item without a dash is a range of one."""
    assert expand_range("C1 1.1") == ("C1 1.1",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("C4 3.10–3.8", "runs backwards; did you mean C4 3.8-3.10"),
        ("Unit 7 4.1–P1", "runs from teaching content into pass"),
        ("Unit 7 P8–M4", "runs from pass into merit"),
        ("C4 3.1–C1 3.2", "runs from C4 into C1"),
        ("C4 1.1–1.2–1.3", "more than one dash"),
    ],
)
def test_expand_range_refuses_a_range_it_cannot_read(text, message):
    """Backwards, mixed or doubled ranges get a message that says what is wrong."""
    with pytest.raises(BadCriterionReference, match=re.escape(message)):
        expand_range(text)


def test_criteria_in_gives_the_criteria_to_show_beside_their_summaries():
    """The helper for display returns catalogue entries in the order named."""
    assert [c.summary for c in criteria_in("C1 2.6, Unit 7 P5")] == [
        get("C1 2.6").summary,
        get("Unit 7 P5").summary,
    ]


def test_a_criterion_reads_as_its_id():
    """Templates and messages can print a criterion directly."""
    assert str(get("Unit 7 M3")) == "Unit 7 M3"
    assert f"{get('C4 2.7')}" == "C4 2.7"


def test_units_have_titles_and_the_alias_points_at_c4():
    """Every unit has a title, and CU816 is listed as another number for C4."""
    assert all(unit.title for unit in Unit)
    assert criteria.UNIT_ALIASES == {"CU816": Unit.C4}


def test_docs_table_matches_the_catalogue():
    """docs/criteria.md lists every id with exactly the summary the product shows."""
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (.+?) \|$", DOCS.read_text("utf-8"), re.M)
    assert rows == [(criterion.id, criterion.summary) for criterion in CATALOGUE]
