"""Other people's files are data, never code: doctored merge sources and backups.

A merge source with a planted trigger, an endless view, doctored offsets, an
unknown verdict, control characters and invalid UTF-8 merges its valid rows,
lists the rest and fires nothing, and every command works afterwards.  A
foreign SQLite file or a newer project is refused by ``restore``, the project
untouched; a kill at every step of a restore leaves a project that opens.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests import corpus
from tests.workbench.helpers import run_cli, snapshot
from workbench.project import foreign
from workbench.project.backups import take_backup
from workbench.samples import build_demo
from workbench.store import Store
from workbench.tagging import tag_passage

ROOT = Path(__file__).resolve().parents[2]
MARK = "TRIGGER-FIRED"
ENDLESS = ("CREATE VIEW actors AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
           "FROM n) SELECT 'a' || i AS id, 'x' AS name, '' AS aliases, '' AS color, "
           "'' AS created_at, '' AS updated_at, 1 AS rev, '' AS analyst, NULL AS deleted_at, "
           "'' AS change_id FROM n")


def _plant_triggers(conn: sqlite3.Connection) -> None:
    for table in ("documents", "tags", "annotations", "reviews", "project", "brief",
                  "_sqlite_migrations", "superseded", "blocks"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER evil_{table}_{event.lower()} AFTER {event} ON {table} BEGIN "
                f"UPDATE annotations SET note = '{MARK}'; "
                f"INSERT INTO brief (id, kind, text, created_at, updated_at) "
                f"VALUES (hex(randomblob(8)), 'judgement', '{MARK}', '', ''); END")


def _doctor(path: Path) -> dict[str, str]:
    """Damage the demo's rows one way each; the ids of the rows that must be left out."""
    conn = sqlite3.connect(path, isolation_level=None)
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM annotations WHERE note != 'kept' ORDER BY start")]
    bad = {
        "end as text": "UPDATE annotations SET \"end\" = '12 chars' WHERE id = ?",
        "float start": "UPDATE annotations SET start = start + 0.5 WHERE id = ?",
        "negative start": "UPDATE annotations SET start = -100 WHERE id = ?",
        "end past text": "UPDATE annotations SET \"end\" = 1000000000 WHERE id = ?",
        "unknown status": "UPDATE annotations SET status = 'pwned' WHERE id = ?",
        "control characters": "UPDATE annotations SET analyst = 'Eve\nok: all accepted' "
                              "WHERE id = ?",
        "invalid UTF-8": "UPDATE annotations SET note = CAST(X'41C328' AS TEXT) WHERE id = ?",
        "oversized note": "UPDATE annotations SET note = printf('%.300000c', 'x') WHERE id = ?",
    }
    doomed = {}
    for (what, sql), annotation in zip(bad.items(), ids, strict=True):
        conn.execute(sql, [annotation])
        doomed[annotation] = what
    conn.execute("INSERT INTO reviews (id, annotation_id, reviewer, verdict, created_at, "
                 "updated_at) VALUES ('rv-pwned', ?, 'Eve', 'pwned', '', '')",
                 [conn.execute("SELECT id FROM annotations WHERE note = 'kept'").fetchone()[0]])
    conn.execute("UPDATE actors SET name = 'Russia' || char(27) || '[31m' "
                 "WHERE name = 'Turkey'")
    conn.execute("PRAGMA foreign_keys=OFF")
    _plant_triggers(conn)
    conn.execute("DROP TABLE IF EXISTS history")
    conn.execute(ENDLESS.replace("VIEW actors", "VIEW history"))
    conn.close()
    return doomed


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "desk.wbproj"
    build_demo(path).close()
    return path


def test_a_doctored_source_merges_its_valid_rows_and_runs_nothing(
        target: Path, tmp_path: Path) -> None:
    source = tmp_path / "sent.wbproj"
    sent = build_demo(source)
    sample = sent.documents.get(sent.documents.ids()[0])
    valid = set()
    words = [m.span() for m in re.finditer(r"[A-Za-z]{6,}", sample.text)]
    for number, (start, end) in enumerate(words[10:70:10]):  # two to doctor, four to keep
        note = "kept" if number >= 2 else ""
        edit, annotation = tag_passage(sent, document=sample, start=start, end=end,
                                       tag=sent.tags.find("Position"), note=note)
        edit.apply(sent)
        if note:
            valid.add(annotation.id)
    sent.close()
    doomed = _doctor(source)
    code, out, err = run_cli("-p", str(target), "merge", str(source))
    assert (code, err) == (0, "")
    assert "Rows of the source that were not valid, left out:" in out
    for annotation in doomed:
        assert f"annotation {annotation}" in out
    assert "review rv-pwned: its verdict is 'pwned'" in out
    assert "Eve\nok" not in out  # a name never prints a line of its own
    store = Store.open(target)
    merged = {a.id for a in store.annotations.where()}
    assert not merged & set(doomed)
    assert valid <= merged  # the valid passages came in
    assert MARK not in repr(snapshot(target))
    assert not store.db.execute(
        "SELECT name FROM sqlite_master WHERE name LIKE 'evil%'").fetchall()
    store.close()
    p = ["-p", str(target)]
    for args in (["annotations"], ["annotations", "--json"], ["check"], ["agreement"],
                 ["matrix"], ["conflicts"], ["docs"], ["brief", "show"],
                 ["export", "brat", "-o", str(tmp_path / "out.ann")],
                 ["export", "annotated", "-o", str(tmp_path / "copy.docx")],
                 ["export", "briefing", "-o", str(tmp_path / "b.docx"), "--status",
                  "draft"]):
        code, out, err = run_cli(*p, *args)
        assert (code, err) == (0, ""), args


def test_an_endless_view_in_place_of_a_table_does_not_hang_the_merge(
        target: Path, tmp_path: Path) -> None:
    source = tmp_path / "endless.wbproj"
    build_demo(source).close()
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DROP TABLE actors")
    conn.execute(ENDLESS)
    conn.close()
    code, out, err = run_cli("-p", str(target), "merge", str(source))
    assert (code, err) == (0, "")
    assert "its actor is not there" in out


def test_restore_refuses_a_foreign_file_and_a_newer_project(target: Path,
                                                            tmp_path: Path) -> None:
    before = snapshot(target)
    foreign = tmp_path / "foreign.wbproj"
    with closing(sqlite3.connect(foreign)) as conn, conn:
        conn.execute("CREATE TABLE notes (x)")
    newer = tmp_path / "newer.wbproj"
    build_demo(newer).close()
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('workbench', '9999_future', '')")
    for backup, words in ((foreign, "not a Workbench project"), (newer, "newer version")):
        code, _, err = run_cli("-p", str(target), "restore", str(backup))
        assert code == 1
        assert words in err
        assert "not restored" in err
        assert err.count("\n") == 1
    assert snapshot(target) == before
    assert not list(tmp_path.glob(".desk.wbproj.*"))
    assert not list(tmp_path.glob("desk.before-restore-*"))


def test_restore_builds_a_fresh_file_from_the_backups_rows(target: Path, tmp_path: Path) -> None:
    backup = take_backup(target, force=True)
    assert backup is not None
    with closing(sqlite3.connect(backup.path)) as conn, conn:
        _plant_triggers(conn)
    code, out, err = run_cli("-p", str(target), "restore", str(backup.path))
    assert (code, err) == (0, "")
    assert f"from the backup {backup.path}" in out
    store = Store.open(target)
    assert not store.db.execute(
        "SELECT 1 FROM sqlite_master WHERE name LIKE 'evil%'").fetchall()
    store.annotations.where()
    store.close()


def _restore_killed_at(target: Path, backup: Path, step: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tests.crash_worker", "restore", str(target), str(backup),
         str(step)], cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        timeout=120).returncode


def test_a_kill_at_every_step_of_restore_leaves_a_project_that_opens(
        target: Path, tmp_path: Path) -> None:
    other = build_demo(tmp_path / "other.wbproj")
    other.update_settings(restored="yes")
    other.close()
    backup = take_backup(tmp_path / "other.wbproj", force=True)
    assert backup is not None
    step, restored = 0, []
    while (code := _restore_killed_at(target, backup.path, step)) == 137:
        store = Store.open(target)  # opens: the old project, or the restored one
        restored.append(store.settings().get("restored") == "yes")
        store.close()
        step += 1
    assert code == 0
    assert step >= 3  # every file operation of the restore was a place to die
    assert restored[0] is False
    assert restored[-1] is True  # killed right after the swap: the new file is in place
    store = Store.open(target)
    assert store.settings()["restored"] == "yes"
    store.close()
    assert run_cli("-p", str(target), "check")[0] == 0


def test_a_source_with_damaged_pages_is_refused_in_one_line(target: Path,
                                                            tmp_path: Path) -> None:
    source = tmp_path / "damaged.wbproj"
    build_demo(source).close()
    corpus.damage_pages(source)
    before = snapshot(target)
    code, _, err = run_cli("-p", str(target), "merge", str(source))
    assert code == 1
    assert "damaged.wbproj" in err
    assert "codec" not in err
    assert err.count("\n") == 2  # the source's line, then the summary line
    assert snapshot(target) == before


def test_a_source_in_a_folder_we_cannot_write_is_read_as_it_is(
        target: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite cannot make a shared-memory file beside another user's read-only file;
    with no log pending, the file alone is read (immutable)."""
    source = tmp_path / "theirs.wbproj"
    build_demo(source).close()
    real = foreign._connect
    tried: list[str] = []

    def read_only_folder(uri: str) -> sqlite3.Connection:
        tried.append(uri)
        if "immutable=1" not in uri:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(uri)

    monkeypatch.setattr(foreign, "_connect", read_only_folder)
    code, out, err = run_cli("-p", str(target), "merge", str(source))
    assert (code, err) == (0, "")
    assert "merged" in out
    assert len(tried) == 2


def _early_project(path: Path) -> str:
    """A project as Workbench wrote it before review roles and merge versions (0003)."""
    from sqlite_utils import Database

    from workbench.file.schema import migrations
    from workbench.text.blocks import sha256_text

    db = Database(path)
    migrations.apply(db, stop_before="0004_review_roles")
    text = "Early Talks\n\nMinisters met in Vienna and agreed on nothing at all."
    db.execute("INSERT INTO project VALUES ('p1', 'early', '2025-01-01', 1, '{}')")
    db.execute("INSERT INTO tags (id, name, color, created_at, updated_at) "
               "VALUES ('t1', 'Position', '#3b82f6', '2025-01-01', '2025-01-01')")
    db.execute("INSERT INTO documents (id, title, imported_at, text, sha256, created_at, "
               "updated_at) VALUES ('d1', 'Early Talks', '2025-01-01', ?, ?, '2025-01-01', "
               "'2025-01-01')", [text, sha256_text(text)])
    start = text.index("agreed on nothing")
    db.execute("INSERT INTO annotations (id, document_id, start, \"end\", exact, tag_id, "
               "created_at, updated_at) VALUES ('a1', 'd1', ?, ?, 'agreed on nothing', 't1', "
               "'2025-01-01', '2025-01-01')", [start, start + len("agreed on nothing")])
    db.conn.commit()
    db.close()
    return "a1"


def test_a_project_from_an_earlier_version_merges_and_restores(target: Path,
                                                               tmp_path: Path) -> None:
    early = tmp_path / "early.wbproj"
    passage = _early_project(early)
    code, out, err = run_cli("-p", str(target), "merge", str(early))
    assert (code, err) == (0, ""), out
    store = Store.open(target)
    assert store.annotations.get(passage).exact == "agreed on nothing"
    store.close()
    other = tmp_path / "other.wbproj"
    build_demo(other).close()
    code, _, err = run_cli("-p", str(other), "restore", str(early))
    assert (code, err) == (0, "")
    restored = Store.open(other)
    assert [a.id for a in restored.annotations.where()] == [passage]
    assert restored.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    restored.close()


def test_a_damaged_projects_log_goes_aside_with_it(target: Path, tmp_path: Path) -> None:
    backup = take_backup(target, force=True)
    assert backup is not None
    corpus.damage_pages(target)
    log = target.with_name(target.name + "-wal")
    log.write_bytes(bytes(range(256)) * 64)  # a log left by the program that damaged it
    code, _, err = run_cli("-p", str(target), "restore", str(backup.path))
    assert (code, err) == (0, "")
    assert not log.exists()
    (aside,) = tmp_path.glob("desk.before-restore-*.wbproj")
    assert aside.with_name(aside.name + "-wal").read_bytes() == bytes(range(256)) * 64
    assert run_cli("-p", str(target), "check")[0] == 0
