"""The map as a PNG file: the scene of :func:`components.map_data.map_scene` drawn with Pillow at its
default view, with the legend, a title and the outlines' source. What the map's "Download map
(PNG)" button holds; like the Vega charts' PNG export, but built on the server, so it needs no
script in the page and looks the same in every browser. Pure, no Streamlit.
"""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw, ImageFont

from .map_data import MapScene
from .scale import STOPS, intensity_rgb

#: Pixels per map pixel: drawn at twice the size for sharp lines and text.
SCALE = 2
OCEAN = (235, 242, 248)
LAND = (250, 250, 247)
ACTOR_LAND = (228, 226, 240)
BORDER = (160, 160, 160)
ATTRIBUTION = "Country outlines: Natural Earth (public domain)"


def _font(size: float) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size * SCALE)


def _xy(scene: MapScene, lon: float, lat: float) -> tuple[float, float]:
    x, y = scene.view.pixel(lon, lat)
    return x * SCALE, y * SCALE


def _polygons(draw: ImageDraw.ImageDraw, scene: MapScene, features: list, fill, outline) -> None:
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon[:1]:
                points = [_xy(scene, x, y) for x, y in ring]
                if len(points) >= 3:
                    draw.polygon(points, fill=fill, outline=outline, width=SCALE // 2 or 1)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: object, limit: int = 160) -> str:
    """One line of text for the image: control characters and line breaks become spaces; cut at ``limit``."""
    line = " ".join(_CONTROL.sub(" ", str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, *, size: float, anchor: str, fill=(30, 30, 30)):
    draw.text(xy, plain(text), font=_font(size), fill=fill, anchor=anchor, stroke_width=3, stroke_fill=(255, 255, 255))


_ANCHORS = {("start", "center"): "lm", ("end", "center"): "rm", ("middle", "bottom"): "mb", ("middle", "top"): "mt"}


def _legend(draw: ImageDraw.ImageDraw, scene: MapScene, height: int) -> None:
    """Bottom left: the intensity colours, what width and size mean, the callout line."""
    x0, y0 = 12 * SCALE, height - 112 * SCALE
    draw.rounded_rectangle(
        [x0, y0, x0 + 250 * SCALE, height - 12 * SCALE], radius=6 * SCALE, fill=(255, 255, 255, 225), outline=(200, 200, 200)
    )
    _text(draw, (x0 + 10 * SCALE, y0 + 8 * SCALE), "Arc and marker colour: mean intensity", size=11, anchor="lt")
    bar_x, bar_y, bar_w = x0 + 10 * SCALE, y0 + 26 * SCALE, 200 * SCALE
    lo, hi = STOPS[0][0], STOPS[-1][0]
    for k in range(bar_w):
        draw.line([bar_x + k, bar_y, bar_x + k, bar_y + 10 * SCALE], fill=intensity_rgb(lo + (hi - lo) * k / bar_w))
    for value in (-10, 0, 10):
        x = bar_x + (value - lo) / (hi - lo) * bar_w
        _text(draw, (x, bar_y + 13 * SCALE), f"{value:+d}" if value else "0", size=10, anchor="mt")
    _text(draw, (bar_x, bar_y + 29 * SCALE), "conflict ← → cooperation", size=10, anchor="lt", fill=(90, 90, 90))
    _text(
        draw,
        (bar_x, bar_y + 45 * SCALE),
        f"Arc width and marker size: {scene.unit}",
        size=10,
        anchor="lt",
        fill=(60, 60, 60),
    )
    _text(draw, (bar_x, bar_y + 61 * SCALE), "Thin line: marker moved aside from the capital", size=10, anchor="lt", fill=(60, 60, 60))


def map_png(scene: MapScene, *, title: str = "", note: str = "") -> bytes:
    """The scene at its default view as PNG bytes (twice the view's pixels), with ``title`` at the
    top, the legend at the bottom left and ``note`` and the outlines' source at the bottom right."""
    width, height = scene.view.width * SCALE, scene.view.height * SCALE
    image = Image.new("RGBA", (width, height), (*OCEAN, 255))
    draw = ImageDraw.Draw(image, "RGBA")
    _polygons(draw, scene, scene.features, LAND, BORDER)
    _polygons(draw, scene, scene.actor_features, ACTOR_LAND, (120, 120, 140))
    for arc in scene.arcs:
        points = [_xy(scene, x, y) for x, y in arc["path"]]
        draw.line(points, fill=tuple(arc["color"]), width=max(1, round(arc["width"] * SCALE)), joint="curve")
    for leader in scene.leaders:
        draw.line([_xy(scene, *leader["path"][0]), _xy(scene, *leader["path"][1])], fill=(90, 90, 90, 220), width=SCALE)
        cx, cy = _xy(scene, *leader["path"][1])
        draw.ellipse([cx - 3 * SCALE, cy - 3 * SCALE, cx + 3 * SCALE, cy + 3 * SCALE], fill=(60, 60, 60, 255))
    for actor in scene.actors:
        cx, cy = _xy(scene, *actor["position"])
        r = actor["radius"] * SCALE
        ring = max(1, round(actor["ring_width"] * SCALE))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(actor["color"]), outline=tuple(actor["ring"]), width=ring)
    for actor in scene.actors:
        cx, cy = _xy(scene, *actor["position"])
        dx, dy = actor["offset"]
        anchor = _ANCHORS.get((actor["anchor"], actor["baseline"]), "mm")
        _text(draw, (cx + dx * SCALE, cy + dy * SCALE), actor["actor"], size=13, anchor=anchor)
    if title:
        _text(draw, (12 * SCALE, 10 * SCALE), title, size=14, anchor="lt")
    _legend(draw, scene, height)
    foot = " · ".join(part for part in (note, ATTRIBUTION) if part)
    _text(draw, (width - 10 * SCALE, height - 8 * SCALE), foot, size=9, anchor="rb", fill=(90, 90, 90))
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of PNG bytes, read from the header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")

