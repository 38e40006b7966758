"""The map as a PNG: the scene drawn at its default view with its legend, whatever the title holds."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from components.filters import Filters, apply_filters
from components.map_data import actor_activity, map_arcs, map_scene
from components.map_png import SCALE, map_png, png_size

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def scene(rel: pd.DataFrame, locations: pd.DataFrame):
    view = apply_filters(rel, Filters())
    geo = (ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8")
    activity = actor_activity(view, locations)
    return map_scene(map_arcs(view, locations), activity, geo, highlight=tuple(activity["actor"]))


def test_the_png_is_the_default_view_at_twice_its_pixels(scene) -> None:
    data = map_png(scene, title="Who did what to whom: mentions", note="38 mentions")
    assert png_size(data) == (scene.view.width * SCALE, scene.view.height * SCALE)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    assert len(colours) > 500  # ocean, land, arcs, markers, text, the legend's gradient
    x, y = scene.view.pixel(*next(a for a in scene.actors if a["actor"] == "USA")["position"])
    assert image.getpixel((round(x * SCALE), round(y * SCALE))) != (235, 242, 248)  # a marker, not the ocean


def test_hostile_titles_are_only_text(scene) -> None:
    data = map_png(scene, title="<script>alert(1)</script> \u202e\x00 " + "x" * 500, note="\n\n")
    assert png_size(data)[0] == scene.view.width * SCALE


def test_png_size_refuses_other_files() -> None:
    with pytest.raises(ValueError):
        png_size(b"GIF89a")


@pytest.mark.parametrize(
    ("text", "line"),
    [("a\nb\r\nc", "a b c"), ("\x00tab\there", "tab here"), ("x" * 300, "x" * 159 + "…"), ("  ", ""), (None, "None")],
)
def test_plain_text(text, line: str) -> None:
    from components.map_png import plain

    assert plain(text) == line
