"""Writing the briefing (undoable, merged by id), the actor-stance matrix against the
store, and search that finds word forms, prefixes and phrases with their counts."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli
from workbench.briefing.matrix import stance_matrix
from workbench.briefing.selection import select_passages
from workbench.briefing.written import (
    BriefError,
    add_judgement,
    move_judgement,
    read_draft,
    section_named,
    set_bluf,
    set_comment,
)
from workbench.edits import Edit
from workbench.importers import article_from_text
from workbench.library.bringing_in import store_article
from workbench.model import NO_ACTOR
from workbench.store import Store
from workbench.store.search import find_hits, fts_query, parse_query, search
from workbench.tagging import tag_passage
from workbench.team.merge import merge_project

ACTORS = ["Russia", "Ukraine", "Turkey", "United Nations", "European Union"]


def _do(store: Store, edit: Edit | None) -> None:
    assert edit is not None
    with store.transaction():
        edit.apply(store)


@pytest.fixture
def store() -> Store:
    memory = Store.memory(analyst="Tess Tester")
    yield memory
    memory.close()


def _generated(store: Store, documents: int = 12, passages: int = 240) -> None:
    """Articles with dates, and passages of every tag by several actors (some by none)."""
    rng = random.Random(7)
    docs = []
    for n in range(documents):
        text = "\n\n".join(f"Paragraph {k} of article {n}: the delegation restated its "
                           "terms on the corridor and the inspections." for k in range(30))
        article = article_from_text(text, fallback_title=f"Article {n}")
        article.meta["published"] = f"2026-0{1 + n % 9}-{10 + n:02d}"
        docs.append(store_article(store, article).document)
    tags = store.tags.all()
    for _ in range(passages):
        document = rng.choice(docs)
        start = rng.randrange(0, len(document.text) - 80)
        actor = rng.choice([*ACTORS, ""])
        edit, _ = tag_passage(store, document=document, start=start, end=start + 40,
                              tag=rng.choice(tags), actor_name=actor)
        _do(store, edit)


def test_the_matrix_counts_what_the_store_holds(store: Store) -> None:
    _generated(store)
    selection = select_passages(store)
    matrix = stance_matrix(selection.passages, selection.tags)
    rows = store.db.execute(
        "SELECT coalesce(actor_id, ''), tag_id, count(*) FROM annotations "
        "WHERE deleted_at IS NULL GROUP BY 1, 2").fetchall()
    expected = {(a or NO_ACTOR, t): n for a, t, n in rows}
    assert {k: c.count for k, c in matrix.cells.items()} == expected
    for (actor_id, tag_id), cell in matrix.cells.items():
        behind = store.annotations.by_ids(list(cell.passages))
        assert {(p.actor_id or NO_ACTOR, p.tag_id) for p in behind} == {(actor_id, tag_id)}
        newest = max(store.documents.get(p.document_id).published for p in behind)
        assert cell.newest == newest
    red = store.tags.find("Red line").id
    lines = Counter(p.actor_id for p in store.annotations.where() if p.tag_id == red)
    named = [a for a, _ in matrix.actors if a != NO_ACTOR]
    assert [lines[a] for a in named] == sorted((lines[a] for a in named), reverse=True)
    assert matrix.actors[-1][0] == NO_ACTOR  # passages naming no actor come last
    assert len(matrix.timeline) == sum(lines[a] for a in named)
    assert [p.date for p in matrix.timeline] == sorted(p.date for p in matrix.timeline)


def test_the_chosen_actor_order_comes_first(store: Store) -> None:
    _generated(store, documents=3, passages=60)
    selection = select_passages(store)
    turkey = store.actors.find("Turkey")
    assert turkey is not None
    matrix = stance_matrix(selection.passages, selection.tags, [turkey.id])
    assert matrix.actors[0] == (turkey.id, "Turkey")


def test_writing_is_undoable_and_checked(store: Store) -> None:
    _generated(store, documents=2, passages=10)
    first, second = store.annotations.where()[:2]
    bluf = set_bluf(store, "**Moscow** holds firm.")
    _do(store, bluf)
    edit, judgement = add_judgement(store, "Talks stall.", [first.id[:6], second.id])
    _do(store, edit)
    _do(store, set_comment(store, section_named(store, "red line"), "One *clear* line."))
    draft = read_draft(store)
    assert draft.bluf == "**Moscow** holds firm."
    assert [j.cited for j in draft.judgements] == [[first.id, second.id]]
    assert draft.citations() == {first.id: 1, second.id: 2}
    assert list(draft.comments.values()) == ["One *clear* line."]
    assert set_bluf(store, "**Moscow** holds firm.") is None  # nothing to change
    assert bluf is not None
    with store.transaction():
        bluf.revert(store)
    assert read_draft(store).bluf == ""
    with pytest.raises(BriefError, match="Cannot cite"):
        add_judgement(store, "Unfounded.", ["nonexistent"])
    with pytest.raises(BriefError, match="No section called"):
        section_named(store, "Atlantis")
    other, _ = add_judgement(store, "Second.")
    _do(store, other)
    _do(store, move_judgement(store, read_draft(store).judgements[1].id, -1))
    assert [j.text for j in read_draft(store).judgements] == ["Second.", "Talks stall."]
    assert judgement.id in {j.id for j in read_draft(store).judgements}


def test_written_parts_merge_by_id(tmp_path: Path) -> None:
    paths = [tmp_path / f"{name}.wbproj" for name in ("lead", "analyst")]
    for path, words in zip(paths, ("Lead's bottom line.", "Analyst's comment."), strict=True):
        store = Store.open(path, create=True, analyst=path.stem)
        if path.stem == "lead":
            _do(store, set_bluf(store, words))
        else:
            _do(store, set_comment(store, section_named(store, "Position"), words))
        store.close()
    lead = Store.open(paths[0], analyst="lead")
    summary = merge_project(lead, paths[1])
    draft = read_draft(lead)
    assert draft.bluf == "Lead's bottom line."
    assert list(draft.comments.values()) == ["Analyst's comment."]
    assert summary.added["brief"] == 1
    lead.close()


def test_brief_commands_write_and_show(tmp_path: Path) -> None:
    project = str(tmp_path / "cli.wbproj")
    assert run_cli("-p", project, "init")[0] == 0
    assert run_cli("-p", project, "brief", "bluf", "Holds firm.")[0] == 0
    code, out, err = run_cli("-p", project, "brief", "comment", "Atlantis", "x")
    assert code == 1
    assert "No section called 'Atlantis'" in err
    assert run_cli("-p", project, "brief", "comment", "Red line", "Firm.")[0] == 0
    code, out, _ = run_cli("-p", project, "brief", "show")
    assert code == 0
    assert out.index("Holds firm.") < out.index("Comment on Red line")


def test_search_finds_word_forms_prefixes_and_phrases(store: Store) -> None:
    text = ("Kyiv ruled out territorial concessions. A concession on grain was floated; "
            "the Concessions were refused. Conceding nothing, Moscow restated its terms.")
    document = store_article(store, article_from_text(text, fallback_title="Talks")).document
    assert document is not None
    assert fts_query('concession "grain was" ports*') == \
        '"concession" "grain was" "ports"*'
    for query, expected in (("concession", ["concessions", "concession", "Concessions"]),
                            ("concess*", ["concessions", "concession", "Concessions"]),
                            ('"territorial concession"', ["territorial concessions"]),
                            ("conced*", ["Conceding"])):
        hits = [h for h in search(store, query) if h.kind == "document"]
        assert [text[h.start:h.end] for h in hits] == expected, query
        assert {h.count for h in hits} == {len(expected)}
        assert all(f"[{text[h.start:h.end]}]" in h.snippet for h in hits)
    assert search(store, '"concession territorial"') == []  # a phrase keeps its order
    assert find_hits("Policy and policies; politics.", parse_query("policy")) == \
        [(0, 6), (11, 19)]


def test_a_hit_inside_another_counts_once() -> None:
    text = "A Russian inspector came; inspectors left."
    hits = find_hits(text, parse_query('"Russian inspector" inspect*'))
    assert [text[a:b] for a, b in hits] == ["Russian inspector", "inspectors"]


def test_the_window_s_one_query_matrix_equals_the_export_s(store: Store) -> None:
    from workbench.briefing.matrix import matrix_of, rows_in_store

    _generated(store)
    selection = select_passages(store)
    exported = stance_matrix(selection.passages, selection.tags)
    queried = matrix_of(rows_in_store(store), store.tags.all())
    assert queried.cells == exported.cells
    assert queried.actors == exported.actors
    assert queried.timeline == exported.timeline
