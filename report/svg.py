"""Charts as inline SVG, drawn in Python: no JavaScript, no fonts or files from elsewhere.

Two shapes cover the page: horizontal bars (with an optional dashed limit line) and
grouped columns over weeks. Every chart is ``role="img"`` with a ``<title>`` and a
``<desc>`` naming its numbers, every bar has its own ``<title>`` (a tooltip), and all
text is escaped here, so the result is safe to drop into the autoescaped page as Markup.
Each chart's id comes from the caller, so the same report always gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK, MUTED, GRID = "#1f2933", "#52606d", "#d9dee3"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str          # what is written at the end of the bar
    colour: str


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    colour: str


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frame(ident: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
            f'font-family="{FONT}" font-size="13">')
    parts = [head, f'<title id="{ident}-t">{escape(title)}</title>', f'<desc id="{ident}-d">{escape(desc)}</desc>']
    return Markup("\n".join(parts + body + ["</svg>"]))


def hbars(ident: str, title: str, desc: str, bars: list[Bar], *, maximum: float | None = None,
          limit: tuple[float, str] | None = None, label_width: int = 190) -> Markup:
    """One horizontal bar per row; `limit` draws a dashed line (value, caption), e.g. the fatigue threshold."""
    row, top = 30, 12
    height = top + row * max(1, len(bars)) + (34 if limit else 18)
    # Room on the right for the longest value text (about 7 px a character at 13 px).
    plot = WIDTH - label_width - min(240, max(40, 7 * max((len(b.text) for b in bars), default=0) + 12))
    top_value = max([maximum or 0, limit[0] if limit else 0] + [b.value for b in bars]) or 1
    scale = plot / top_value
    body = []
    if not bars:
        body.append(f'<text x="{WIDTH / 2:.0f}" y="{top + 18}" text-anchor="middle" fill="{MUTED}">Nothing to show</text>')
    # Value texts start right of the limit line when bars stop short of it, so the two never cross.
    limit_x = label_width + limit[0] * scale if limit else 0
    for n, bar in enumerate(bars):
        y = top + n * row
        width = max(bar.value * scale, 0)
        text_x = max(label_width + width, limit_x) + 6
        body.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">{escape(_short(bar.label))}</text>')
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="{row - 10}" rx="3" '
                    f'fill="{bar.colour}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>')
        body.append(f'<text x="{text_x:.1f}" y="{y + 17}" fill="{INK}">{escape(bar.text)}</text>')
    axis_y = top + row * max(1, len(bars))
    body.append(f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{axis_y}" stroke="{MUTED}"/>')
    if limit:
        x = limit_x
        anchor = "end" if x > WIDTH - 60 else "middle"
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#b42318" '
                    f'stroke-width="1.5" stroke-dasharray="5 4"/>')
        body.append(f'<text x="{x:.1f}" y="{axis_y + 22}" text-anchor="{anchor}" fill="#b42318">{escape(limit[1])}</text>')
    return _frame(ident, title, desc, height, body)


def columns(ident: str, title: str, desc: str, labels: list[str], series: list[Series]) -> Markup:
    """Grouped columns, one group per label (a week), with a legend and a y-axis."""
    left, right, top, bottom = 44, 12, 34, 46
    height = 260
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value = max([v for s in series for v in s.values] + [1])
    step = max(1, math.ceil(top_value / 4))
    ceiling = step * math.ceil(top_value / step)
    group = plot_w / max(1, len(labels))
    bar_w = min(18.0, group * 0.8 / max(1, len(series)))
    body = []
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - tick / ceiling * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{tick}</text>')
    every = max(1, math.ceil(len(labels) / 8))   # a label fits about every 70 px
    for n, label in enumerate(labels):
        x0 = left + n * group + (group - bar_w * len(series)) / 2
        for k, s in enumerate(series):
            value = s.values[n]
            h = value / ceiling * plot_h
            body.append(f'<rect x="{x0 + k * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 1:.1f}" '
                        f'height="{h:.1f}" fill="{s.colour}"><title>{escape(label)}: {value} {escape(s.name.lower())}'
                        f'</title></rect>')
        if n % every == 0:
            cx = left + n * group + group / 2
            body.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{MUTED}" '
                        f'font-size="11">{escape(label)}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    x = left
    for s in series:
        body.append(f'<rect x="{x}" y="8" width="12" height="12" rx="2" fill="{s.colour}"/>')
        body.append(f'<text x="{x + 17}" y="18" fill="{INK}">{escape(s.name)}</text>')
        x += 30 + 8 * len(s.name)
    return _frame(ident, title, desc, height, body)

