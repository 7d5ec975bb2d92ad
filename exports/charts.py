"""Charts of the actor-stance picture, as PNG (for Word) or SVG: the red lines of each
actor over time, and the matrix of actors by tags.  Drawn through matplotlib's object
API (a ``Figure`` of its own on an Agg canvas, never pyplot's shared state), so the
window's thread and an export's may draw at once; every mark also differs in shape
or text, not only in colour."""

from __future__ import annotations

import io
import threading
from datetime import date
from typing import TYPE_CHECKING, Literal

from workbench.briefing.matrix import StanceMatrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Format = Literal["png", "svg"]
_LOADING = threading.Lock()
RED = "#B91C1C"
INK = "#1F2430"


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of its own with one set of axes (matplotlib is loaded on the first chart:
    it takes a third of a second, and most sessions draw none)."""
    with _LOADING:  # two threads importing matplotlib at once can see it half loaded
        import matplotlib.dates
        import matplotlib.patches  # noqa: F401
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)  # draws off-screen; nothing global is touched
    return figure, figure.add_subplot()


def _saved(figure: Figure, fmt: Format) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format=fmt, dpi=200, bbox_inches="tight")
    return out.getvalue()


def timeline_chart(matrix: StanceMatrix, fmt: Format = "png") -> bytes:
    """Each actor's red lines on a line of its own, at their articles' dates."""
    actors = list(dict.fromkeys(p.actor for p in matrix.timeline))
    figure, axes = _figure(6.3, 0.45 * max(len(actors), 2) + 1.1)
    import matplotlib.dates as mdates  # (loaded by _figure)
    if not actors:
        axes.text(0.5, 0.5, "No dated red lines", ha="center", va="center", color=INK)
        axes.set_axis_off()
        return _saved(figure, fmt)
    rows = {name: n for n, name in enumerate(reversed(actors))}
    dates = [float(mdates.date2num(date.fromisoformat(p.date)))  # type: ignore[no-untyped-call]
             for p in matrix.timeline]
    axes.scatter(dates, [rows[p.actor] for p in matrix.timeline], marker="D", s=36,
                 color=RED, edgecolors=INK, linewidths=0.6, zorder=3)
    axes.set_yticks(range(len(actors)), list(reversed(actors)), fontsize=8, color=INK)
    axes.grid(axis="y", color="#D0D4DC", linewidth=0.6)
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.tick_params(axis="x", labelsize=8, colors=INK)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(set(dates)) == 1:
        axes.set_xlim(dates[0] - 15, dates[0] + 15)
    axes.set_title("Red lines by actor, by the articles' dates", fontsize=9, color=INK, loc="left")
    return _saved(figure, fmt)


def matrix_chart(matrix: StanceMatrix, fmt: Format = "png") -> bytes:
    """The matrix as a chart: each cell's count and newest date, shaded in its tag's colour
    by how many passages it holds."""
    rows, columns = len(matrix.actors), len(matrix.tags)
    figure, axes = _figure(1.4 + 1.5 * max(columns, 1), 0.42 * max(rows, 1) + 0.9)
    from matplotlib.patches import Rectangle  # (loaded by _figure)
    most = max((c.count for c in matrix.cells.values()), default=1)
    for r, (actor_id, _) in enumerate(matrix.actors):
        for c, tag in enumerate(matrix.tags):
            cell = matrix.cell(actor_id, tag.id)
            if cell is None:
                continue
            axes.add_patch(Rectangle(
                (c, rows - r - 1), 1, 1, color=tag.color, alpha=0.15 + 0.6 * cell.count / most))
            axes.text(c + 0.5, rows - r - 0.5, f"{cell.count}\n{cell.newest}", ha="center",
                      va="center", fontsize=7, color=INK)
    axes.set_xlim(0, max(columns, 1))
    axes.set_ylim(0, max(rows, 1))
    axes.set_xticks([c + 0.5 for c in range(columns)], [t.name for t in matrix.tags], fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks([rows - r - 0.5 for r in range(rows)], [n for _, n in matrix.actors],
                    fontsize=8)
    axes.tick_params(length=0, colors=INK)
    for spine in axes.spines.values():
        spine.set_visible(False)
    return _saved(figure, fmt)
