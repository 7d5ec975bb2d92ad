"""The short sample article the project ships, for a first start with something to tag."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from workbench.file.partials import remove_abandoned
from workbench.importers import article_from_text
from workbench.importers.plaintext import parse_plain_text
from workbench.library.bringing_in import ImportResult, store_article
from workbench.paths import default_project_path
from workbench.store import Store
from workbench.tagging import describe_passage, find_quote, tag_passage

SAMPLE_NAME = "grain-corridor-talks.txt"


def sample_text() -> str:
    """The sample article's text as shipped."""
    return resources.files("workbench.sample_articles").joinpath(SAMPLE_NAME).read_text("utf-8")


def seed_sample(store: Store) -> ImportResult:
    """Import the sample article into ``store`` (once: it is recognised afterwards)."""
    article = parse_plain_text(sample_text(), "Sample article")
    return store_article(store, article, filename=SAMPLE_NAME)


def open_project(path: Path | None, *, analyst: str, create: bool = False) -> Store:
    """Open a project; ``None`` means the default one, created and seeded on first use."""
    is_default = path is None
    target = path or default_project_path()
    fresh = not target.exists()
    if is_default:
        target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(target.parent)  # what a killed copy or restore left beside it
    store = Store.open(target, create=create or is_default, analyst=analyst)
    if is_default and fresh:
        seed_sample(store)
    return store


# A demo project for screenshots, previews and tests: the sample, a second
# statement, and passages of every tag, two of them overlapping.
STATEMENT = """Ankara Statement on the Inspection Talks

The Turkish foreign ministry said on Saturday that joint inspection teams in Turkish waters \
remain the only realistic basis for reopening the corridor.

Ankara rejected claims that the proposal favours either side, and warned that further delays \
would raise food prices across Africa and the Middle East.

Officials added that Turkey will not accept armed escorts in the Black Sea, which it called a \
recipe for escalation.
"""

PASSAGES = [
    ("will not allow any vessel to pass without a Russian inspector on board", "Red line",
     "Russia", "Precondition for any corridor"),
    ("without a Russian inspector on board. A spokesman for the Russian foreign ministry",
     "Criticism", "Russia", ""),
    ("inspections should be carried out by Turkish and United Nations staff alone", "Position",
     "Ukraine", "Excludes Russian inspectors"),
    ("accused Moscow of using food as a weapon", "Criticism", "Ukraine", "Aimed at Moscow"),
    ("mixed teams would inspect cargo in Turkish waters rather than at sea", "Position",
     "Turkey", "Compromise offer"),
]


def build_demo(path: Path) -> Store:
    """A project with the sample, a second statement and overlapping passages."""
    store = Store.open(path, create=True, analyst="M. Keller")
    sample = seed_sample(store).document
    second = store_article(store, article_from_text(STATEMENT), filename="ankara.txt").document
    assert sample is not None
    assert second is not None
    for quote, tag, actor, note in PASSAGES:
        start, end = find_quote(sample.text, quote)[0]
        edit, annotation = tag_passage(store, document=sample, start=start, end=end,
                                       tag=store.tags.find(tag), actor_name=actor)
        edit.apply(store)
        if note and (change := describe_passage(store, annotation.id, actor_name=actor,
                                                note=note)):
            change.apply(store)
    start, end = find_quote(second.text, "Turkey will not accept armed escorts")[0]
    tag_passage(store, document=second, start=start, end=end, tag=store.tags.find("Red line"),
                actor_name="Turkey")[0].apply(store)
    return store


def write_demo_brief(store: Store) -> None:
    """The demo's written briefing: a bottom line, two judgements citing its passages and
    the comment that opens the red lines (for screenshots and the rendered preview)."""
    from workbench.briefing.written import (
        add_judgement,
        section_named,
        set_bluf,
        set_comment,
        set_title,
    )

    passages = {a.exact: a.id for a in store.annotations.where()}
    red_line, position = passages[PASSAGES[0][0]], passages[PASSAGES[2][0]]
    offer = passages[PASSAGES[4][0]]
    escorts = passages["Turkey will not accept armed escorts"]
    edits = [
        set_title(store, "Black Sea corridor: where the red lines run"),
        set_bluf(store, "Russia and Ukraine hold **incompatible red lines** on who inspects "
                        "ships. A deal needs a *third-party* inspection formula:\n\n"
                        "- expect no agreement in the April round;\n"
                        "- watch Turkey's offer of mixed teams in its own waters."),
        add_judgement(store, "Moscow will not drop its demand for Russian inspectors.",
                      [red_line])[0],
        add_judgement(store, "Turkey is the only party moving, and it will not escort "
                             "convoys by force.", [offer, escorts, position])[0],
        set_comment(store, section_named(store, "Red line"),
                    "Both lines were restated **in the same week**."),
    ]
    with store.transaction():
        for edit in edits:
            if edit is not None:
                edit.apply(store)
