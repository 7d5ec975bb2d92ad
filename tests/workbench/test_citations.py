"""Citations kept honest: a key judgement citing a deleted or rejected passage."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.workbench.helpers import run_cli
from workbench.briefing.citations import broken_citations, citing
from workbench.briefing.written import add_judgement
from workbench.edits import delete_annotation
from workbench.model import ReviewStatus, Role
from workbench.review.workflow import Step, apply_step, submit
from workbench.samples import build_demo
from workbench.store import Store


def _cited_demo(path: Path) -> tuple[Store, str, str]:
    store = build_demo(path)
    first, second = (a.id for a in store.annotations.where()[:2])
    edit, _ = add_judgement(store, "Moscow will not move.", [first, second])
    edit.apply(store)
    return store, first, second


def test_deleting_a_cited_passage_breaks_the_citation_and_undo_mends_it(
        tmp_path: Path) -> None:
    store, first, _ = _cited_demo(tmp_path / "p.wbproj")
    assert broken_citations(store) == []
    edit = delete_annotation(first)
    edit.apply(store)
    (broken,) = citing(store, [first])
    assert (broken.judgement, broken.why) == (1, "was deleted")
    assert broken.sentence().startswith("Key judgement 1 cites a passage that was deleted (“")
    edit.revert(store)
    assert broken_citations(store) == []
    store.close()


def test_rejecting_a_cited_passage_breaks_the_citation(tmp_path: Path) -> None:
    store, _, second = _cited_demo(tmp_path / "p.wbproj")
    submit(store, [second], person="M. Keller").apply(store)
    apply_step(store, [second], Step(ReviewStatus.REJECTED, "Sup", Role.SUPERVISOR,
                                     "Out of scope")).apply(store)
    assert [c.why for c in broken_citations(store)] == ["was rejected"]
    store.close()


def test_the_command_line_says_so_and_the_export_asks_for_leave(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    store, first, _ = _cited_demo(project)
    store.close()
    p = ["-p", str(project)]
    code, _out, err = run_cli(*p, "delete", first)
    assert code == 0
    assert err == "Note: Key judgement 1 cites it: the citation now shows as broken in the " \
                  "briefing.\n"
    out_file = tmp_path / "b.docx"
    code, _, err = run_cli(*p, "export", "briefing", "-o", str(out_file))
    assert code == 1
    assert "1 citation(s) of the briefing broken: Key judgement 1 cites a passage that was " \
           "deleted" in err
    assert "--allow-broken-citations" in err
    assert err.count("\n") == 1
    assert not out_file.exists()
    code, _, err = run_cli(*p, "export", "briefing", "-o", str(out_file),
                           "--allow-broken-citations")
    assert (code, err) == (0, "")
    texts = [paragraph.text for paragraph in docx.Document(str(out_file)).paragraphs]
    assert "[1] Broken citation: the passage cited here was deleted." in texts
    assert not [t for t in texts if "not in this briefing's selection" in t]
