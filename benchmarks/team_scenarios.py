"""Team work at scale: merging analysts' projects, re-anchoring a revised article,
another tool's W3C file, agreement between analysts.  Medians of 5 runs."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import orjson

from benchmarks.core_scenarios import _annotation
from benchmarks.export_scenarios import _project
from benchmarks.generator import article, revise
from benchmarks.harness import Figure, median_of, stopwatch
from benchmarks.passages import article_with_passages
from workbench.clock import new_id
from workbench.importers.plaintext import parse_plain_text
from workbench.interop.w3c_import import plan_w3c_import
from workbench.library.bringing_in import store_article
from workbench.model import Annotation
from workbench.store import Store
from workbench.team.agreement import agreement
from workbench.team.merge import merge_project
from workbench.text.anchoring import Reanchorer

RUNS = 5


def _more_passages(path: Path, count: int, seed: int, analyst: str) -> None:
    """``count`` new passages by ``analyst`` across the project's documents."""
    store = Store.open(path, analyst=analyst)
    rng = random.Random(seed)
    documents = [store.documents.get(i) for i in store.documents.ids()]
    tags = store.tags.all()
    records: list[Annotation] = []
    for _ in range(count):
        document = rng.choice(documents)
        start = rng.randrange(0, len(document.text) - 300)
        records.append(replace(_annotation(document, rng.choice(tags).id, start,
                                           start + rng.randint(40, 240)), id=new_id(),
                               analyst=analyst))
    store.insert_many(records)
    store.close()


def _merge_projects(workdir: Path) -> tuple[Path, Path]:
    ann, bob = workdir / "merge-ann.wbproj", workdir / "merge-bob.wbproj"
    if not (ann.exists() and bob.exists()):
        _project(workdir / "merge-base.wbproj", 250, 3000, 100, seed=17).close()
        for path, seed in ((ann, 1), (bob, 2)):
            shutil.copyfile(workdir / "merge-base.wbproj", path)
            _more_passages(path, 25_000, seed, path.stem)
        bob_store = Store.open(bob, analyst="bob")
        with bob_store.transaction():  # bob also edits 1,000 of the shared passages
            for passage in bob_store.annotations.where(analyst="bench")[:1000]:
                bob_store.annotations.update(passage.id, note="Bob's reading")
        bob_store.close()
    return ann, bob


def merge_fifty_thousand(workdir: Path) -> Figure:
    """Merge bob's 50,000 passages into ann's 50,000, half of them shared."""
    ann, bob = _merge_projects(workdir)
    target = workdir / "merge-target.wbproj"

    def merged() -> float:
        shutil.copyfile(ann, target)
        store = Store.open(target, analyst="desk")
        with stopwatch() as took:
            summary = merge_project(store, bob)
        store.close()
        assert summary.added["annotations"] == 25_000
        assert summary.updated["annotations"] == 1_000
        return took[0]

    def raw_copy() -> float:
        shutil.copyfile(ann, target)
        store = Store.open(target)
        with stopwatch() as took, store.transaction():
            store.db.execute("ATTACH DATABASE ? AS theirs", [str(bob)])
            store.db.execute("INSERT OR REPLACE INTO annotations SELECT * FROM "
                             "theirs.annotations")
        store.db.execute("DETACH DATABASE theirs")
        store.close()
        return took[0]

    value, runs = median_of(RUNS, merged)
    baseline, _ = median_of(RUNS, raw_copy)
    return Figure("merge 50,000 + 50,000 passages, half shared", value, "s", 3.0, baseline,
                  "raw SQL copy of the same rows", runs)


def reanchor_revised_article(workdir: Path) -> Figure:
    """5,000 passages onto a realistic revision of a 1 MB article."""
    text, selectors, rng = article_with_passages(5000)
    new_text = revise(text, rng)

    def reanchored() -> float:
        with stopwatch() as took:
            anchorer = Reanchorer(text, new_text)
            for selector in selectors:
                anchorer.reanchor(selector)
        return took[0]

    def found() -> float:
        with stopwatch() as took:
            for selector in selectors:
                new_text.find(selector.exact)
        return took[0]

    value, runs = median_of(RUNS, reanchored)
    baseline, _ = median_of(RUNS, found)
    return Figure("re-anchor 5,000 passages, 1 MB revised", value, "s", 1.0, baseline,
                  "str.find of every quote", runs)


def _foreign_file(workdir: Path, document_text: str, url: str) -> Path:
    rng = random.Random(9)
    items = []
    for n in range(5000):
        start = rng.randrange(40, len(document_text) - 300)
        end = start + rng.randint(30, 200)
        items.append({
            "type": "Annotation", "id": f"https://annotations.example/a/{n}",
            "bodyValue": "A reader's note", "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": rng.choice(
                    ["Position", "Criticism", "Red line"])}],
            "target": {"source": f"{url}#section-{n % 7}", "selector": [
                {"type": "TextQuoteSelector", "exact": document_text[start:end],
                 "prefix": document_text[start - 32:start],
                 "suffix": document_text[end:end + 32]},
                {"type": "TextPositionSelector", "start": start, "end": end}]}})
    path = workdir / "foreign.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection",
                                "first": {"type": "AnnotationPage", "items": items}}))
    return path


def w3c_from_another_tool(workdir: Path) -> Figure:
    """Another tool's 5,000 annotations onto a 1 MB text (read, matched, placed, stored)."""
    url = "https://news.example.org/long-read"
    text = article(33, 1_000_000)
    empty = workdir / "w3c-empty.wbproj"
    empty.unlink(missing_ok=True)
    store = Store.open(empty, create=True)
    article_ = parse_plain_text(text, "Long read")
    store_article(store, replace(article_, meta={**article_.meta, "url": url}))
    document_text = store.documents.get(store.documents.ids()[0]).text
    store.close()
    path = _foreign_file(workdir, document_text, url)
    target = workdir / "w3c-target.wbproj"

    def imported() -> float:
        shutil.copyfile(empty, target)
        project = Store.open(target)
        with stopwatch() as took:
            plan = plan_w3c_import(project, path)
            with project.transaction():
                plan.edit.apply(project)
        project.close()
        assert plan.added == 5000
        return took[0]

    def parsed() -> float:
        with stopwatch() as took:
            orjson.loads(path.read_bytes())
        return took[0]

    value, runs = median_of(RUNS, imported)
    baseline, _ = median_of(RUNS, parsed)
    return Figure("W3C import, 5,000 of another tool, 1 MB", value, "s", 1.0, baseline,
                  "JSON parse of the file", runs)


def agreement_two_hundred(workdir: Path) -> Figure:
    """Agreement over 200 documents, each tagged by 3 analysts."""
    path = workdir / "agreement.wbproj"
    if not path.exists():
        store = _project(path, 200, 3000, 15, seed=23)
        rng = random.Random(3)
        moved = []
        for passage in store.annotations.where():  # the two others: near it, or elsewhere
            for analyst in ("ann", "bob"):
                shift = rng.randint(-10, 10) if rng.random() < 0.7 else rng.randint(200, 900)
                start = max(0, passage.start + shift)
                moved.append(replace(passage, id=new_id(), analyst=analyst, start=start,
                                     end=start + (passage.end - passage.start)))
        store.insert_many(moved)
        store.close()
    store = Store.open(path)

    def measured() -> float:
        with stopwatch() as took:
            report = agreement(store)
        assert len(report.documents) == 200
        return took[0]

    def rows() -> float:
        with stopwatch() as took:
            store.db.execute('SELECT document_id, analyst, tag_id, start, "end" FROM '
                             "annotations WHERE deleted_at IS NULL").fetchall()
        return took[0]

    value, runs = median_of(RUNS, measured)
    baseline, _ = median_of(RUNS, rows)
    store.close()
    return Figure("agreement, 200 documents x 3 analysts", value, "s", 1.0, baseline,
                  "SQL read of the passages", runs)


SCENARIOS = [merge_fifty_thousand, reanchor_revised_article, w3c_from_another_tool,
             agreement_two_hundred]
