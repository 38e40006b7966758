"""Drawing helpers shared by the views."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize


def draw_altair(chart: alt.TopLevelMixin, *, key: str, width: Any = "stretch") -> None:
    """Draw an Altair chart as its Vega-Lite spec.

    The spec is built without Altair's JSON-schema validation (the charts are fixed and
    validated by the unit tests; validating on every rerun costs ~30 ms a chart) and
    without Altair's 5,000-row guard (the views pass aggregated data only).
    """
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict(validate=False)
    st.vega_lite_chart(spec=spec, key=key, width=width)


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` serialised without indentation.

    pydeck indents its JSON, which makes Python's ``json`` fall back to its pure-Python
    encoder; the country outlines then take ~150 ms to encode on every rerun. Without
    indentation the C encoder does it in a few milliseconds. Same JSON otherwise.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)
