"""Scenarios for the core: importing, adding an annotation, re-anchoring."""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

from benchmarks.generator import article
from benchmarks.harness import Figure, median_of, p95, stopwatch
from benchmarks.passages import article_with_passages
from workbench.clock import new_id, now_iso
from workbench.edits import add_annotation
from workbench.importers import read_article
from workbench.library.bringing_in import import_paths
from workbench.model import Annotation, Document
from workbench.store import Store
from workbench.text.anchoring import Reanchorer, capture

RUNS = 5


def import_thousand_articles(workdir: Path) -> Figure:
    """Import 1,000 articles of ~5 KB into a new project file."""
    folder = workdir / "articles"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in range(1000):
        (folder / f"article-{n:04}.txt").write_text(article(n, 5000), encoding="utf-8")
    files = sorted(folder.iterdir())

    def raw() -> float:
        with stopwatch() as took:  # read + normalise + hash alone
            for path in files:
                _ = read_article(path).sha256
        return took[0]

    def imported() -> float:
        project = workdir / "import.wbproj"
        project.unlink(missing_ok=True)
        store = Store.open(project, create=True)
        with stopwatch() as took:
            results = import_paths(store, [folder])
        assert sum(r.document is not None for r in results) == 1000
        store.close()
        return took[0]

    value, runs = median_of(RUNS, imported)
    floor, _ = median_of(RUNS, raw)
    return Figure("import 1,000 articles of ~5 KB", value, "s", 5.0, floor,
                  "read + normalise + hash", runs)


def _annotated_project(path: Path, count: int) -> tuple[Store, Document]:
    path.unlink(missing_ok=True)
    store = Store.open(path, create=True, analyst="bench")
    text = article(7, 1_000_000)
    from workbench.importers.plaintext import parse_plain_text
    from workbench.library.bringing_in import store_article

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
    for _ in range(RUNS * 60):
        start = rng.randrange(0, len(document.text) - 200)
        edit = add_annotation(_annotation(document, tag.id, start, start + 80))
        begin = time.perf_counter()
        with store.transaction():
            edit.apply(store)
        samples.append(time.perf_counter() - begin)
    store.close()
    raw = _raw_insert_p95(workdir / "raw.sqlite", 300)
    runs = tuple(p95(samples[n::RUNS]) * 1000 for n in range(RUNS))  # 5 runs of 60
    return Figure("add one annotation (p95, 5,000 present)", statistics.median(runs), "ms",
                  5.0, raw * 1000, "raw sqlite3 INSERT + COMMIT, same pragmas", runs)


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
    def found() -> float:
        with stopwatch() as took:  # just finding every quote in the new text
            for sel in selectors:
                new_text.find(sel.exact)
        return took[0]

    def reanchored() -> float:
        with stopwatch() as took:
            reanchorer = Reanchorer(text, new_text)
            for sel in selectors:
                reanchorer.reanchor(sel)
        return took[0]

    value, runs = median_of(RUNS, reanchored)
    floor, _ = median_of(RUNS, found)
    return Figure("re-anchor 5,000 annotations, 1 MB, 50 edits", value, "s", 1.0, floor,
                  "str.find of every quote", runs)


SCENARIOS = [import_thousand_articles, add_one_annotation, reanchor_after_edits]
