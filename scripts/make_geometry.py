"""Build data/geo/countries.geojson from Natural Earth's 1:110m countries (public domain).

The shapefile is the ``naturalearth_lowres`` copy shipped inside the geopandas 0.14.4
wheel (``geopandas/datasets/naturalearth_lowres/*``), read straight from the zip with
pure-Python pyshp. Coordinates are rounded to 2 decimals (about 1 km, far below the
110m data's own precision), Antarctica is dropped (it cannot be drawn in Web Mercator
and is not part of the region), and latitudes are clamped to +-85.

    python scripts/make_geometry.py                       # downloads the wheel with pip
    python scripts/make_geometry.py --wheel /tmp/gpd/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.geojson"
#: Natural Earth leaves ISO_A3 as -99 for a few countries; fix the ones we know.
ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}
DROP = {"Antarctica"}
MAX_LAT = 85.0
MAX_BYTES = 1_000_000


def fetch_wheel(directory: Path) -> Path:
    """Download the geopandas wheel with pip (no dependencies) into ``directory``."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL, "-d", str(directory)],
        check=True,
    )
    wheels = sorted(directory.glob("geopandas-0.14.4-*.whl"))
    if not wheels:
        raise SystemExit(f"pip did not download {WHEEL}")
    return wheels[0]


def _ring(points: list[list[float]] | list[tuple[float, ...]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y, *_ in points:
        point = [round(float(x), digits), round(max(-MAX_LAT, min(MAX_LAT, float(y))), digits)]
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] != out[-1]:
        out.append(out[0])
    return out


def read_countries(wheel: Path, digits: int = 2) -> dict:
    """The countries of the wheel's shapefile as a GeoJSON FeatureCollection."""
    with zipfile.ZipFile(wheel) as archive:
        parts = {ext: io.BytesIO(archive.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = archive.read(f"{MEMBER}.cpg").decode("ascii").strip() or "utf-8"
    encoding = {"1252": "cp1252", "ISO-8859-1": "latin-1"}.get(encoding, encoding)
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=encoding)
    features = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        props = record.as_dict()
        name = str(props["name"])
        if name in DROP:
            continue
        iso = str(props["iso_a3"])
        iso = ISO_FIXES.get(name, iso) if iso == "-99" else iso
        geo = shape.__geo_interface__
        polygons = [geo["coordinates"]] if geo["type"] == "Polygon" else list(geo["coordinates"])
        cleaned = []
        for polygon in polygons:
            rings = [_ring(ring, digits) for ring in polygon]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                cleaned.append(rings)
        if not cleaned:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_a3": iso, "continent": str(props["continent"])},
                "geometry": {"type": "MultiPolygon", "coordinates": cleaned},
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_a3"])
    return {
        "type": "FeatureCollection",
        "name": "countries",
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), "
        "via the naturalearth_lowres dataset of the geopandas 0.14.4 wheel",
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", type=Path, help="the geopandas 0.14.4 wheel (downloaded with pip if omitted)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--digits", type=int, default=2, help="decimals kept in coordinates")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        collection = read_countries(wheel, args.digits)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"
    if len(text.encode()) > MAX_BYTES:
        raise SystemExit(f"geometry is {len(text.encode()):,} bytes, over {MAX_BYTES:,}: use fewer --digits")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(collection['features'])} countries, {len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
