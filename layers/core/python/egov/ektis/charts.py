"""SVG bar charts of a report (A10): one bar per group, drawn by this module with no charting
library (the lock has none, and a horizontal bar chart is a few rectangles and labels).

Horizontal bars keep long district and crop names readable; every bar carries its value as text
and a <title> (shown on hover, read by screen readers); the chart has a <title> and <desc>.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

WIDTH = 760
LABEL_WIDTH = 260
BAR_HEIGHT = 22
GAP = 8
TOP = 56
COLOUR = "#2f6f4e"
MISMATCH_COLOUR = "#b3261e"


def _number(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def bars(
    title: str, description: str, items: list[tuple[str, float]], *, alarm: bool = False
) -> str:
    """A horizontal bar chart of `items` (label, value), largest value filling the width."""
    top = max((value for _, value in items), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 90
    height = TOP + max(1, len(items)) * (BAR_HEIGHT + GAP) + 16
    colour = MISMATCH_COLOUR if alarm else COLOUR
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="16" y="28" font-size="16" font-weight="bold">{escape(title)}</text>',
    ]
    if not items:
        parts.append(f'<text x="16" y="{TOP + 14}">—</text>')
    for row, (label, value) in enumerate(items):
        y = TOP + row * (BAR_HEIGHT + GAP)
        width = max(1.0, span * value / top) if value else 0
        shown = _number(value)
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"><title>{escape(label)}: {shown}</title></rect>',
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{shown}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
