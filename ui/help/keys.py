"""Keys that work inside one part of the window (not menu actions): listed once here for
the shortcuts sheet, beside the declared actions it reads from :mod:`ui.actions`."""

from __future__ import annotations

# (where, keys, what they do)
PANE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Reader", "1 / 2 / 3 (a tag's key)", "Tag the selected words with that tag"),
    ("Reader", "Shift+arrows", "Select words to tag"),
    ("Reader", "F2", "Edit the current passage's actor and note"),
    ("Reader", "Delete", "Delete the current passage (undoable)"),
    ("Reader", "Esc", "Back to the review queue, after opening a passage from it"),
    ("Card", "Enter / Esc", "Save the actor and note (Esc with nothing typed: close)"),
    ("Review queue", "J / K", "Next / previous passage (the preview follows)"),
    ("Review queue", "A", "Accept"),
    ("Review queue", "R", "Reject (asks why; optional)"),
    ("Review queue", "C", "Request changes (asks what)"),
    ("Review queue", "M", "Comment"),
    ("Review queue", "S", "Submit"),
    ("Review queue", "Enter", "Open the passage in the reader"),
    ("Review queue filter", "Down", "Into the list"),
    ("Reason or comment box", "Tab / Ctrl+Enter", "Next control / confirm"),
    ("Conflicts", "O / T / B", "Keep ours / theirs / both"),
)
