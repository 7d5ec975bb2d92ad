"""Full-text search over document text and passages' quotes and notes (FTS5).

The indexes stem words (FTS5's ``porter`` tokenizer), so "concession" finds
"concessions".  A query is words (all must occur), ``prefix*`` words and
``"quoted phrases"``.  FTS5 says which documents match; the hits inside each one
are then found here, stemmed the same way (Porter's algorithm, from
``snowballstemmer``), so every hit can be shown in its context, counted per
document and opened where it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from workbench.model import SearchHit
from workbench.store import Store

WORD = re.compile(r"[^\W_]+")  # a token as FTS5's unicode61 sees one
_QUERY = re.compile(r'"([^"]*)"|(\S+)')
HITS_PER_DOCUMENT = 500  # shown; the count says how many there are in all
BEFORE, AFTER = 32, 64  # characters of context either side of a hit
_stemmer = snowballstemmer.stemmer("porter")


@dataclass(frozen=True)
class Term:
    """One part of a query: a word, a word's beginning (``prefix``), or a phrase."""

    words: tuple[str, ...]  # folded: lower case, no diacritics
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")


def fold(word: str) -> str:
    """Lower case without diacritics (as unicode61 with remove_diacritics compares)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(fold(word)))


def parse_query(text: str) -> list[Term]:
    """The user's words, ``prefix*`` words and ``"phrases"`` (every one must occur)."""
    terms = []
    for phrase, word in _QUERY.findall(text):
        if phrase:
            words = tuple(fold(w) for w in WORD.findall(phrase))
            if words:
                terms.append(Term(words))
            continue
        prefix = word.endswith("*")
        words = tuple(fold(w) for w in WORD.findall(word))
        if len(words) == 1:
            terms.append(Term(words, prefix=prefix))
        elif words:
            terms.append(Term(words))  # "Black-Sea" is the phrase "black sea"
    return terms


def fts_query(text: str) -> str:
    """The query as FTS5 syntax (every part quoted, so nothing typed is syntax)."""
    return " ".join(term.fts() for term in parse_query(text))


def _matches(token: str, word: str, prefix: bool) -> bool:
    if prefix:
        return fold(token).startswith(word) or stem(token).startswith(word)
    return stem(token) == stem(word)


def _lead(word: str, prefix: bool) -> str:
    """What a matching token starts with (a stem can end in 'i' where the word had 'y')."""
    if prefix:
        return word
    return word[:min(len(word), max(3, len(stem(word)) - 1))]


def find_hits(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (code points), in text order."""
    hits: set[tuple[int, int]] = set()
    for term in terms:
        first = term.words[0]
        last_prefix = term.prefix and len(term.words) == 1
        lead = re.compile(rf"(?<![^\W_]){re.escape(_lead(first, last_prefix))}[^\W_]*",
                          re.IGNORECASE)
        for found in lead.finditer(text):
            if not _matches(found.group(), first, last_prefix):
                continue
            end = _phrase_end(text, found.end(), term.words[1:])
            if end is not None:
                hits.add((found.start(), end))
    return _outermost(sorted(hits, key=lambda h: (h[0], -h[1])))


def _outermost(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Hits less those inside another ("inspector" inside "Russian inspector")."""
    kept: list[tuple[int, int]] = []
    for start, end in hits:
        if not kept or end > kept[-1][1]:
            kept.append((start, end))
    return kept


def _phrase_end(text: str, at: int, rest: tuple[str, ...]) -> int | None:
    """Where a phrase ends if its other words follow ``at`` one by one, else None."""
    end = at
    tokens = WORD.finditer(text, at)
    for word in rest:
        token = next(tokens, None)
        if token is None or not _matches(token.group(), word, False):
            return None
        end = token.end()
    return end


def context(text: str, start: int, end: int) -> str:
    """The hit in brackets with some words either side, on one line."""
    lo, hi = max(0, start - BEFORE), min(len(text), end + AFTER)
    before = text[lo:start].split(None, 1)[-1] if lo > 0 else text[lo:start]
    after = text[end:hi].rsplit(None, 1)[0] if hi < len(text) else text[end:hi]
    lead, tail = ("…" if lo > 0 else ""), ("…" if hi < len(text) else "")
    line = f"{lead}{before}[{text[start:end]}]{after}{tail}"
    return " ".join(line.split())


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Passages first (quote or note match, best first), then every hit in each matching
    document (best documents first), each with its context and its document's count."""
    terms = parse_query(text)
    if not terms:
        return []
    query = " ".join(term.fts() for term in terms)
    return _passage_hits(store, query, limit) + _document_hits(store, query, terms, limit)


def _passage_hits(store: Store, query: str, limit: int) -> list[SearchHit]:
    sql = """
        SELECT a.id AS annotation_id, a.document_id, d.title,
               snippet(annotations_fts, -1, '[', ']', '…', 12) AS snippet
        FROM annotations_fts JOIN annotations a ON a.rowid = annotations_fts.rowid
        JOIN documents d ON d.id = a.document_id
        WHERE annotations_fts MATCH ? AND a.deleted_at IS NULL AND d.deleted_at IS NULL
        ORDER BY rank LIMIT ?"""
    return [SearchHit("annotation", r["document_id"], r["title"], r["snippet"],
                      r["annotation_id"]) for r in store.db.query(sql, [query, limit])]


def _document_hits(store: Store, query: str, terms: list[Term], limit: int) -> list[SearchHit]:
    sql = """
        SELECT d.id, d.title, d.text FROM documents_fts
        JOIN documents d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? AND d.deleted_at IS NULL ORDER BY rank LIMIT ?"""
    hits: list[SearchHit] = []
    for document_id, title, body in store.db.execute(sql, [query, limit]).fetchall():
        spans = find_hits(body, terms)
        if not spans:  # matched in the title only
            hits.append(SearchHit("document", document_id, title, title, count=0))
            continue
        hits += [SearchHit("document", document_id, title, context(body, start, end),
                           start=start, end=end, count=len(spans))
                 for start, end in spans[:HITS_PER_DOCUMENT]]
    return hits
