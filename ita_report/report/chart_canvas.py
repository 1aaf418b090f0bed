"""Where charts.py's figures come from and how they become SVG, cheaply (issue 22).

A batch worker draws three charts for each of 8,300 agencies. Two things matplotlib does anew
for every chart cost most of that time and are done once here instead:

- Text metrics. matplotlib caches the size of a laid-out text per renderer, and a new
  renderer is made for every save, so every label was shaped again for every chart. Our SVG
  canvas's renderer asks one cache per process: the same label in the same font has the same
  size in every chart (sizes in points; the SVG renderer always works at 72 dpi).
- Figures and axes. Building an Axes (its axis, spines, ticks) was ~5 ms a chart; a figure
  returned by :func:`release` is emptied of what its chart added and handed out again by
  :func:`figure` for the next chart of the same kind. Only a released figure is reused: one
  still held by a caller is never touched. What depends on the target alone (the scale, the
  target line and label, the legend) stays in a refilled figure while the target and digits
  stay the same (:func:`fixed_parts`).
"""

from __future__ import annotations

import codecs
import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Bbox

_TEXT_TO_PATH = TextToPath()


@functools.lru_cache(maxsize=8192)
def _text_metrics(text: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
    # ``prop`` is a copy (FontProperties hash by their mutable state): a later change to the
    # text's own properties cannot alter a cached key.
    width, height, descent = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath)
    return width, height, descent


class _Renderer(RendererSVG):
    """matplotlib's SVG renderer, asking the process's cache for text sizes."""

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        return _text_metrics(s, prop.copy(), ismath)


class SvgCanvas(FigureCanvasSVG):
    """``savefig(format="svg")`` as matplotlib's own (``FigureCanvasSVG.print_svg``), with
    :class:`_Renderer`; other formats switch to their own canvas as usual."""

    def print_svg(
        self,
        filename: Any,
        *,
        bbox_inches_restore: Any = None,
        metadata: Any = None,
        **_ignored: Any,  # dpi, facecolor...: what print_figure passes every renderer
    ) -> None:
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as opened:
            fh: Any = opened
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            svg: Any = _Renderer(  # type: ignore[no-untyped-call]
                width * 72, height * 72, fh, image_dpi=dpi, metadata=metadata
            )
            renderer: Any = MixedModeRenderer(  # type: ignore[no-untyped-call]
                self.figure, width, height, dpi, svg, bbox_inches_restore=bbox_inches_restore
            )
            self.figure.draw(renderer)
            renderer.finalize()


#: Released figures by kind, ready to be refilled; and the kind of every figure handed out.
_FREE: dict[str, list[Figure]] = {}
_KIND: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()
#: Figures kept per kind: one is enough for a worker (it draws a chart, saves it, releases it).
_KEEP = 2


def figure(kind: str | None, width: float, height: float) -> Figure:
    """A figure of ``width`` x ``height`` inches with one Axes, empty: a released one of this
    ``kind`` if there is one, else a new one (made in the caller's rc context). A figure of
    no ``kind`` is always new and never kept (a chart that sets up its axes its own way)."""
    free = _FREE.get(kind) if kind is not None else None
    if free:
        fig = free.pop()
        fig.set_size_inches(width, height)
    else:
        # A bare Figure (not pyplot.figure) is never registered with pyplot's global list.
        fig = Figure(figsize=(width, height))
        SvgCanvas(fig)
        fig.add_subplot()
    if kind is not None:
        _KIND[fig] = kind
    return fig


def release(fig: Figure) -> bool:
    """Empty ``fig`` and keep it for the next chart of its kind; False for a figure not made
    by :func:`figure` (or released already), which the caller frees its own way."""
    kind = _KIND.pop(fig, None)
    if kind is None:
        return False
    _empty(fig)
    free = _FREE.setdefault(kind, [])
    if len(free) < _KEEP:
        free.append(fig)
    return True


def forget() -> None:
    """Drop every kept figure (tests: a fresh process's state)."""
    _FREE.clear()


def fixed_parts(owner: Any, key: Hashable, make: Callable[[], list[Any]]) -> None:
    """The parts of a chart that depend on ``key`` alone (the scale, the target line and its
    label, the legend: the same for every agency with the same target), made by ``make``
    once and kept on ``owner`` (its Axes or Figure) while the figure is refilled; made anew,
    the old ones removed, when ``key`` changes."""
    if getattr(owner, "_ita_fixed_key", None) == key:
        return
    for artist in getattr(owner, "_ita_fixed_parts", ()):
        artist.remove()
    owner._ita_fixed_parts = []  # a partial make must not leave a stale key behind
    owner._ita_fixed_key = None
    owner._ita_fixed_parts = make()
    owner._ita_fixed_key = key


def _fixed(owner: Any) -> list[Any]:
    return list(getattr(owner, "_ita_fixed_parts", ()))


def _empty(fig: Figure) -> None:
    # Everything this agency's chart added: texts, bars, hatching, lines, notes; the axes
    # themselves, their spines and settings stay, and so do the fixed parts (fixed_parts).
    for ax in fig.axes:
        keep = {id(artist) for artist in _fixed(ax)}
        for artist in [*ax.texts, *ax.patches, *ax.collections, *ax.lines, *ax.artists]:
            if id(artist) not in keep:
                artist.remove()
        ax.containers.clear()
        if not keep:
            ax.set_xlabel("")
        ax.set_ylabel("")
        ax.dataLim.set(Bbox.null())
        ax.ignore_existing_data_limits = True
    fig.texts.clear()
    keep = {id(artist) for artist in _fixed(fig)}
    fig.legends[:] = [legend for legend in fig.legends if id(legend) in keep]
    fig.set_label("")
