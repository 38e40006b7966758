"""Helpers shared by the components' unit tests."""

from __future__ import annotations

from datetime import date

from components.filters import Filters

#: A filter with every field set.
FULL = Filters(
    countries=("USA", "CHN"),
    match="both",
    dyad=("USA", "CHN"),
    date_from=date(2018, 1, 1),
    date_to=date(2024, 12, 31),
    event_types=("AGREE", "SANCTION"),
    quad_classes=("verbal cooperation", "material conflict"),
    include_negated=True,
    include_hypothetical=True,
    min_confidence=0.65,
    text="tariffs & trade, 100%",
    article="2025-04-09-us-china-tariffs",
)


def relation(**values) -> dict:
    row = {
        "doc_id": "d1",
        "doc_title": "T",
        "doc_date": "2016-05-27",
        "doc_url": "",
        "sentence_id": 0,
        "sentence": "",
        "sentence_start": 0,
        "sentence_end": 0,
        "source": "USA",
        "source_text": "",
        "target": "JPN",
        "target_text": "",
        "event_type": "CONSULT",
        "quad_class": "verbal cooperation",
        "intensity": 1.0,
        "trigger": "",
        "event_date": "2016-05-27",
        "date_precision": "day",
        "negated": False,
        "modality": "asserted",
        "confidence": 0.8,
        "origin": "text",
    }
    row.update(values)
    return row


def validate_vega(spec: dict) -> dict:
    """Validate a view's Vega-Lite spec (its datasets hold DataFrames) against the Vega-Lite schema,
    as Altair would; returns the spec with its datasets as records."""
    import json

    import altair as alt

    datasets = {
        name: json.loads(frame.to_json(orient="records", date_format="iso")) for name, frame in spec.get("datasets", {}).items()
    }
    plain = {**spec, "datasets": datasets}
    chart_type = alt.LayerChart if "layer" in plain else alt.Chart
    chart_type.from_dict(plain, validate=True)
    return plain
