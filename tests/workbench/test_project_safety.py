"""Damaged, foreign, read-only and locked project files; backups, copies and restores."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import corpus
from tests.workbench.helpers import run_cli as run
from workbench.errors import ProjectDamaged, ProjectFileError, ProjectLocked, StoreWriteError
from workbench.file import projectfile
from workbench.file.copies import BackupError, copy_database
from workbench.project.backups import list_backups, restore_backup, take_backup
from workbench.project.integrity import check_project
from workbench.samples import build_demo
from workbench.store import Store
from workbench.tagging import find_quote, tag_passage


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()




@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "desk.wbproj"
    build_demo(path).close()
    return path


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('workbench', '9999_from_the_future', '2030-01-01')")
    sqlite3.connect(path).close()


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    sqlite3.connect(path).close()


DAMAGES = {
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:len(p.read_bytes()) // 2]),
                  "damaged"),
    "flipped bytes in pages": (corpus.damage_pages, "damaged"),
    "zero bytes": (lambda p: p.write_bytes(b""), "empty file"),
    "text file": (lambda p: p.write_text("hello", encoding="utf-8"), "not an SQLite database"),
    "newer schema": (_newer_schema, "newer version of Workbench"),
    "another program's database": (_foreign, "not a Workbench project"),
}


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_a_damaged_or_foreign_file_gets_one_message_and_stays_as_it_was(
        project: Path, case: str) -> None:
    damage, words = DAMAGES[case]
    damage(project)
    before = digest(project)
    siblings = sorted(p.name for p in project.parent.iterdir())
    with pytest.raises(ProjectFileError, match=words):
        Store.open(project)
    code, _out, err = run("-p", str(project), "docs")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert words in err
    assert digest(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == siblings


def test_a_folder_named_as_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.wbproj").mkdir()
    with pytest.raises(ProjectFileError, match="is a folder"):
        Store.open(tmp_path / "p.wbproj")


def test_a_read_only_project_opens_read_only_and_says_so(project: Path) -> None:
    project.chmod(0o444)
    before = digest(project)
    store = Store.open(project)
    assert store.read_only
    assert len(store.annotations.where()) == 6
    assert check_project(store).clean  # its search index is checked on a copy, not "corrupt"
    ankara = store.documents.resolve("Ankara Statement on the Inspection Talks")
    edit, _ = tag_passage(store, document=ankara, start=0, end=6, tag=store.tags.find("1"))
    with pytest.raises(StoreWriteError, match="read-only"), store.transaction():
        edit.apply(store)
    store.close()
    assert digest(project) == before
    code, out, _err = run("-p", str(project), "check")
    assert code == 0
    assert "consistent" in out


def _hold_exclusive_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
         "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
         "c.execute('BEGIN EXCLUSIVE')\n"
         "c.execute('UPDATE project SET name = name')\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_project_locked_by_another_program_is_called_locked(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(projectfile, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_exclusive_lock(project)
    try:
        with pytest.raises(ProjectLocked, match="locked by another program"):
            Store.open(project)
    finally:
        holder.kill()
        holder.communicate()
    assert len(Store.open(project).annotations.where()) == 6


def test_a_full_disk_is_called_full(project: Path) -> None:
    store = Store.open(project)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count={pages}")
    big = "x" * 200_000
    with pytest.raises(StoreWriteError, match=r"disk .* is full"), store.transaction():
        store.update_settings(padding=big)
    store.db.execute("PRAGMA max_page_count=1073741823")
    assert "padding" not in store.settings()


# -- the file alone, copies, backups ----------------------------------------------------------

def test_the_project_file_alone_holds_every_change_once_closed(project: Path,
                                                               tmp_path: Path) -> None:
    store = Store.open(project)
    document = store.documents.resolve("Ankara Statement on the Inspection Talks")
    added = []
    for word in ("Turkish", "Ankara", "Officials"):
        start, end = find_quote(document.text, word)[0]
        edit, annotation = tag_passage(store, document=document, start=start, end=end,
                                       tag=store.tags.find("1"))
        with store.transaction():
            edit.apply(store)
        added.append(annotation.id)
    live_copy = tmp_path / "live-copy.wbproj"
    copy_database(store.db.conn, live_copy)  # "Save a copy" while it is open
    store.close()
    alone = tmp_path / "mailed.wbproj"
    shutil.copyfile(project, alone)  # the .wbproj alone, as a mail or a sync would take it
    for copy in (alone, live_copy):
        ids = {a.id for a in Store.open(copy).annotations.where()}
        assert set(added) <= ids


def test_copy_refuses_an_existing_file(project: Path, tmp_path: Path) -> None:
    (tmp_path / "taken.wbproj").write_bytes(b"mine")
    code, _out, err = run("-p", str(project), "copy", str(tmp_path / "taken.wbproj"))
    assert code == 1
    assert "already exists" in err
    assert (tmp_path / "taken.wbproj").read_bytes() == b"mine"


def test_backups_rotate_and_skip_an_unchanged_project(project: Path) -> None:
    first = take_backup(project)
    assert first is not None
    assert take_backup(project) is None  # nothing changed since
    for _ in range(7):
        time.sleep(0.002)
        os.utime(project)  # as if it had changed
        take_backup(project)
    found = list_backups(project)
    assert len(found) == 5
    assert first.path not in [b.path for b in found]
    assert all(len(Store.open(b.path).annotations.where()) == 6 for b in found)


def test_a_damaged_project_is_not_backed_up_over_good_backups(project: Path) -> None:
    take_backup(project)
    corpus.damage_pages(project)
    with pytest.raises(BackupError, match="fails its check"):
        take_backup(project, force=True)
    assert len(list_backups(project)) == 1


def test_check_names_the_backup_and_restore_brings_it_back(project: Path) -> None:
    backup = take_backup(project)
    assert backup is not None
    corpus.damage_pages(project)
    damaged = digest(project)
    code, _out, err = run("-p", str(project), "check")
    assert code == 1
    assert "latest good backup" in err
    assert str(backup.path) in err
    code, out, err = run("-p", str(project), "restore", str(backup.path))
    assert code == 0, err
    assert "previous file is kept" in out
    assert len(Store.open(project).annotations.where()) == 6
    kept = [p for p in project.parent.iterdir() if ".before-restore-" in p.name]
    assert [digest(p) for p in kept if p.suffix == ".wbproj"] == [damaged]
    code, out, _err = run("-p", str(project), "backups")
    assert str(backup.path) in out


def test_restore_refuses_a_damaged_backup(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.wbproj"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    before = digest(project)
    with pytest.raises(BackupError, match="not a sound"):
        restore_backup(bad, project)
    assert digest(project) == before


def test_store_damage_is_never_reported_as_a_lock(project: Path) -> None:
    corpus.damage_pages(project)
    with pytest.raises(ProjectDamaged):
        Store.open(project)


def test_restore_refuses_while_another_program_has_the_project_open(project: Path) -> None:
    backup = take_backup(project)
    assert backup is not None
    store = Store.open(project)  # as a window would hold it
    before = digest(project)
    with pytest.raises(BackupError, match="open in another window"):
        restore_backup(backup.path, project)
    assert digest(project) == before
    assert len(store.annotations.where()) == 6
    store.close()
    restore_backup(backup.path, project)
    assert len(Store.open(project).annotations.where()) == 6
