"""Help ▸ About: the version, Python, Qt, and the licences of what the program is built on."""

from __future__ import annotations

import platform
import re
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench import __version__

DISTRIBUTION = "annotation-workbench"


def dependency_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each library the program requires, as installed."""
    try:
        required = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for line in required:
        if "extra ==" in line:
            continue  # the developers' tools
        name = re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue  # (not for this Python)
        found.append((meta["Name"], meta["Version"], _licence(meta)))
    return sorted(set(found), key=lambda f: f[0].casefold())  # (one per Python marker)


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = meta["License-Expression"]
    if expression:
        return str(expression)
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    text = str(meta["License"] or "").strip().splitlines()
    return text[0][:60] if text else "see its package"


def about_text() -> str:
    """The About box's text (rich text)."""
    rows = "".join(f"<tr><td>{n}</td><td>{v}</td><td>{lic}</td></tr>"
                   for n, v, lic in dependency_licences())
    return (f"<h3>Annotation Workbench {__version__}</h3>"
            "<p>Read political and policy texts side by side, tag positions, criticism and "
            "red lines, review them as a team and export Word briefings. Offline; MIT "
            "licence.</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {PySide6.__version__} · {platform.system()} {platform.release()}</p>"
            "<p>Built on:</p><table cellspacing='4'>"
            "<tr><th align='left'>Library</th><th align='left'>Version</th>"
            f"<th align='left'>Licence</th></tr>{rows}</table>")


def show_about(parent: QWidget) -> QMessageBox:
    """The About box (not modal)."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Annotation Workbench", "",
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("aboutBox")
    box.setText(about_text())
    box.setModal(False)
    box.show()
    return box
