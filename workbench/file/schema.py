"""The project file's schema, built and upgraded by ``sqlite_utils.Migrations``.

Every migration is named; a file holding a migration this version does not
know was written by a newer Workbench and is refused, never "upgraded".
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "workbench"
SCHEMA_VERSION = 1

migrations = Migrations(MIGRATION_SET)

_TRACKED = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, rev INTEGER NOT NULL DEFAULT 1, " \
    "analyst TEXT NOT NULL DEFAULT '', deleted_at TEXT"

_TABLES = [
    """CREATE TABLE project (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
        schema_version INTEGER NOT NULL, settings TEXT NOT NULL DEFAULT '{}')""",
    f"""CREATE TABLE documents (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '', published TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT '', filename TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL, text TEXT NOT NULL, sha256 TEXT NOT NULL,
        version_of TEXT REFERENCES documents(id), {_TRACKED})""",
    """CREATE TABLE blocks (
        document_id TEXT NOT NULL REFERENCES documents(id), "index" INTEGER NOT NULL,
        kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (document_id, "index"), CHECK (start <= "end"))""",
    f"""CREATE TABLE tags (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL,
        shortcut TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 0, {_TRACKED})""",
    f"""CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL DEFAULT '', {_TRACKED})""",
    """CREATE TABLE annotations (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '',
        tag_id TEXT NOT NULL REFERENCES tags(id), actor_id TEXT REFERENCES actors(id),
        note TEXT NOT NULL DEFAULT '', analyst TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft', anchor_status TEXT NOT NULL DEFAULT 'anchored',
        doc_sha256 TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL, rev INTEGER NOT NULL DEFAULT 1, deleted_at TEXT,
        CHECK (start <= "end"))""",
    f"""CREATE TABLE reviews (
        id TEXT PRIMARY KEY, annotation_id TEXT NOT NULL REFERENCES annotations(id),
        reviewer TEXT NOT NULL, verdict TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '',
        {_TRACKED})""",
    "CREATE INDEX documents_sha256 ON documents(sha256)",
    "CREATE INDEX annotations_document ON annotations(document_id)",
    "CREATE INDEX annotations_tag ON annotations(tag_id)",
    "CREATE INDEX annotations_actor ON annotations(actor_id)",
    "CREATE INDEX reviews_annotation ON reviews(annotation_id)",
]


PLAIN_TOKENIZER = "unicode61 remove_diacritics 2"
# Word forms: "concession" finds "concessions" (Porter's English stemmer over the same
# Unicode word rules; workbench/store/search.py finds the hits inside a text the same way).
STEMMING_TOKENIZER = "porter unicode61 remove_diacritics 2"


def _fts_statements(table: str, columns: list[str],
                    tokenizer: str = PLAIN_TOKENIZER) -> list[str]:
    """An external-content FTS5 index over ``columns`` of ``table``, kept by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content={table}, "
        f"tokenize='{tokenizer}')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    statements = [
        *_TABLES,
        *_fts_statements("documents", ["title", "text"]),
        *_fts_statements("annotations", ["exact", "note"]),
    ]
    for statement in statements:
        db.execute(statement)


@migrations(name="0002_annotation_positions")
def _annotation_positions(db: Database) -> None:
    # The reader loads the passages of a document's first screen before the rest.
    db.execute("CREATE INDEX annotations_document_start ON annotations(document_id, start)")


@migrations(name="0003_bulk_fts")
def _bulk_fts(db: Database) -> None:
    # A bulk import pauses the per-row FTS trigger and indexes its rows in one
    # INSERT ... SELECT (ten times faster for 100,000 annotations), in the same
    # transaction, so the index is never behind the table once it commits.
    db.execute("CREATE TABLE fts_pause (table_name TEXT PRIMARY KEY)")
    # (document_id, start) serves every lookup by document: one index less to keep.
    db.execute("DROP INDEX annotations_document")
    _bulk_fts_trigger(db)


def _bulk_fts_trigger(db: Database) -> None:
    """The passages' insert trigger, paused while a bulk import indexes its rows at once."""
    db.execute("DROP TRIGGER annotations_ai")
    db.execute(
        "CREATE TRIGGER annotations_ai AFTER INSERT ON annotations WHEN NOT EXISTS "
        "(SELECT 1 FROM fts_pause WHERE table_name = 'annotations') BEGIN "
        "INSERT INTO annotations_fts(rowid, exact, note) "
        "VALUES (new.rowid, new.exact, new.note); END")


@migrations(name="0004_review_roles")
def _review_roles(db: Database) -> None:
    # Every verdict records the role it was given in (analyst or supervisor).
    db.execute("ALTER TABLE reviews ADD COLUMN role TEXT NOT NULL DEFAULT ''")


@migrations(name="0005_history")
def _history(db: Database) -> None:
    # The audit log: every write, by whom, in which role (workbench/store/history.py).
    db.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, kind TEXT NOT NULL,
        row_id TEXT NOT NULL, document_id TEXT, detail TEXT NOT NULL DEFAULT '')""")
    db.execute("CREATE INDEX history_document ON history(document_id)")


VERSIONED_TABLES = ("documents", "tags", "actors", "annotations", "reviews")
# (the brief table, made later, has its change_id from the start)


@migrations(name="0006_merge_versions")
def _merge_versions(db: Database) -> None:
    # What a merge needs to tell "changed on one side" from "changed on both"
    # (workbench/team/lineage.py): each row's current change (''= as first written),
    # every change a row has left behind, and the conflicts merges recorded.
    for table in VERSIONED_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN change_id TEXT NOT NULL DEFAULT ''")
    db.execute("""CREATE TABLE superseded (
        row_id TEXT NOT NULL, change_id TEXT NOT NULL,
        PRIMARY KEY (row_id, change_id)) WITHOUT ROWID""")
    db.execute("""CREATE TABLE conflicts (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, row_id TEXT NOT NULL,
        theirs_change TEXT NOT NULL, theirs TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, resolved_at TEXT, resolution TEXT NOT NULL DEFAULT '',
        UNIQUE (row_id, theirs_change))""")


@migrations(name="0007_version_index")
def _version_index(db: Database) -> None:
    # The library marks a document a newer version replaced: found by key, not by a scan.
    db.execute("CREATE INDEX documents_version_of ON documents(version_of) "
               "WHERE version_of IS NOT NULL")


@migrations(name="0008_search_index_merges_when_idle")
def _search_index_merges_when_idle(db: Database) -> None:
    # Left to itself, an FTS5 index merges its segments inside whichever insert fills a
    # level: a tag now and then took 20-40 ms at 100,000 passages.  The window merges a
    # bounded amount when the user pauses instead (Store.tidy_search_index); FTS5 still
    # merges by itself should segments ever pile up (its "crisis merge").
    for fts in ("annotations_fts", "documents_fts"):
        db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', 0)")


@migrations(name="0009_briefing_and_word_forms")
def _briefing_and_word_forms(db: Database) -> None:
    # The briefing's written parts (workbench/briefing/written.py), merged by id like every row.
    db.execute(f"""CREATE TABLE brief (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL DEFAULT '',
        section TEXT NOT NULL DEFAULT '', cites TEXT NOT NULL DEFAULT '',
        position REAL NOT NULL DEFAULT 0, {_TRACKED},
        change_id TEXT NOT NULL DEFAULT '')""")
    # Search finds word forms: both indexes are built again with the stemming tokenizer.
    for table, columns in (("documents", ["title", "text"]), ("annotations", ["exact", "note"])):
        for trigger in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_{trigger}")
        db.execute(f"DROP TABLE IF EXISTS {table}_fts")
        for statement in _fts_statements(table, columns, STEMMING_TOKENIZER):
            db.execute(statement)
        db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        # One segment, as a long-kept index ends up: left as the rebuild wrote it, the
        # first tags' merges took 10-30 ms each (tag p95 14 ms at 100,000 passages, 7 after).
        db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('optimize')")
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('automerge', 0)")
    _bulk_fts_trigger(db)


@migrations(name="0010_team_record")
def _team_record(db: Database) -> None:
    # History travels with merges (workbench/team/merge.py): each entry has an id of its
    # own, the same in every project it reaches, so a second merge adds no copy of it.
    db.execute("""CREATE TABLE history_new (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, kind TEXT NOT NULL,
        row_id TEXT NOT NULL, document_id TEXT, detail TEXT NOT NULL DEFAULT '',
        uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))))""")
    db.execute("INSERT INTO history_new (id, at, who, role, action, kind, row_id, "
               "document_id, detail) SELECT id, at, who, role, action, kind, row_id, "
               "document_id, detail FROM history")
    db.execute("DROP TABLE history")
    db.execute("ALTER TABLE history_new RENAME TO history")
    db.execute("CREATE INDEX history_document ON history(document_id)")
    db.execute("CREATE INDEX history_row ON history(row_id)")
    # A field-level three-way merge needs what a row said at each change it left behind
    # (JSON of its merged fields, NULL where that was not kept) and when.
    db.execute("ALTER TABLE superseded ADD COLUMN content TEXT")
    db.execute("ALTER TABLE superseded ADD COLUMN at TEXT NOT NULL DEFAULT ''")
    # A conflict names its fields, what they were before, and who made each side.
    for column in ("base TEXT", "fields TEXT NOT NULL DEFAULT ''",
                   "ours_who TEXT NOT NULL DEFAULT ''", "theirs_who TEXT NOT NULL DEFAULT ''"):
        db.execute(f"ALTER TABLE conflicts ADD COLUMN {column}")
    # Tags and actors two projects made apart under one name: matched once, remembered.
    db.execute("""CREATE TABLE same_as (
        kind TEXT NOT NULL, their_id TEXT NOT NULL, our_id TEXT NOT NULL,
        PRIMARY KEY (kind, their_id)) WITHOUT ROWID""")


def known_migrations() -> set[str]:
    """Names of every migration this version of the program knows."""
    return {m.name for m in migrations._migrations}


# Position, Criticism, Red line: distinct colours that stay readable as highlights
# on white and on a dark background, and the number keys that apply them.
DEFAULT_TAGS = [
    ("Position", "#3b82f6", "1", "What an actor wants, proposes or stands for."),
    ("Criticism", "#f59e0b", "2", "What an actor blames, rejects or attacks in another."),
    ("Red line", "#dc2626", "3", "What an actor declares non-negotiable."),
]
