"""A separate process for crash and concurrency trials: it works, says what it saved, and dies.

``python -m tests.crash_worker MODE PROJECT [ARGS]`` where MODE is

- ``edits SEED COUNT``: scripted edits (add, retag, note, delete, undo) through the
  window's own path (:class:`ui.session.ProjectSession`), each announced with
  ``begin ID`` before it is stored and acknowledged with ``ack {json}`` after
  its commit, giving the annotation's state as saved;
- ``import FOLDER``: a folder import, ``ack ID CHARS BLOCKS SHA`` per stored document;
- ``export KIND OUT ROUNDS``: the same export written again and again, ``ack`` after each;
- ``writer SEED COUNT``: annotations added through the core as fast as it can, counting
  refusals (another writer holding the lock), ``done ADDED REFUSED`` at the end.

The trials (``tests/workbench/test_crash_trials.py``) kill it with SIGKILL at a
random moment and check that everything acknowledged is in the file.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from workbench.model import Annotation


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _state(annotation: Annotation) -> dict[str, object]:
    return {"id": annotation.id, "deleted": annotation.deleted_at is not None,
            "tag": annotation.tag_id, "note": annotation.note, "start": annotation.start,
            "end": annotation.end}


def run_edits(project: Path, seed: int, count: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from ui.session import ProjectSession
    from workbench.edits import change_annotation, delete_annotation
    from workbench.store import Store
    from workbench.tagging import describe_passage, tag_passage

    app = QCoreApplication([])  # noqa: F841  (timers need an application object)
    rng = random.Random(seed)
    session = ProjectSession(Store.open(project, analyst="crash-trial"))
    store = session.store
    document = store.documents.resolve(store.documents.ids()[0])
    tags = store.tags.all()
    live: list[str] = []
    history: list[str] = []  # the annotation each undoable edit touched, in stack order
    for number in range(count):
        choice = rng.random()
        if not live or choice < 0.35:
            start = rng.randrange(0, len(document.text) - 40)
            edit, annotation = tag_passage(store, document=document, start=start,
                                           end=start + rng.randint(5, 40), tag=rng.choice(tags))
            target = annotation.id
        elif choice < 0.55:
            target = rng.choice(live)
            edit = change_annotation(target, tag_id=rng.choice(tags).id)
        elif choice < 0.75:
            target = rng.choice(live)
            edit = describe_passage(store, target, actor_name="",
                                    note=f"note {number}") or change_annotation(target, note="x")
        elif choice < 0.85:
            target = rng.choice(live)
            edit = delete_annotation(target)
        else:
            target = history[session.undo_stack.index() - 1] if session.undo_stack.index() else ""
            if not target:
                continue
            _say(f"begin {target}")
            if not session.undo():
                raise SystemExit("undo failed")
            history = history[:session.undo_stack.index()]
            _ack(store, target, live)
            continue
        _say(f"begin {target}")
        if not session.apply(edit):
            raise SystemExit("edit failed")
        history = [*history[:session.undo_stack.index() - 1], target]
        _ack(store, target, live)
    session.close()
    _say("finished")


def _ack(store: object, target: str, live: list[str]) -> None:
    from workbench.store import Store

    assert isinstance(store, Store)
    annotation = store.annotations.get(target)
    if annotation.deleted_at is None and target not in live:
        live.append(target)
    if annotation.deleted_at is not None and target in live:
        live.remove(target)
    _say("ack " + json.dumps(_state(annotation)))


def run_import(project: Path, folder: Path) -> None:
    from workbench.library.bringing_in import Outcome, import_paths
    from workbench.store import Store

    store = Store.open(project, analyst="crash-trial")

    def acknowledge(result: object) -> None:
        outcome = getattr(result, "outcome", None)
        document = getattr(result, "document", None)
        if outcome is Outcome.ADDED and document is not None:
            blocks = len(store.documents.blocks(document.id))
            _say(f"ack {document.id} {len(document.text)} {blocks} {document.sha256}")

    import_paths(store, [folder], on_result=acknowledge)
    store.close()
    _say("finished")


def run_export(project: Path, kind: str, out: Path, rounds: int) -> None:
    from exports.run import run_export as export
    from workbench.briefing.selection import select_passages
    from workbench.store import Store

    store = Store.open(project, analyst="crash-trial")
    selection = select_passages(store)
    for number in range(rounds):
        export(kind, selection, out)
        _say(f"ack {number}")
    _say("finished")


def run_writer(project: Path, seed: int, count: int) -> None:
    from workbench.errors import StoreWriteError
    from workbench.store import Store
    from workbench.tagging import tag_passage

    rng = random.Random(seed)
    store = Store.open(project, analyst=f"writer-{seed}")
    document = store.documents.resolve(store.documents.ids()[0])
    tag = store.tags.all()[0]
    added = refused = 0
    for _ in range(count):
        start = rng.randrange(0, len(document.text) - 30)
        edit, annotation = tag_passage(store, document=document, start=start, end=start + 20,
                                       tag=tag)
        try:
            with store.transaction():
                edit.apply(store)
        except StoreWriteError:
            refused += 1
            continue
        added += 1
        _say(f"ack {annotation.id}")
    store.close()
    _say(f"done {added} {refused}")


def run_restore(project: Path, backup: Path, kill_at: int) -> None:
    """Restore, dying (as SIGKILL would: no clean-up runs) before file operation
    number ``kill_at``: each link, rename, replace or unlink, and the copy's start."""
    import workbench.project.backups as backups

    calls = 0

    def deadly(real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            if calls == kill_at:
                os._exit(137)
            calls += 1
            return real(*args, **kwargs)
        return call

    for name in ("link", "replace", "rename", "unlink"):
        setattr(backups.os, name, deadly(getattr(os, name)))
    backups._clean_copy_of = deadly(backups._clean_copy_of)
    backups.Path.unlink = deadly(Path.unlink)  # type: ignore[method-assign]
    backups.restore_backup(backup, project)
    _say("finished")


def main(argv: list[str]) -> None:
    mode, project = argv[0], Path(argv[1])
    if mode == "edits":
        run_edits(project, int(argv[2]), int(argv[3]))
    elif mode == "import":
        run_import(project, Path(argv[2]))
    elif mode == "export":
        run_export(project, argv[2], Path(argv[3]), int(argv[4]))
    elif mode == "writer":
        run_writer(project, int(argv[2]), int(argv[3]))
    elif mode == "restore":
        run_restore(project, Path(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
