"""Command-line commands of the written briefing and the actor-stance matrix:
``brief show|bluf|judge|comment`` and ``matrix``.

"""

from __future__ import annotations

from typing import Any

import click

from workbench.briefing.matrix import matrix_of, rows_in_store
from workbench.briefing.written import (
    add_judgement,
    read_draft,
    section_name,
    section_named,
    set_bluf,
    set_comment,
)
from workbench.cli.base import AppContext, WorkbenchGroup, apply_edit, cli, command, emit_json, say


@cli.group("brief", cls=WorkbenchGroup)
def brief() -> None:
    """The written briefing: bottom line up front, key judgements, section comments."""


@command("show", group=brief)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(app: AppContext, as_json: bool) -> None:
    """Everything written for the briefing, in the order it is printed."""
    store = app.store()
    draft = read_draft(store)
    numbers = draft.citations()
    comments = [{"section": section_name(store, key), "key": key, "text": text}
                for key, text in draft.comments.items()]
    if as_json:
        emit_json({"title": draft.title, "bluf": draft.bluf,
                   "judgements": [{"id": j.id, "text": j.text, "cites": j.cited,
                                   "numbers": [numbers[c] for c in j.cited]}
                                  for j in draft.judgements],
                   "comments": comments})
        return
    if draft.is_empty() and not draft.title:
        say("Nothing written yet: see 'workbench brief bluf --help'.")
        return
    if draft.title:
        say(f"Title: {draft.title}")
    if draft.bluf:
        say(f"Bottom line up front:\n  {_indented(draft.bluf)}", lines=True)
    if draft.judgements:
        say("Key judgements:")
    for n, judgement in enumerate(draft.judgements, 1):
        marks = "".join(f" [{numbers[c]}]" for c in judgement.cited)
        say(f"  {n}. {_indented(judgement.text)}{marks}  ({judgement.id[:8]})", lines=True)
    for comment in comments:
        say(f"Comment on {comment['section']}:\n  {_indented(comment['text'])}", lines=True)


def _indented(text: str) -> str:
    return text.strip().replace("\n", "\n  ")


@command("bluf", group=brief)
@click.argument("text")
def bluf(app: AppContext, text: str) -> None:
    """Write the bottom line up front (Markdown: **bold**, *italics*, "- " lists)."""
    store = app.store()
    edit = set_bluf(store, text)
    if edit is not None:
        apply_edit(store, edit)
    say("Bottom line up front saved." if text.strip() else "Bottom line up front removed.")


@command("judge", group=brief)
@click.argument("text")
@click.option("--cite", "cites", multiple=True, metavar="ID",
              help="A passage the judgement rests on (repeatable; id or id prefix).")
def judge(app: AppContext, text: str, cites: tuple[str, ...]) -> None:
    """Add a key judgement, citing the passages that support it."""
    store = app.store()
    edit, part = add_judgement(store, text, cites)
    apply_edit(store, edit)
    count = len(part.cited)
    say(f"judgement {part.id[:8]} added" + (f", citing {count} passage(s)" if count else ""))


@command("comment", group=brief)
@click.argument("section")
@click.argument("text")
def comment(app: AppContext, section: str, text: str) -> None:
    """Write the comment that opens SECTION (a tag's or an actor's name)."""
    store = app.store()
    found = section_named(store, section)
    edit = set_comment(store, found, text)
    if edit is not None:
        apply_edit(store, edit)
    say(f"Comment on {found.name} saved." if text.strip() else
        f"Comment on {found.name} removed.")


@command("matrix")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def matrix_command(app: AppContext, as_json: bool) -> None:
    """Actors by tags: how many passages, and the newest date, in each cell."""
    store = app.store()
    matrix = matrix_of(rows_in_store(store), store.tags.all(),
                       store.settings().get("actor_order", []))
    if as_json:
        emit_json(matrix.as_json())
        return
    if not matrix.actors:
        say("No passages yet.")
        return
    width = max(len(name) for _, name in matrix.actors) + 2
    say(" " * width + "".join(f"{t.name:>22}" for t in matrix.tags))
    for actor_id, name in matrix.actors:
        cells: list[Any] = []
        for tag in matrix.tags:
            cell = matrix.cell(actor_id, tag.id)
            cells.append(f"{cell.count} · newest {cell.newest}" if cell else "")
        say(f"{name:<{width}}" + "".join(f"{c:>22}" for c in cells))
