"""``workbench check`` tells a damaged file from passages that need a look."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from tests import corpus
from tests.workbench.helpers import run_cli
from workbench.project.backups import edits_since, take_backup
from workbench.samples import build_demo

FRONT = "---\ntitle: Talks in Geneva\nurl: https://news.example/geneva\n---\n\n"
STRAIGHT = (FRONT + 'Talks in Geneva\n\nThe minister said "no concessions" would be made on the '
            "border.\n\nA second paragraph about the talks.\n")
CURLY = (FRONT + "Talks in Geneva\n\nThe minister said \u201cno concessions\u201d would be made on "
         "the border.\n\nA second paragraph about the talks, revised.\n")


def test_a_new_version_with_curly_quotes_leaves_the_project_sound(tmp_path: Path) -> None:
    p = ["-p", str(tmp_path / "p.wbproj")]
    first, second = tmp_path / "v1.md", tmp_path / "v2.md"
    first.write_text(STRAIGHT, encoding="utf-8")
    second.write_text(CURLY, encoding="utf-8")
    assert run_cli(*p, "import", str(first))[0] == 0
    code, _, err = run_cli(*p, "annotate", "Talks in Geneva", "--quote",
                           'said "no concessions" would', "--tag", "3")
    assert (code, err) == (0, "")
    code, out, _ = run_cli(*p, "import", str(second))
    assert "version" in out
    code, out, err = run_cli(*p, "check")
    assert (code, err) == (0, "")
    assert out.startswith("ok:")
    assert "attention" not in out


def test_a_passage_off_its_quote_needs_attention_not_a_backup(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    take_backup(project)
    with closing(sqlite3.connect(project)) as conn, conn:
        conn.execute('UPDATE annotations SET start = start + 3, "end" = "end" + 3 '
                     "WHERE rowid = (SELECT min(rowid) FROM annotations)")
    code, out, err = run_cli("-p", str(project), "check")
    assert (code, err) == (0, "")
    assert out.count("needs attention: Passage ") == 1
    assert "1 passage(s) need attention" in out
    assert "backup" not in out


def test_damage_names_the_backup_and_the_edits_it_would_lose(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    backup = take_backup(project, force=True)
    assert backup is not None
    document = "Black Sea Grain Talks Stall Over Inspection Regime"
    for quote in ("Turkish waters", "mixed teams", "food as a weapon"):
        assert run_cli("-p", str(project), "annotate", document, "--quote", quote,
                       "--tag", "1", "--occurrence", "1")[0] == 0
    assert edits_since(project, backup.taken_at) == 3
    with closing(sqlite3.connect(project)) as conn, conn:  # the search index: unsound
        conn.execute("DELETE FROM annotations_fts_data WHERE id > 1")
    code, out, err = run_cli("-p", str(project), "check")
    assert code == 1
    assert "damaged: Search index annotations_fts" in out
    assert "restoring it loses the 3 edit(s) made after it" in err
    assert str(backup.path) in err
    assert err.count("\n") == 1


def test_damaged_pages_name_the_backup(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    backup = take_backup(project, force=True)
    assert backup is not None
    corpus.damage_pages(project)
    code, _, err = run_cli("-p", str(project), "check")
    assert code == 1
    assert str(backup.path) in err
