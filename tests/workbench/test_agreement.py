"""Agreement between analysts, checked against values computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli
from workbench.clock import new_id
from workbench.model import Annotation, Document
from workbench.store import Store
from workbench.team.agreement import agreement, pair_spans
from workbench.text.blocks import BlockSpec, assemble, sha256_text

TEXT = "x" * 100


def _document(store: Store) -> Document:
    text, blocks = assemble([BlockSpec("paragraph", TEXT)])
    return store.documents.add(title="Doc", text=text, sha256=sha256_text(text), blocks=blocks)


def _passage(store: Store, document: Document, analyst: str, tag: str, start: int,
             end: int) -> None:
    store.annotations.insert(Annotation(
        id=new_id(), document_id=document.id, start=start, end=end,
        exact=document.text[start:end], prefix="", suffix="",
        tag_id=store.tags.find(tag).id, analyst=analyst))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Ann: Position 0-10 and 50-60; Bob: Position 5-10 and Criticism 50-60; a document
    only Ann tagged."""
    path = tmp_path / "desk.wbproj"
    store = Store.open(path, create=True)
    document = _document(store)
    _passage(store, document, "Ann", "Position", 0, 10)
    _passage(store, document, "Ann", "Position", 50, 60)
    _passage(store, document, "Bob", "Position", 5, 10)
    _passage(store, document, "Bob", "Criticism", 50, 60)
    only_ann = store.documents.add(title="Only Ann", text="y" * 40,
                                   sha256=sha256_text("y" * 40), blocks=[])
    _passage(store, only_ann, "Ann", "Position", 0, 10)  # one analyst: no agreement to count
    store.close()
    return path


def test_pairs_need_an_overlap_of_half_their_union() -> None:
    assert len(pair_spans([(0, 10, "a")], [(5, 10, "b")])) == 1  # IoU 5/10
    assert pair_spans([(0, 10, "a")], [(6, 10, "b")]) == []  # IoU 4/10
    # Best first, each span once: b pairs with the closer a.
    assert pair_spans([(0, 10, "a1"), (2, 12, "a2")], [(2, 11, "b")]) == \
        [((2, 12, "a2"), (2, 11, "b"))]


def test_scores_match_the_hand_computed_values(project: Path) -> None:
    report = agreement(Store.open(project))
    assert len(report.documents) == 1
    scores = {p.tag: p for p in report.pairs}
    position = scores["Position"]
    assert (position.first, position.second) == ("Ann", "Bob")
    assert (position.first_count, position.second_count, position.matched) == (2, 1, 1)
    assert position.precision == 1.0
    assert position.recall == 0.5
    assert position.f1 == pytest.approx(2 / 3)
    assert scores["Criticism"].f1 == 0.0
    # Alpha over 100 characters coded by two analysts (n = 200 values):
    # Position: 5 characters Ann only, 5 both, 10 Ann only -> 25 ones, 175 zeros,
    #   observed disagreement 2*(5 + 10) = 30: alpha = 1 - 199*30 / (2*25*175).
    # Criticism: 10 characters Bob only -> 10 ones, 190 zeros, observed 20:
    #   alpha = 1 - 199*20 / (2*10*190).
    assert report.alphas["Position"] == pytest.approx(1 - 199 * 30 / (2 * 25 * 175))
    assert report.alphas["Criticism"] == pytest.approx(1 - 199 * 20 / (2 * 10 * 190))
    assert report.alphas["Position"] == pytest.approx(0.317714, abs=1e-6)
    # 0-10 and 5-10: both Position, paired: alike.  50-60: Position against Criticism.
    assert [(d.start, d.end, d.cell("Ann"), d.cell("Bob")) for d in report.disagreements] == \
        [(50, 60, "Position", "Criticism")]
    assert report.disagreements[0].apart() == ("Ann", "Bob")
    # The same scores per document (one document here).
    assert [(p.tag, p.f1) for p in report.per_document] == [(p.tag, p.f1) for p in report.pairs]
    assert {p.document_id for p in report.per_document} == set(report.documents)


def test_alpha_agrees_with_a_plain_per_character_count(project: Path) -> None:
    """The run-length sums equal Krippendorff's coincidence formula done character by character."""
    store = Store.open(project)
    passages = store.annotations.where()
    tag = store.tags.find("Position").id
    coded = {a: [0] * 100 for a in ("Ann", "Bob")}
    for p in passages:
        if p.tag_id == tag:
            for i in range(p.start, p.end):
                coded[p.analyst][i] = 1
    o = {(0, 0): 0.0, (0, 1): 0.0, (1, 0): 0.0, (1, 1): 0.0}
    for i in range(100):
        a, b = coded["Ann"][i], coded["Bob"][i]
        o[(a, b)] += 1  # two coders: each ordered pair counts 1/(m-1) = 1
        o[(b, a)] += 1
    n1 = o[(1, 0)] + o[(1, 1)]
    n0 = o[(0, 0)] + o[(0, 1)]
    n = n0 + n1
    expected = 1 - (n - 1) * (o[(0, 1)] + o[(1, 0)]) / (2 * n0 * n1)
    assert agreement(store).alphas["Position"] == pytest.approx(expected)


def test_agreement_on_the_command_line(project: Path) -> None:
    code, out, _ = run_cli("-p", str(project), "agreement", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["alpha"]["Position"] == pytest.approx(0.3177, abs=1e-4)
    assert {(p["tag"], p["f1"]) for p in report["pairs"]} == {("Position", 0.6667),
                                                              ("Criticism", 0.0)}
    code, out, _ = run_cli("-p", str(project), "agreement")
    assert "Position     Ann / Bob: precision 1.00, recall 0.50, F1 0.67" in out


def test_identical_tagging_agrees_fully_and_disjoint_tagging_not_at_all() -> None:
    store = Store.memory(analyst="Importer")  # imported the article; tagged nothing
    document = _document(store)
    for analyst in ("Ann", "Bob"):
        _passage(store, document, analyst, "Position", 0, 10)
        _passage(store, document, analyst, "Criticism", 40, 60)
    same = agreement(store)
    assert [(p.tag, p.first, p.second, p.f1) for p in same.pairs] == [
        ("Criticism", "Ann", "Bob", 1.0), ("Position", "Ann", "Bob", 1.0)]
    assert same.alphas == {"Criticism": 1.0, "Position": 1.0}
    assert same.disagreements == []
    _passage(store, document, "Cat", "Position", 20, 30)  # nowhere near Ann's or Bob's
    _passage(store, document, "Cat", "Red line", 85, 95)  # a tag only Cat uses
    report = agreement(store)
    scores = {(p.tag, p.first, p.second): p for p in report.pairs}
    assert {p.first for p in report.pairs} | {p.second for p in report.pairs} == \
        {"Ann", "Bob", "Cat"}  # the importer is no analyst
    assert scores[("Position", "Ann", "Bob")].f1 == 1.0
    assert scores[("Position", "Ann", "Cat")].f1 == 0.0  # both tagged, never the same
    assert scores[("Red line", "Ann", "Bob")].f1 is None  # neither tagged one: n/a
    assert scores[("Red line", "Ann", "Cat")].recall is None  # Ann tagged none
    assert scores[("Red line", "Ann", "Cat")].precision == 0.0
    assert report.analysts == ["Ann", "Bob", "Cat"]
    # Each stretch tagged differently, every analyst's reading side by side.
    rows = [(d.start, d.end, d.cell("Ann"), d.cell("Bob"), d.cell("Cat"))
            for d in report.disagreements]
    assert rows == [(0, 10, "Position", "Position", "—"), (20, 30, "—", "—", "Position"),
                    (40, 60, "Criticism", "Criticism", "—"), (85, 95, "—", "—", "Red line")]
    code, out, err = run_cli_on(store)
    assert code == 0, err
    assert "F1 n/a" in out
    assert "F1 1.00" in out


def run_cli_on(store: Store) -> tuple[int, str, str]:
    """The ``agreement`` command's text on a copy of an in-memory project."""
    import tempfile

    folder = Path(tempfile.mkdtemp())
    store.write_copy(folder / "copy.wbproj")
    return run_cli("-p", str(folder / "copy.wbproj"), "agreement")
