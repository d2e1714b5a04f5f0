"""Draw the app's logos: ``assets/logo.png`` (320×320), ``assets/logo-small.png``
(128×128) and ``assets/logo.svg``, with nothing but :mod:`zlib` and :mod:`struct`.

The mark is a white "escalate" arrow on a rounded Zendesk-kale square. The PNGs are
rendered from the same shapes as the SVG with 4×4 supersampling, and written with
fixed settings, so the same Python/zlib produces the same bytes every time.

Run ``python3 sidebar/make_logos.py`` (or ``python3 -m sidebar.make_logos``).
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "app" / "assets"

BACKGROUND = (0x03, 0x36, 0x3D)  # Zendesk "kale"
FOREGROUND = (0xFF, 0xFF, 0xFF)
CORNER_RADIUS = 18.0  # in the 100×100 design space, as in the SVG
ARROW = [(50, 18), (78, 50), (61, 50), (61, 82), (39, 82), (39, 50), (22, 50)]
SUPERSAMPLE = 4

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <title>Escalation Desk</title>
  <rect width="100" height="100" rx="{CORNER_RADIUS:g}" fill="#{BACKGROUND[0]:02X}{BACKGROUND[1]:02X}{BACKGROUND[2]:02X}"/>
  <path d="M{' L'.join(f'{x} {y}' for x, y in ARROW)} Z" fill="#FFFFFF"/>
</svg>
"""


def in_rounded_square(x: float, y: float, radius: float = CORNER_RADIUS) -> bool:
    if not (0 <= x <= 100 and 0 <= y <= 100):
        return False
    cx = min(max(x, radius), 100 - radius)
    cy = min(max(y, radius), 100 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def in_polygon(x: float, y: float, points: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def render(size: int) -> bytes:
    """RGBA rows, each prefixed with PNG filter type 0."""
    scale = 100.0 / size
    step = 1.0 / SUPERSAMPLE
    offsets = [(i + 0.5) * step for i in range(SUPERSAMPLE)]
    samples = SUPERSAMPLE * SUPERSAMPLE
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            covered = marked = 0
            for oy in offsets:
                y = (py + oy) * scale
                for ox in offsets:
                    x = (px + ox) * scale
                    if in_rounded_square(x, y):
                        covered += 1
                        if in_polygon(x, y, ARROW):
                            marked += 1
            if not covered:
                rows += b"\0\0\0\0"
                continue
            colour = [
                round((marked * fg + (covered - marked) * bg) / covered)
                for fg, bg in zip(FOREGROUND, BACKGROUND)
            ]
            rows += bytes(colour + [round(255 * covered / samples)])
    return bytes(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(render(size), 9))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    assets = Path(args[0]) if args else ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "logo.png").write_bytes(png(320))
    (assets / "logo-small.png").write_bytes(png(128))
    (assets / "logo.svg").write_text(SVG, encoding="utf-8", newline="\n")
    for name in ("logo.png", "logo-small.png", "logo.svg"):
        print(assets / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
