"""Scenarios for the exporters: a big briefing, a big annotated copy, W3C both ways."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import docx

from benchmarks.core_scenarios import _annotation
from benchmarks.generator import article
from benchmarks.harness import Figure, median_of, stopwatch
from exports.annotated import write_annotated_copy
from exports.briefing import BriefingOptions, write_briefing
from exports.w3c import write_w3c
from exports.word.streamed_body import save_with_body
from workbench.briefing.selection import select_passages
from workbench.importers.plaintext import parse_plain_text
from workbench.interop.w3c_import import plan_w3c_import
from workbench.library.bringing_in import store_article
from workbench.model import Actor, Annotation, PassageFilter
from workbench.store import Store

RUNS = 5


def _project(path: Path, documents: int, chars: int, per_document: int,
             *, seed: int = 5) -> Store:
    """``documents`` articles with ``per_document`` passages each, tags and actors mixed."""
    path.unlink(missing_ok=True)
    store = Store.open(path, create=True, analyst="bench")
    tags = store.tags.all()
    actors = [Actor(id=f"actor-{n}", name=name) for n, name in
              enumerate(["Russia", "Ukraine", "Turkey", "the United Nations", "NATO"])]
    store.insert_many(actors)
    rng = random.Random(seed)
    records: list[Annotation] = []
    for n in range(documents):
        text = article(seed * 1000 + n, chars)
        document = store_article(store, parse_plain_text(text, f"doc {n}")).document
        assert document is not None
        for _ in range(per_document):
            start = rng.randrange(0, len(document.text) - 300)
            made = _annotation(document, rng.choice(tags).id, start, start + rng.randint(40, 240))
            records.append(replace(made, actor_id=rng.choice(actors).id,
                                   note="Analyst's note on this passage."))
    store.insert_many(records)
    return store


def _plain_docx(paragraphs: list[str], path: Path) -> None:
    """The floor of a Word export: these paragraphs as bare WordprocessingML in the
    default package, streamed (no styles, captions, tables or comments)."""
    save_with_body(docx.Document(), (f"<w:p><w:r><w:t xml:space=\"preserve\">"
                                     f"{escape(text)}</w:t></w:r></w:p>" for text in paragraphs),
                   path)


def briefing_of_two_thousand(workdir: Path) -> list[Figure]:
    """2,000 passages from 200 documents; the floor writes their quotes alone."""
    store = _project(workdir / "briefing.wbproj", 200, 5000, 10)
    quotes = [a.exact for a in store.annotations.where()]

    def written() -> float:
        with stopwatch() as took:
            write_briefing(select_passages(store), workdir / "briefing.docx",
                           BriefingOptions(title="Benchmark briefing", prepared_by="bench"))
        return took[0]

    def floor() -> float:
        with stopwatch() as took:
            _plain_docx(quotes, workdir / "raw.docx")
        return took[0]

    value, runs = median_of(RUNS, written)
    baseline, _ = median_of(RUNS, floor)
    store.close()
    return [Figure("briefing, 2,000 passages / 200 documents", value, "s", 2.0, baseline,
                   "the 2,000 quotes as bare paragraphs", runs)]


def annotated_copy_of_large_article(workdir: Path) -> Figure:
    """A 1 MB article with 1,000 comments; the floor writes its paragraphs alone."""
    store = _project(workdir / "annotated.wbproj", 1, 1_000_000, 1000)
    text = store.documents.get(store.documents.ids()[0]).text

    def written() -> float:
        with stopwatch() as took:
            write_annotated_copy(select_passages(store), workdir / "annotated.docx")
        return took[0]

    def floor() -> float:
        with stopwatch() as took:
            _plain_docx(text.split("\n\n"), workdir / "plain.docx")
        return took[0]

    value, runs = median_of(RUNS, written)
    baseline, _ = median_of(RUNS, floor)
    store.close()
    return Figure("annotated copy, 1 MB, 1,000 comments", value, "s", 3.0, baseline,
                  "its paragraphs as bare paragraphs, no comments", runs)


def w3c_both_ways(workdir: Path) -> list[Figure]:
    """Export 100,000 annotations as W3C JSON-LD, then import them into a project holding
    the same texts and no passages; medians of 5 runs (a fresh copy of it for each)."""
    store = _project(workdir / "w3c.wbproj", 20, 60_000, 5000)
    out = workdir / "w3c.jsonld"
    empty = workdir / "w3c-empty.wbproj"
    empty.unlink(missing_ok=True)
    target = Store.open(empty, create=True, analyst="bench")
    for document_id in store.documents.ids():
        store_article(target, parse_plain_text(store.documents.get(document_id).text, "copy"))
    target.close()

    def exported() -> float:
        with stopwatch() as took:
            write_w3c(select_passages(store), out)
        return took[0]

    def imported() -> float:
        copy = workdir / "w3c-target.wbproj"
        shutil.copyfile(empty, copy)
        project = Store.open(copy, analyst="bench")
        with stopwatch() as took:
            plan = plan_w3c_import(project, out)
            plan.edit.apply(project)
        assert plan.added == 100_000, plan.summary()
        assert project.annotations.count(PassageFilter()) == (100_000, 20)
        project.close()
        return took[0]

    rows = [a.__dict__ for a in store.annotations.where()]

    def raw_export() -> float:
        with stopwatch() as took:
            out.with_suffix(".raw.json").write_text(json.dumps(rows))
        return took[0]

    def raw_import() -> float:
        with stopwatch() as took:
            json.loads(out.read_bytes())
        return took[0]

    export_value, export_runs = median_of(RUNS, exported)
    import_value, import_runs = median_of(RUNS, imported)
    export_floor, _ = median_of(RUNS, raw_export)
    import_floor, _ = median_of(RUNS, raw_import)
    store.close()
    return [
        Figure("W3C export, 100,000 annotations", export_value, "s", 5.0, export_floor,
               "json.dumps of the bare rows", export_runs),
        Figure("W3C import, 100,000 annotations", import_value, "s", 5.0, import_floor,
               "json.loads of the file", import_runs),
    ]


SCENARIOS = [briefing_of_two_thousand, annotated_copy_of_large_article, w3c_both_ways]
