"""Mutation fuzzing of every importer: each input is imported or refused in words.

Run as ``python -m tests.fuzzing --count 10000`` (``make fuzz``); the test suite
runs a short round.  Seeds are real files of each format (built by
:mod:`tests.corpus`, plus the sample article the program ships); each input is
a seed with byte flips, a truncation, a corrupted or rewritten zip entry,
broken XML, a huge attribute or deep nesting.  A run fails on any exception
other than :class:`~workbench.errors.ImportRefused`, on any input that takes
over 5 s of the process's CPU time (not the clock's: a busy machine is not a
slow parser), or when the process's peak memory passes 1 GB.  The summary is one
JSON object on stdout.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import resource
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests import corpus
from workbench.errors import ImportRefused
from workbench.importers import read_article
from workbench.samples import sample_text

MAX_SECONDS = 5.0  # of CPU time
MAX_MEMORY_MB = 1024

Mutator = Callable[[random.Random, bytes], bytes]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """Insert random bytes, or a copy of another part of the file."""
    at = rng.randrange(len(data))
    if rng.random() < 0.5:
        insert = rng.randbytes(rng.randint(1, 64))
    else:
        start = rng.randrange(len(data))
        insert = data[start:start + rng.randint(1, 4096)]
    return data[:at] + insert + data[at:]


def overwrite_region(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    length = rng.randint(1, 512)
    return data[:at] + bytes([rng.choice((0, 0xFF, 0x3C))]) * length + data[at + length:]


BYTE_MUTATORS: list[Mutator] = [flip_bytes, truncate, splice, overwrite_region]


def _mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    """Broken XML, a huge or non-numeric attribute, or deep nesting."""
    choice = rng.randrange(4)
    if choice == 0:  # delete or duplicate a run of characters: tags mismatch
        at, length = rng.randrange(len(xml)), rng.randint(1, 40)
        return xml[:at] + (xml[at:at + length] * 2 if rng.random() < 0.5 else b"") \
            + xml[at + length:]
    if choice == 1:  # attribute values: huge numbers, words, empty
        values = list(re.finditer(rb'(\w+:\w+)="([^"]*)"', xml))
        if values:
            match = rng.choice(values)
            value = rng.choice([b"9" * rng.randint(10, 40), b"abc", b"", b"-1", b"1e400",
                                b"x" * 100_000])
            return xml[:match.start(2)] + value + xml[match.end(2):]
    if choice == 2:  # deep nesting inside the body
        depth = rng.choice([50, 500, 5_000])
        nest = b"<w:r>" * depth + b"</w:r>" * depth
        return xml.replace(b"</w:body>", nest + b"</w:body>", 1)
    return flip_bytes(rng, xml)


def mutate_package(rng: random.Random, data: bytes) -> bytes:
    """Change one part of a .docx package: its XML, its bytes, or drop it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        name = rng.choice(names)
        content = package.read(name)
    choice = rng.randrange(3)
    if choice == 0 and name.endswith((".xml", ".rels")):
        return corpus.rewrite_zip(data, {name: _mutate_xml(rng, content)})
    if choice == 1:
        return corpus.rewrite_zip(data, {name: None})
    return _corrupt_entry(rng, data, name)


def _corrupt_entry(rng: random.Random, data: bytes, name: str) -> bytes:
    """Flip bytes inside one entry's compressed data, or its compression method."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26:header + 28], "little")
    extra_length = int.from_bytes(data[header + 28:header + 30], "little")
    start = header + 30 + name_length + extra_length
    out = bytearray(data)
    if rng.random() < 0.3:
        out[header + 8] = rng.choice((1, 6, 12, 14, 99))  # unsupported compression
        return bytes(out)
    for _ in range(rng.randint(1, 8)):
        if info.compress_size:
            out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


def mutate_html(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(3)
    if choice == 0:
        return data.replace(b"<article>", b"<article>" + b"<div>" * rng.choice([100, 3000]), 1)
    if choice == 1:
        return data.replace(b"<p>", b'<p class="' + b"x" * rng.choice([1000, 500_000]) + b'">', 1)
    return data.replace(b"</p>", rng.choice([b"", b"</div>", b"<p>", b"<![CDATA["]))


def _seeds() -> dict[str, tuple[str, bytes]]:
    """Every seed by name, as (suffix, bytes): one real file of each format, then the
    hostile shapes of the trials (floods, lying zips, folded headers)."""
    seeds = {suffix: (suffix, build()) for suffix, build in corpus.SEEDS.items()}
    seeds[".txt"] = (".txt", sample_text().encode("utf-8"))
    seeds[".pdf"] = (".pdf", corpus.reviewed_pdf_seed())  # text, drawing, comments, stamp
    word_97 = corpus.doc_seed()  # made by LibreOffice, when it is there
    if word_97 is not None:
        seeds[".doc"] = (".doc", word_97)
        seeds["doc-pieces"] = (".doc", corpus.doc_piece_table_flood(word_97))
    return {**seeds, **corpus.hostile_seeds()}


# A hostile seed keeps its size under mutation (a truncated flood is an ordinary page,
# which the real seeds already cover): its bytes are flipped and overwritten, not cut.
HOSTILE_MUTATORS: list[Mutator] = [flip_bytes, overwrite_region]


def mutators_for(suffix: str, *, hostile: bool = False) -> list[Mutator]:
    if hostile:
        return HOSTILE_MUTATORS
    if suffix in (".docx", ".odt"):
        return [*BYTE_MUTATORS, mutate_package, mutate_package, mutate_package]
    if suffix == ".html":
        return [*BYTE_MUTATORS, mutate_html]
    return BYTE_MUTATORS


def run(count: int, seed: int, folder: Path) -> dict[str, object]:
    """Import ``count`` mutated inputs; return the summary."""
    rng = random.Random(seed)
    seeds = _seeds()
    names = sorted(seeds)
    hostile = {name for name in names if not name.startswith(".")}  # real seeds: by suffix
    failures: list[str] = []
    refused = accepted = 0
    reasons: dict[str, int] = {}
    slowest = 0.0
    for number in range(count):
        name = names[number % len(names)]
        suffix, data = seeds[name]
        mutator = rng.choice(mutators_for(suffix, hostile=name in hostile))
        for _ in range(rng.choice((1, 1, 2, 3))):
            try:
                data = mutator(rng, data) or data
            except Exception:  # a package already broken by the last step: flip bytes
                data = flip_bytes(rng, data)
        path = folder / f"input-{number}{suffix}"
        path.write_bytes(data)
        started = time.process_time()  # this process's CPU time: another's load is not ours
        try:
            read_article(path)
            accepted += 1
        except ImportRefused as exc:
            refused += 1
            reason = re.sub(r"[\d,.]+", "N", str(exc).split(" ", 1)[-1])[:70]
            reasons[reason] = reasons.get(reason, 0) + 1
            if path.name not in str(exc):
                failures.append(f"{path.name}: refusal does not name the file: {exc}")
        except Exception as exc:  # the very thing we hunt: any other failure
            failures.append(f"{path.name} ({mutator.__name__}): {type(exc).__name__}: {exc}"
                            f"\n{traceback.format_exc(limit=3)}")
        elapsed = time.process_time() - started
        slowest = max(slowest, elapsed)
        if elapsed > MAX_SECONDS:
            failures.append(f"{path.name} ({mutator.__name__}) took {elapsed:.1f} s")
        if failures and failures[-1].startswith(path.name):
            (folder / "failing").mkdir(exist_ok=True)
            path.rename(folder / "failing" / path.name)
        else:
            path.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if peak > MAX_MEMORY_MB:
        failures.append(f"peak memory {peak:.0f} MB is over {MAX_MEMORY_MB} MB")
    return {"inputs": count, "accepted": accepted, "refused": refused,
            "failures": failures, "slowest_s": round(slowest, 2), "peak_mb": round(peak),
            "reasons": dict(sorted(reasons.items(), key=lambda item: -item[1]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder to keep failing inputs in (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        summary = run(args.count, args.seed, folder)
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
