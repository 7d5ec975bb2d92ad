"""A small rich-text field for the briefing's written parts: bold, italics and lists,
kept as Markdown (what the project stores and the Word briefing reads).

What is typed is handed on (``committed``) when the writer pauses or leaves the field,
each time as one undoable edit of the project.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QTextCharFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.briefing.markdown_text import to_markdown

PAUSE_MS = 1200  # typing stops this long: what was typed is saved
# Ctrl+Shift+8 / Ctrl+Shift+7, as the key arrives with Shift on common layouts.
_LIST_KEYS = {"bullets": (Qt.Key.Key_8, Qt.Key.Key_Asterisk, Qt.Key.Key_ParenLeft),
              "numbers": (Qt.Key.Key_7, Qt.Key.Key_Ampersand, Qt.Key.Key_Slash)}


class MarkdownEdit(QTextEdit):
    """A text field whose formatting keys win over the window's shortcuts while typing."""

    formatKey = Signal(str)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._format_of(event):
            event.accept()  # Ctrl+I here is italics, not File ▸ Import
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = self._format_of(event)
        if name:
            self.formatKey.emit(name)
            return
        super().keyPressEvent(event)

    @staticmethod
    def _format_of(event: QKeyEvent) -> str:
        """The format a key asks for, by the key pressed, not the character it types:
        Shift+8 sends '*' on a US keyboard and '(' on a German one."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        control = Qt.KeyboardModifier.ControlModifier
        if modifiers == control:
            return {Qt.Key.Key_B: "bold", Qt.Key.Key_I: "italic"}.get(Qt.Key(event.key()), "")
        if modifiers == control | Qt.KeyboardModifier.ShiftModifier:
            for name, keys in _LIST_KEYS.items():
                if event.key() in keys:
                    return name
        return ""


class RichField(QWidget):
    """A formatting bar over a text field; ``committed`` carries the Markdown."""

    committed = Signal(str)

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        self.editor = MarkdownEdit(self)
        self.editor.setObjectName(f"{name}Editor")
        self.editor.setAccessibleName(placeholder)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.buttons: dict[str, QToolButton] = {}
        for key, (label, tip) in {"bold": ("B", "Bold (Ctrl+B)"),
                                  "italic": ("I", "Italics (Ctrl+I)"),
                                  "bullets": ("•", "Bulleted list (Ctrl+Shift+8)"),
                                  "numbers": ("1.", "Numbered list (Ctrl+Shift+7)")}.items():
            button = QToolButton(self)
            button.setText(label)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the caret stays in the text
            button.clicked.connect(lambda _=False, k=key: self.apply_format(k))
            bar.addWidget(button)
            self.buttons[key] = button
        bold = self.buttons["bold"].font()
        bold.setBold(True)
        self.buttons["bold"].setFont(bold)
        italic = self.buttons["italic"].font()
        italic.setItalic(True)
        self.buttons["italic"].setFont(italic)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.editor)
        self._saved = ""
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.commit)
        self.editor.textChanged.connect(self._typed)
        self.editor.formatKey.connect(self.apply_format)
        self.editor.installEventFilter(self)
        self._loading = False

    def markdown(self) -> str:
        """What the field says, as Markdown."""
        if not self.editor.toPlainText().strip():
            return ""
        return to_markdown(self.editor.document())

    def set_markdown(self, text: str) -> None:
        """Show stored text (left alone when the field already says it, or when the user
        is typing and the store still says what it said: another edit's reload never
        throws away what was typed)."""
        if text == self._saved and (text == self.markdown() or self._pause.isActive()):
            return
        self._loading = True
        try:
            self.editor.document().setMarkdown(text)
        finally:
            self._loading = False
        self._saved = text
        self._pause.stop()

    def commit(self) -> None:
        """Hand on what was typed, if it changed since it was last saved or shown."""
        self._pause.stop()
        text = self.markdown()
        if text != self._saved:
            self._saved = text
            self.committed.emit(text)

    def apply_format(self, name: str) -> None:
        cursor = self.editor.textCursor()
        if name in ("bold", "italic"):
            current = self.editor.currentCharFormat()
            change = QTextCharFormat()
            if name == "bold":
                bold = current.fontWeight() > QFont.Weight.Normal
                change.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
            else:
                change.setFontItalic(not current.fontItalic())
            cursor.mergeCharFormat(change)
            self.editor.mergeCurrentCharFormat(change)
        else:
            style = QTextListFormat.Style.ListDisc if name == "bullets" \
                else QTextListFormat.Style.ListDecimal
            current_list = cursor.currentList()
            if current_list is not None and current_list.format().style() == style:
                block = cursor.block()
                current_list.remove(block)
                fmt = block.blockFormat()
                fmt.setIndent(0)
                cursor.setBlockFormat(fmt)
            else:
                cursor.createList(style)
        self.editor.setFocus()

    def _typed(self) -> None:
        if not self._loading:
            self._pause.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return super().eventFilter(watched, event)
