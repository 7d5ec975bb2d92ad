"""A deterministic generator of realistic synthetic political articles of any size.

The same seed always gives the same text, so runs compare like with like.
"""

from __future__ import annotations

import random

ACTORS = ["Russia", "Ukraine", "the United States", "NATO", "the European Union", "Turkey",
          "China", "the United Nations", "Poland", "Germany", "France", "the Kremlin",
          "Kyiv", "Washington", "Brussels", "Ankara", "Beijing", "the G7"]
VERBS = ["rejected", "welcomed", "criticised", "proposed", "demanded", "warned against",
         "insisted on", "ruled out", "called for", "questioned", "endorsed", "condemned"]
OBJECTS = ["any territorial concessions", "a ceasefire along the current front line",
           "new sanctions on energy exports", "a joint inspection regime",
           "security guarantees for the region", "the grain corridor proposal",
           "further military aid", "talks without preconditions", "a prisoner exchange",
           "the withdrawal of foreign troops", "a neutral status", "reparations"]
CLAUSES = ["according to officials familiar with the talks",
           "in a statement released late on Tuesday", "during a press conference in Geneva",
           "citing the need for lasting stability", "despite mounting pressure from allies",
           "as negotiators prepared for another round", "in remarks broadcast on state media",
           "while stressing that diplomacy remained the preferred path"]
HEADINGS = ["Diplomatic Pressure Builds", "Positions Harden", "What Comes Next",
            "Allies Weigh Their Options", "A Narrow Path to Talks", "Red Lines Drawn"]


def sentence(rng: random.Random) -> str:
    """One plausible sentence of political reporting."""
    actor = rng.choice(ACTORS)
    text = f"{actor} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}"
    if rng.random() < 0.3:
        text += f", and {rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    """Three to six sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def article(seed: int, chars: int) -> str:
    """An article of about ``chars`` characters: title, headings, paragraphs."""
    rng = random.Random(seed)
    parts = [f"{rng.choice(ACTORS).title()} {rng.choice(VERBS).title()} "
             f"{rng.choice(OBJECTS).title()} (Report {seed})"]
    size = len(parts[0])
    while size < chars:
        block = rng.choice(HEADINGS) if rng.random() < 0.08 else paragraph(rng)
        parts.append(block)
        size += len(block) + 2
    return "\n\n".join(parts) + "\n"


def revise(text: str, rng: random.Random) -> str:
    """A realistic new version of an article: sentences and paragraphs added and cut,
    half the paragraphs re-wrapped at 72 columns, and the typography made curly."""
    out: list[str] = []
    for block in text.split("\n\n"):
        if rng.random() < 0.03:
            continue  # a paragraph cut
        sentences = block.split(". ")
        if len(sentences) > 2 and rng.random() < 0.15:
            del sentences[rng.randrange(len(sentences))]
        if rng.random() < 0.15:
            sentences.insert(rng.randrange(len(sentences) + 1),
                             "Officials declined to comment on the latest draft")
        block = ". ".join(sentences)
        if rng.random() < 0.5:
            block = _wrapped(block, 72)
        out.append(block)
        if rng.random() < 0.03:
            out.append("A paragraph the editors added, with more context on the talks.")
    return "\n\n".join(out).replace("'", "\u2019").replace(", and ", ", and\u00a0")


def _wrapped(block: str, width: int) -> str:
    lines, line = [], ""
    for word in block.split(" "):
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])
