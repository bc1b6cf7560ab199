"""Render resources/icons/clustermanager.svg into the icons the systems need.

    python installers/make_icons.py

Writes resources/icons/clustermanager-<size>.png (16 to 1024 px), clustermanager.ico (Windows: 16-256
px) and clustermanager.icns (macOS: 16-1024 px). Each size is rendered from the SVG by Qt's
QSvgRenderer (offscreen), not scaled down from a large bitmap, so small sizes stay sharp. Pillow writes
the .ico and .icns. Re-run it after editing the SVG and commit the results.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "clustermanager.svg"
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]


def render(size: int):
    """The SVG at `size` x `size` pixels, as a Pillow RGBA image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    import io

    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(size) for size in PNG_SIZES}
    for size, image in images.items():
        image.save(ICONS / f"clustermanager-{size}.png", optimize=True)
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "clustermanager.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    biggest = images[max(ICNS_SIZES)]
    biggest.save(ICONS / "clustermanager.icns", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    for path in sorted(ICONS.glob("clustermanager*")):
        print(f"{path.relative_to(ICONS.parent.parent)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
