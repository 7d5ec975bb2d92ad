"""A terminal beside the window: command after command on the same project.

``python -m tests.shell_worker PROJECT SEED ROUNDS SCRATCH`` runs ROUNDS commands
of the command line (annotate, review, import, export, merge, in turn), each
opening and closing the project as the ``workbench`` command does, and prints
``ack KIND VALUE`` for every change a command reported as saved.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import cli
from workbench.samples import build_demo
from workbench.store import Store


def _quotes(project: Path) -> tuple[str, list[str]]:
    store = Store.open(project)
    try:
        document = store.documents.get(store.documents.ids()[0])
    finally:
        store.close()
    words = document.text.split()
    return document.id, [" ".join(words[at:at + 4]) for at in range(0, len(words) - 4, 7)
                         if "\n" not in " ".join(words[at:at + 4])]


def run(project: Path, seed: int, rounds: int, scratch: Path) -> None:
    """Run the commands, acknowledging what each reports as saved."""
    rng = random.Random(seed)
    document, quotes = _quotes(project)
    other = scratch / f"analyst-{seed}.wbproj"
    build_demo(other).close()
    mine: list[str] = []
    runner = CliRunner()

    def call(*args: str) -> str | None:
        result = runner.invoke(cli, ["-p", str(project), *args])
        if result.exit_code != 0:
            print(f"failed {' '.join(args[:1])}: {result.stderr.strip()}", flush=True)
            return None
        return result.stdout

    for number in range(rounds):
        step = number % 5
        if step == 0:
            note = f"shell {seed}-{number}"
            out = call("annotate", document, "--quote", rng.choice(quotes), "--tag", "2",
                       "--note", note, "--occurrence", "1", "--analyst", f"shell-{seed}")
            if out:
                mine.append(out.split()[0])
                print(f"ack note {note}", flush=True)
        elif step == 1 and mine:
            comment = f"verdict {seed}-{number}"
            if call("submit", document, "--annotation", mine[-1]) is not None and call(
                    "review", mine[-1], "--accept", "--reviewer", "Sup",
                    "--comment", comment) is not None:
                print(f"ack comment {comment}", flush=True)
        elif step == 2:
            article = scratch / f"shell-{seed}-{number}.txt"
            article.write_text(f"Shell article {seed} {number}\n\nTalks in round {number} "
                               f"of worker {seed} ended without a statement.\n")
            if call("import", str(article)) is not None:
                print(f"ack title Shell article {seed} {number}", flush=True)
        elif step == 3:
            call("export", "csv", "-o", str(scratch / f"export-{seed}.csv"))
        else:
            call("merge", str(other))


if __name__ == "__main__":
    project_path, seed_text, rounds_text, scratch_path = sys.argv[1:5]
    run(Path(project_path), int(seed_text), int(rounds_text), Path(scratch_path))
