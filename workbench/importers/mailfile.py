"""E-mail (.eml) and web archives (.mht, .mhtml): both are MIME messages.

An e-mail is an article as it was sent, its subject as the title.

The message's best body is read (its HTML, as a web page is, else its plain
text; a message of text only keeps its lines as written); the sender is the
author, the Date header the published date.  What came attached is named at
the end, with its size, so that nothing sent goes unseen (each attachment is
imported on its own, as a file).  A web archive (a browser's "save as single
file") is the page it holds, read as a web page is, with the address it was
saved from.  Nothing in either is fetched or run.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.importers.decoding import decode_bytes
from workbench.importers.html import parse_html
from workbench.importers.limits import check_mime_message
from workbench.importers.plaintext import parse_plain_text
from workbench.text.blocks import BlockSpec


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else \
        f"{max(1, round(size / 1024))} KB"


def _attachments(message: EmailMessage) -> list[str]:
    """Each attachment's name and size ("report.pdf, 1.2 MB")."""
    found = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        found.append(f"{part.get_filename() or 'unnamed attachment'}, {_size(size)}")
    return found


def _text_of(part: EmailMessage | None, name: str) -> str:
    """A part's text in the character set it names (else as plain text files are
    decoded); '' when it holds nothing."""
    raw = part.get_payload(decode=True) if part is not None else None
    if part is None or not isinstance(raw, bytes) or not raw.strip():
        return ""
    charset = part.get_content_charset()
    try:
        return raw.decode(charset) if charset else decode_bytes(raw, name)
    except (LookupError, UnicodeDecodeError):
        return decode_bytes(raw, name)


def _body(message: EmailMessage, name: str) -> Article | ImportRefused | None:
    """The message's own text: its HTML body read as a page, else its plain text; else
    why its body was refused (a page too large to read), or None when it has none."""
    refused = None
    for kind in ("html", "plain"):
        text = _text_of(message.get_body(preferencelist=(kind,)), name)  # type: ignore[arg-type]
        if not text:
            continue
        try:
            return parse_html(text, name) if kind == "html" else \
                parse_plain_text(text, name)
        except ImportRefused as exc:
            refused = exc  # an HTML part with no article in it: the plain text may have one
    return refused


def _details(message: EmailMessage) -> dict[str, str]:
    """Title (the subject), author (the sender) and the date it was sent."""
    sender_name, sender_address = parseaddr(str(message.get("From", "")))
    meta = {"title": " ".join(str(message.get("Subject", "")).split()),
            "author": sender_name or sender_address}
    with contextlib.suppress(TypeError, ValueError, IndexError):  # no date, or a bad one
        meta["published"] = parsedate_to_datetime(str(message.get("Date", ""))).date() \
            .isoformat()
    return meta


def _message(path: Path, what: str) -> EmailMessage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror}.") from exc
    check_mime_message(data, path.name)
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise ImportRefused(f"{path.name} is not {what} (it has no headers).")
    return message


def parse_mhtml(path: Path, fallback_title: str) -> Article:
    """A web page saved as a single file (MHTML) as an article."""
    message = _message(path, "a saved web page")
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"),
                None)
    html = _text_of(page, path.name)
    if not html:
        raise ImportRefused(f"{path.name} holds no web page.")
    article = parse_html(html, fallback_title)
    saved_from = str(message.get("Snapshot-Content-Location", "")
                     or (page.get("Content-Location", "") if page is not None else ""))
    if saved_from.startswith(("http://", "https://")) and not article.meta.get("url"):
        return replace(article, meta={**article.meta, "url": saved_from})
    return article


def parse_eml(path: Path, fallback_title: str) -> Article:
    """A saved e-mail message as an article."""
    message = _message(path, "an e-mail message")
    body = _body(message, path.name)
    attached = _attachments(message)
    if isinstance(body, ImportRefused):
        raise ImportRefused(f"{path.name}: its body was not read: {body}")
    if body is None and not attached:
        raise ImportRefused(f"{path.name} has no text to import (the message is empty).")
    specs = [BlockSpec(b.kind, (body.text[b.start:b.end])) for b in body.blocks] \
        if body is not None else []
    if attached:
        specs += [BlockSpec("heading", "Attachments"),
                  *(BlockSpec("list_item", item) for item in attached)]
    meta = {**(body.meta if body is not None else {}), **{
        k: v for k, v in _details(message).items() if v}}
    return build_article(specs, "email", meta, fallback_title)
