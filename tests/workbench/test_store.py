"""The project file: schema, settings, seeded tags, and refusal of foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import AmbiguousReference, NotFound, ProjectFileError
from workbench.library.bringing_in import import_file
from workbench.model import Document
from workbench.store import Store
from workbench.store.search import search
from workbench.text.blocks import BlockSpec, assemble, sha256_text


def _add(store: Store, title: str, body: str) -> Document:
    text, blocks = assemble([BlockSpec("heading", title), BlockSpec("paragraph", body)])
    return store.documents.add(title=title, text=text, sha256=sha256_text(text), blocks=blocks)


def test_new_project_is_seeded_with_the_three_tags(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.wbproj", create=True)
    tags = store.tags.all()
    assert [(t.name, t.shortcut) for t in tags] == [
        ("Position", "1"), ("Criticism", "2"), ("Red line", "3")]
    assert len({t.color for t in tags}) == 3
    store.close()
    reopened = Store.open(tmp_path / "p.wbproj")
    assert len(reopened.tags.all()) == 3  # not seeded twice
    reopened.close()


def test_project_file_uses_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.wbproj", create=True)
    pragma = {name: store.db.execute(f"PRAGMA {name}").fetchone()[0]
              for name in ("journal_mode", "synchronous", "foreign_keys")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    store.close()


def test_rows_that_travel_have_uuid_timestamps_rev_and_analyst(store: Store) -> None:
    doc = _add(store, "Title", "Body text.")
    row = store.db.execute("SELECT id, created_at, updated_at, rev, analyst, deleted_at "
                           "FROM documents WHERE id = ?", [doc.id]).fetchone()
    assert len(row[0]) == 36
    assert row[1]
    assert row[2]
    assert row[3] == 1
    assert row[4] == "tester"
    assert row[5] is None


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO blocks (document_id, \"index\", kind, start, \"end\") "
                         "VALUES ('missing', 0, 'paragraph', 0, 1)")


def test_settings_belong_to_the_project(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.wbproj", create=True)
    store.update_settings(briefing_title="Weekly", marking="INTERNAL")
    store.close()
    assert Store.open(tmp_path / "p.wbproj").settings() == {
        "briefing_title": "Weekly", "marking": "INTERNAL"}


def test_resolve_document_by_id_prefix_and_title(store: Store) -> None:
    first = _add(store, "Alpha talks", "One.")
    _add(store, "Beta talks", "Two.")
    assert store.documents.resolve(first.id).id == first.id
    assert store.documents.resolve(first.id[:8]).id == first.id
    assert store.documents.resolve("Alpha talks").id == first.id
    with pytest.raises(NotFound):
        store.documents.resolve("Gamma")


def test_resolve_document_refuses_an_ambiguous_title(store: Store) -> None:
    _add(store, "Same", "One.")
    _add(store, "Same", "Two.")
    with pytest.raises(AmbiguousReference, match="2 documents"):
        store.documents.resolve("Same")


def test_full_text_search_finds_document_text(store: Store) -> None:
    doc = _add(store, "Geneva", "The ceasefire is non-negotiable for both sides.")
    hits = search(store, "non-negotiable")
    assert [(h.kind, h.document_id) for h in hits] == [("document", doc.id)]
    assert "[non-negotiable]" in hits[0].snippet
    assert search(store, 'quote" OR (') == []  # user text is never FTS syntax


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"just some text, not a database\n" * 10, "not an SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not an SQLite database"),
    ],
)
def test_foreign_files_are_refused_and_left_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "foreign.wbproj"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match=message):
        Store.open(path)
    assert path.read_bytes() == content


def test_an_sqlite_file_that_is_not_a_project_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="SQLite database but not a Workbench project"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_project_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.wbproj"
    Store.open(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('workbench', '0099_from_the_future', 'x')")
        conn.execute("UPDATE project SET schema_version = 99")
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="newer version of Workbench"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_damaged_project_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "damaged.wbproj"
    store = Store.open(path, create=True)
    for n in range(30):
        _add(store, f"Doc {n}", "Lorem ipsum dolor sit amet. " * 200)
    store.close()
    data = bytearray(path.read_bytes())
    data[100:len(data)] = b"\xff" * (len(data) - 100)  # keep the header, wreck the pages
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectFileError, match="damaged"):
        Store.open(path)


def test_missing_project_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="No project"):
        Store.open(tmp_path / "absent.wbproj")
    assert not (tmp_path / "absent.wbproj").exists()


def test_importing_then_reopening_keeps_everything(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks resume\n\nThe delegations met again in Vienna.\n")
    store = Store.open(tmp_path / "p.wbproj", create=True)
    added = import_file(store, article).document
    store.close()
    reopened = Store.open(tmp_path / "p.wbproj")
    assert added is not None
    stored = reopened.documents.get(added.id).text
    assert stored == "Talks resume\n\nThe delegations met again in Vienna."
    reopened.close()


def test_search_finds_annotation_quotes_and_notes(store: Store) -> None:
    from workbench.tagging import tag_passage

    doc = _add(store, "Talks", "Kyiv rejected the proposal outright on Monday.")
    edit, annotation = tag_passage(
        store, document=doc, start=0, end=26, tag=store.tags.find("Position"),
        note="Echoes the March communique")
    edit.apply(store)
    by_note = search(store, "communique")
    assert [(h.kind, h.annotation_id) for h in by_note] == [("annotation", annotation.id)]
    kinds = [h.kind for h in search(store, "rejected")]
    assert kinds == ["annotation", "document"]


def test_integrity_check_reports_an_annotation_off_its_text(store: Store) -> None:
    from workbench.project.integrity import check_project
    from workbench.tagging import tag_passage

    doc = _add(store, "Talks", "Kyiv rejected the proposal outright on Monday.")
    edit, annotation = tag_passage(store, document=doc, start=0, end=4,
                                   tag=store.tags.find("Position"))
    edit.apply(store)
    assert check_project(store).clean
    store.db.execute('UPDATE annotations SET start = 10, "end" = 14 WHERE id = ?',
                     [annotation.id])
    report = check_project(store)
    assert report.damage == []  # a passage to look at, not a damaged file
    (problem,) = report.attention
    assert annotation.id in problem
    assert "no longer reads as its saved quote" in problem


def test_a_deleted_documents_passages_are_not_listed_as_live(tmp_path: Path) -> None:
    from workbench.edits import delete_document
    from workbench.samples import build_demo

    store = build_demo(tmp_path / "d.wbproj")
    statement = store.documents.ids()[1]
    before = len(store.annotations.where())
    edit = delete_document(statement)
    with store.transaction():
        edit.apply(store)
    assert len(store.annotations.where()) == before - 1
    assert len(store.annotations.where(include_deleted=True)) == before
    with store.transaction():
        edit.revert(store)
    assert len(store.annotations.where()) == before


def test_managers_write_in_one_transaction(store: Store) -> None:
    """A tag and a passage added in one action are both kept, or neither is."""
    from workbench.clock import new_id
    from workbench.model import Annotation, Tag

    document = _add(store, "Talks", "Moscow will not accept any ceasefire.")
    tags_before, passages_before = len(store.tags.all()), len(store.annotations.where())
    def half_done_action() -> None:
        with store.transaction():
            tag = store.tags.insert(Tag(id=new_id(), name="Offer", color="#00aa00"))
            store.annotations.insert(Annotation(
                id=new_id(), document_id=document.id, start=7, end=13, exact="Moscow",
                prefix="", suffix="", tag_id=tag.id))
            assert len(store.annotations.where()) == passages_before + 1
            raise RuntimeError("the user's action fails half-way")

    with pytest.raises(RuntimeError):
        half_done_action()
    assert (len(store.tags.all()), len(store.annotations.where())) == (tags_before,
                                                                      passages_before)


def test_an_edit_of_a_field_that_does_not_exist_is_refused(store: Store) -> None:
    """A misspelt field is refused at run time, and nothing changes."""
    from workbench.edits import change_annotation
    from workbench.tagging import tag_passage

    document = _add(store, "Talks", "Moscow will not accept any ceasefire.")
    tag = store.tags.find("Position")
    edit, passage = tag_passage(store, document=document, start=7, end=13, tag=tag)
    edit.apply(store)
    misspelt: dict[str, str] = {"notes": "typo"}
    with pytest.raises(ValueError, match="no column"):
        change_annotation(passage.id, **misspelt)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no column"), store.transaction():
        store.annotations.update_fields(passage.id, misspelt)
    assert store.annotations.get(passage.id).rev == 1


def test_mypy_reports_a_misspelt_edit_field(tmp_path: Path) -> None:
    """Typed edit values: the type checker finds ``notes=`` before anyone runs it."""
    from mypy import api

    snippet = tmp_path / "typo.py"
    snippet.write_text(
        "from workbench.edits import change_annotation\n"
        "from workbench.store import Store\n"
        "def f(store: Store) -> None:\n"
        "    change_annotation('id', notes='x')\n"
        "    store.documents.update('id', titel='x')\n"
        "    change_annotation('id', note='fine', status='accepted')\n")
    root = Path(__file__).resolve().parents[2]
    out, _, status = api.run([str(snippet), "--strict", "--follow-imports=silent",
                              "--ignore-missing-imports", "--cache-dir",
                              str(root / ".mypy_cache")])
    assert status == 1
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 2, out
    assert '"notes"' in errors[0]
    assert '"titel"' in errors[1]


def test_the_search_index_is_tidied_when_asked_and_still_finds(store: Store) -> None:
    """Segments are merged at quiet moments (not inside an edit); nothing is lost by it."""
    for n in range(30):
        _add(store, f"Statement {n}", f"Negotiators discussed inspection regime number {n}.")
    automerge = store.db.execute(
        "SELECT v FROM annotations_fts_config WHERE k = 'automerge'").fetchone()
    assert automerge == (0,)
    store.tidy_search_index()
    hits = search(store, "inspection")
    assert len({h.document_id for h in hits}) == 30
