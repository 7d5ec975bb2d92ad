"""Scenarios for the core: importing, adding an annotation, re-anchoring."""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.generator import article
from benchmarks.harness import Figure, p95, stopwatch
from benchmarks.passages import article_with_passages
from workbench.anchoring import Reanchorer, capture
from workbench.clock import new_id, now_iso
from workbench.edits import add_annotation
from workbench.importers import read_article
from workbench.library import import_paths
from workbench.model import Annotation, Document
from workbench.store import Store


def import_thousand_articles(workdir: Path) -> Figure:
    """Import 1,000 articles of ~5 KB into a new project file."""
    folder = workdir / "articles"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in range(1000):
        (folder / f"article-{n:04}.txt").write_text(article(n, 5000), encoding="utf-8")
    files = sorted(folder.iterdir())
    with stopwatch() as raw:  # read + normalise + hash alone
        for path in files:
            _ = read_article(path).sha256
    project = workdir / "import.wbproj"
    project.unlink(missing_ok=True)
    store = Store.open(project, create=True)
    with stopwatch() as took:
        results = import_paths(store, [folder])
    assert sum(r.document is not None for r in results) == 1000
    store.close()
    return Figure("import 1,000 articles of ~5 KB", took[0], "s", 5.0, raw[0],
                  "read + normalise + hash")


def _annotated_project(path: Path, count: int) -> tuple[Store, Document]:
    path.unlink(missing_ok=True)
    store = Store.open(path, create=True, analyst="bench")
    text = article(7, 1_000_000)
    from workbench.importers.plaintext import parse_plain_text
    from workbench.library import store_article

    document = store_article(store, parse_plain_text(text, "big")).document
    assert document is not None
    tag = store.tags.find("Position")
    rng = random.Random(3)
    with store.transaction():
        for _ in range(count):
            start = rng.randrange(0, len(document.text) - 200)
            end = start + rng.randint(20, 160)
            store.annotations.insert(_annotation(document, tag.id, start, end))
    return store, document


def _annotation(document: Document, tag_id: str, start: int, end: int) -> Annotation:
    sel = capture(document.text, start, end)
    return Annotation(id=new_id(), document_id=document.id, start=sel.start, end=sel.end,
                      exact=sel.exact, prefix=sel.prefix, suffix=sel.suffix, tag_id=tag_id,
                      analyst="bench", doc_sha256=document.sha256)


def add_one_annotation(workdir: Path) -> Figure:
    """p95 of adding one annotation in its own transaction, 5,000 already present."""
    store, document = _annotated_project(workdir / "annotate.wbproj", 5000)
    tag = store.tags.find("Red line")
    rng = random.Random(11)
    samples = []
    for _ in range(300):
        start = rng.randrange(0, len(document.text) - 200)
        edit = add_annotation(_annotation(document, tag.id, start, start + 80))
        begin = time.perf_counter()
        with store.transaction():
            edit.apply(store)
        samples.append(time.perf_counter() - begin)
    store.close()
    raw = _raw_insert_p95(workdir / "raw.sqlite", 300)
    return Figure("add one annotation (p95, 5,000 present)", p95(samples) * 1000, "ms", 5.0,
                  raw * 1000, "raw sqlite3 INSERT + COMMIT, same pragmas")


def _raw_insert_p95(path: Path, count: int) -> float:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, start INT, stop INT, exact TEXT, "
                 "created TEXT)")
    samples = []
    for n in range(count):
        begin = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO a VALUES (?, ?, ?, ?, ?)",
                     [new_id(), n, n + 80, "x" * 80, now_iso()])
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - begin)
    conn.close()
    return p95(samples)


def _scattered_edits(text: str, count: int, rng: random.Random) -> str:
    """``count`` small edits (insert, delete, replace a few words) spread over the text."""
    positions = sorted(rng.sample(range(100, len(text) - 100), count), reverse=True)
    for at in positions:
        kind = rng.choice(["insert", "delete", "replace"])
        if kind == "insert":
            text = text[:at] + " (updated)" + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + rng.randint(5, 40):]
        else:
            text = text[:at] + "REVISED" + text[at + 7:]
    return text


def reanchor_after_edits(workdir: Path) -> Figure:
    """Re-anchor 5,000 annotations of a 1 MB article after 50 scattered edits."""
    text, selectors, rng = article_with_passages(5000)
    new_text = _scattered_edits(text, 50, rng)
    with stopwatch() as raw:  # just finding every quote in the new text
        for sel in selectors:
            new_text.find(sel.exact)
    with stopwatch() as took:
        reanchorer = Reanchorer(text, new_text)
        results = [reanchorer.reanchor(sel) for sel in selectors]
    statuses: dict[str, int] = {}
    for result in results:
        statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
    print("    re-anchoring statuses:", dict(sorted(statuses.items())))
    return Figure("re-anchor 5,000 annotations, 1 MB, 50 edits", took[0], "s", 1.0, raw[0],
                  "str.find of every quote")


SCENARIOS = [import_thousand_articles, add_one_annotation, reanchor_after_edits]
