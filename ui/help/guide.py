"""Help ▸ User Guide: the README's sections on using the program, shown in the window,
offline (from the installed source tree: `make run` installs it in place)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

README = Path(__file__).resolve().parents[2] / "README.md"
USING = ("## Working in the window", "## Review", "## Team work", "## Nothing lost",
         "## Exports")


def guide_markdown(readme: Path = README) -> str:
    """The using sections of the README, in their order ('' when it is not there)."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return ""
    sections: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = [] if line.strip() in USING else None
            if current is not None:
                sections.append(current)
        if current is not None:
            current.append(line)
    return "\n\n".join("\n".join(s) for s in sections)


class GuideDialog(QDialog):
    """The guide, readable and searchable with Ctrl+F of the text browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("User Guide")
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setAccessibleName("User guide")
        self.text.setOpenExternalLinks(True)
        guide = guide_markdown()
        self.text.setMarkdown(guide or "The guide (README.md) is not installed with this copy "
                              "of the program; it is in the program's source folder.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 700)
