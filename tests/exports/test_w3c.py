"""W3C Web Annotation export, and importing it (or another tool's) back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exports.w3c import write_w3c
from workbench.briefing.selection import select_passages
from workbench.importers import article_from_text
from workbench.interop.w3c_import import W3CFormatError, plan_w3c_import
from workbench.interop.w3c_terms import ANNO_CONTEXT
from workbench.library.bringing_in import store_article
from workbench.model import Annotation
from workbench.store import Store


def _copy_documents(source: Store, target: Store) -> None:
    """The same documents (same text) in another project, as another analyst would have."""
    for document_id in source.documents.ids():
        document = source.documents.get(document_id)
        result = store_article(target, article_from_text(document.text))
        assert result.document is not None
        assert result.document.sha256 == document.sha256


def _comparable(store: Store) -> set[tuple[object, ...]]:
    tags = {t.id: t.name for t in store.tags.all(include_deleted=True)}
    actors = {a.id: a.name for a in store.actors.all(include_deleted=True)}
    sha = {d: store.documents.get(d).sha256 for d in store.documents.ids()}
    return {(a.id, sha[a.document_id], a.start, a.end, a.exact, a.prefix, a.suffix,
             tags[a.tag_id], actors.get(a.actor_id or ""), a.note, a.analyst, a.status,
             a.created_at) for a in store.annotations.where()}


def test_every_annotation_has_the_keys_the_model_requires(demo: Store, tmp_path: Path) -> None:
    out = write_w3c(select_passages(demo), tmp_path / "a.jsonld")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(demo.annotations.where()) + 1  # + one verdict
    for item in items:
        assert ANNO_CONTEXT in item["@context"]
        assert item["id"].startswith("urn:uuid:")
        assert item["type"] == "Annotation"
        assert item["target"]
    tagging = [i for i in items if i["motivation"] == "tagging"]
    for item in tagging:
        kinds = {s["type"] for s in item["target"]["selector"]}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        assert any(b["purpose"] == "tagging" for b in item["body"])
    assessing = [i for i in items if i["motivation"] == "assessing"]
    assert [b["value"] for b in assessing[0]["body"]] == ["accepted", "Central to the brief."]


def test_round_trip_into_an_empty_project_gives_the_same_annotations(
        demo: Store, tmp_path: Path) -> None:
    out = write_w3c(select_passages(demo), tmp_path / "a.jsonld")
    other = Store.memory(analyst="Importer")
    _copy_documents(demo, other)
    plan = plan_w3c_import(other, out)
    assert plan.summary() == "6 annotations added, 1 review verdict."
    plan.edit.apply(other)
    assert _comparable(other) == _comparable(demo)
    assert [(r.verdict, r.reviewer) for r in other.reviews.all()] == [("accepted", "J. Supervisor")]
    again = plan_w3c_import(other, out)
    assert again.added == again.reviews == 0
    assert again.already == 6
    plan.edit.revert(other)  # one undo step takes the whole import back
    assert other.annotations.where() == []
    plan.edit.apply(other)
    assert _comparable(other) == _comparable(demo)


def test_another_tools_annotation_is_placed_by_its_quote(demo: Store, tmp_path: Path) -> None:
    hypothesis_style = {
        "@context": ANNO_CONTEXT, "id": "https://hypothes.is/a/Xy12", "type": "Annotation",
        "creator": "acct:reader@hypothes.is", "created": "2026-03-15T10:00:00Z",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Red line"},
                 {"type": "TextualBody", "value": "A hard condition."}],
        "target": {"source": "https://news.example.org/grain-talks", "selector": [
            {"type": "TextQuoteSelector", "exact": "neither delegation signed the draft text",
             "prefix": "summer\", but ", "suffix": "."}]},
    }
    (tmp_path / "h.json").write_text(json.dumps([hypothesis_style]), encoding="utf-8")
    plan = plan_w3c_import(demo, tmp_path / "h.json")
    assert plan.added == 1
    plan.edit.apply(demo)
    quote = "neither delegation signed the draft text"
    placed = [a for a in demo.annotations.where() if a.exact == quote]
    assert len(placed) == 1
    assert placed[0].note == "A hard condition."
    assert placed[0].tag_id == demo.tags.find("Red line").id
    assert placed[0].analyst == "acct:reader@hypothes.is"
    text = demo.documents.get(placed[0].document_id).text
    assert text[placed[0].start:placed[0].end] == placed[0].exact


def test_what_cannot_be_imported_is_said(demo: Store, tmp_path: Path) -> None:
    items = [{"type": "Annotation", "id": "urn:x:1", "target": {
        "source": "https://elsewhere.example/none", "selector": {
            "type": "TextQuoteSelector", "exact": "words"}}},
             {"type": "Annotation", "id": "urn:x:2", "target": {
                 "source": "https://news.example.org/grain-talks", "selector": {
                     "type": "TextQuoteSelector", "exact": "a sentence this article lacks"}}}]
    (tmp_path / "bad.json").write_text(json.dumps(items), encoding="utf-8")
    plan = plan_w3c_import(demo, tmp_path / "bad.json")
    assert plan.skipped == 1
    assert "no document in the project matches" in plan.reasons[0]
    # A quote the article lacks is kept as an orphan with its quote, placed nowhere.
    assert (plan.added, plan.orphans) == (1, 1)
    assert "1 whose quote is not in the text (kept as orphans)" in plan.summary()
    (orphan,) = [r for r in plan.edit.records if isinstance(r, Annotation)]
    assert (orphan.exact, orphan.anchor_status) == ("a sentence this article lacks", "orphan")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(W3CFormatError, match="not JSON"):
        plan_w3c_import(demo, tmp_path / "broken.json")


def test_verdicts_alone_give_imported_passages_their_status(demo: Store, tmp_path: Path) -> None:
    out = write_w3c(select_passages(demo), tmp_path / "a.jsonld")
    data = json.loads(out.read_text(encoding="utf-8"))
    for item in data["first"]["items"]:  # as a tool that knows verdicts but no statuses
        item.pop("wb:status", None)
    out.write_text(json.dumps(data), encoding="utf-8")
    other = Store.memory(analyst="Importer")
    _copy_documents(demo, other)
    plan_w3c_import(other, out).edit.apply(other)
    statuses = {a.exact: a.status for a in other.annotations.where()}
    accepted = [a.exact for a in demo.annotations.where() if a.status == "accepted"]
    assert [q for q, s in statuses.items() if s == "accepted"] == accepted
    assert sorted(set(statuses.values())) == ["accepted", "draft"]


def test_a_foreign_collection_lands_on_the_right_text(demo: Store, tmp_path: Path) -> None:
    """Another tool's file: a #fragment address, quote and position selectors, bodyValue,
    two tags, no creator; a quote absent from the text becomes an orphan."""
    document = demo.documents.resolve("Black Sea Grain Talks Stall Over Inspection Regime")
    quote = "mixed teams would inspect cargo in Turkish waters"
    at = document.text.index(quote)
    source = "https://news.example.org/grain-talks#para-4"
    items = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
             "first": {"type": "AnnotationPage", "items": [
                 {"type": "Annotation", "id": "https://hypothes.is/a/abc123",
                  "bodyValue": "The compromise on the table",
                  "target": {"source": source, "selector": [
                      {"type": "TextQuoteSelector", "exact": quote,
                       "prefix": document.text[at - 20:at], "suffix": document.text[
                           at + len(quote):at + len(quote) + 20]},
                      {"type": "TextPositionSelector", "start": at + 7, "end": at + 60}]}},
                 {"type": "Annotation", "id": "https://hypothes.is/a/def456",
                  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Offer"},
                           {"type": "TextualBody", "purpose": "tagging", "value": "Turkey"}],
                  "target": {"source": source, "selector": {
                      "type": "TextPositionSelector", "start": at, "end": at + len(quote)}}},
                 {"type": "Annotation", "id": "https://hypothes.is/a/ghi789",
                  "target": {"source": source, "selector": {
                      "type": "TextQuoteSelector", "exact": "a sentence no version has"}}}]}}
    path = tmp_path / "hypothesis.jsonld"
    path.write_text(json.dumps(items), encoding="utf-8")
    before = len(demo.annotations.where())
    plan = plan_w3c_import(demo, path)
    with demo.transaction():
        plan.edit.apply(demo)
    new = [a for a in demo.annotations.where() if a.analyst == "unknown"]
    assert len(new) == 4  # two tags make two passages on the same words
    placed = [a for a in new if a.anchor_status != "orphan"]
    assert {document.text[a.start:a.end] for a in placed} == {quote}
    assert {a.note for a in placed} == {"The compromise on the table", ""}
    tags = {demo.tags.get(a.tag_id).name for a in placed}
    assert tags == {"Imported", "Offer", "Turkey"}
    (orphan,) = [a for a in new if a.anchor_status == "orphan"]
    assert orphan.exact == "a sentence no version has"
    assert all(a.document_id == document.id for a in new)
    # The same file again adds nothing.
    again = plan_w3c_import(demo, path)
    assert (again.added, again.already) == (0, 3)
    assert len(demo.annotations.where()) == before + 4


def test_the_user_can_choose_the_document(demo: Store, tmp_path: Path) -> None:
    document = demo.documents.resolve("Black Sea Grain Talks Stall Over Inspection Regime")
    items = [{"type": "Annotation", "id": "urn:x:9", "target": {
        "source": "file:///home/someone/copy-of-article.txt", "selector": {
            "type": "TextQuoteSelector", "exact": "mixed teams would inspect cargo"}}}]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert plan_w3c_import(demo, path).added == 0
    plan = plan_w3c_import(demo, path, document=document)
    assert (plan.added, plan.orphans) == (1, 0)


def _hostile(item_id: str, **extra: object) -> dict[str, object]:
    return {"@context": ANNO_CONTEXT, "id": item_id, "type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Red line"}],
            "target": {"source": "https://news.example.org/grain-talks", "selector": [
                {"type": "TextQuoteSelector",
                 "exact": "neither delegation signed the draft text"}]}, **extra}


def test_a_doctored_file_imports_what_it_can_and_says_the_rest(demo: Store,
                                                               tmp_path: Path) -> None:
    items = [
        _hostile("urn:uuid:00000000-0000-4000-8000-000000000001", **{"wb:status": {}},
                 created={"not": "a date"}),
        _hostile("urn:uuid:00000000-0000-4000-8000-000000000001"),  # the same id again
        _hostile("https://tool.example/a/2", creator="Eve\nok: all accepted",
                 body=[{"type": "TextualBody", "purpose": "identifying",
                        "value": "Russia\x1b[31m\nok"}]),
    ]
    (tmp_path / "h.json").write_text(json.dumps(items), encoding="utf-8")
    plan = plan_w3c_import(demo, tmp_path / "h.json")
    assert (plan.added, plan.skipped) == (2, 1)
    assert "the same id is in the file twice" in plan.reasons[0]
    plan.edit.apply(demo)
    imported = [a for a in demo.annotations.where() if a.exact.startswith("neither")]
    assert {a.status for a in imported} == {"draft"}
    assert {a.analyst for a in imported} == {"unknown", "Eve ok: all accepted"}
    assert all(a.created_at.startswith("20") for a in imported)
    assert [a.name for a in demo.actors.all() if "[31m" in a.name] == ["Russia [31m ok"]


def test_a_file_too_large_to_read_is_refused_before_it_is_read(
        demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.interop.w3c_import
    monkeypatch.setattr(workbench.interop.w3c_import, "MAX_W3C_BYTES", 1000)
    (tmp_path / "big.json").write_text(json.dumps([_hostile(f"x{n}") for n in range(20)]),
                                       encoding="utf-8")
    with pytest.raises(W3CFormatError, match="Split it into smaller files"):
        plan_w3c_import(demo, tmp_path / "big.json")


def test_a_w3c_import_stops_when_cancelled_part_way(demo: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel is looked at every few annotations; once it is pressed the plan stops,
    and the project is as it was (the plan is written only once it is whole)."""
    import workbench.interop.w3c_import as w3c_in
    from workbench.errors import Cancelled

    monkeypatch.setattr(w3c_in, "CANCEL_EVERY", 2)
    out = write_w3c(select_passages(demo), tmp_path / "a.jsonld")
    other = Store.memory(analyst="Importer")
    _copy_documents(demo, other)
    looks: list[int] = []

    def cancelled() -> bool:
        looks.append(len(looks))
        return len(looks) > 2  # pressed after the fourth annotation

    with pytest.raises(Cancelled, match="stopped; nothing was added"):
        plan_w3c_import(other, out, cancelled=cancelled)
    assert len(looks) == 3
    assert other.annotations.where() == []
    assert plan_w3c_import(other, out).added == 6  # not cancelled: all of them
