"""The relations dashboard: map, network, timeline, dyad matrix and table over a relation table,
plus pages to list, read, add and remove articles.

Run:  streamlit run app.py                       (the relation store, data/store/relations.duckdb;
                                                  filled from the demo corpus on the first start)
      streamlit run app.py -- --db PATH          (another store; or RELDASH_DB=PATH)
      streamlit run app.py -- --data PATH        (a CSV or Parquet relation table, read-only;
                                                  or RELDASH_DATA=PATH)

This file only wires things: page setup and navigation. The pages live in components/pages/
and draw themselves with components/dashboard.py, components/articles_view.py and
components/add_view.py; the source of the relations (the store, or a table) and the cached
reads are in components/data_source.py.
"""

from __future__ import annotations

import streamlit as st

from components.filter_state import widget_keys
from components.memory import trim_if_large
from components.review_view import RAW_KEY, REVIEWER_KEY

PAGES = "components/pages"
#: Dashboard widgets whose values survive a visit to another page (Streamlit drops the state
#: of widgets that a run does not draw, unless it is saved again at the start of every run).
KEPT_WIDGETS = (
    *widget_keys("filter").values(),
    "matrix_metric",
    "playback_step",
    "playback_speed",
    REVIEWER_KEY,
    RAW_KEY,
)


def keep_widget_state() -> None:
    for key in KEPT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def main() -> None:
    st.set_page_config(page_title="Relations dashboard", layout="wide")
    trim_if_large()  # hand back what earlier reruns freed, so memory stays bounded
    keep_widget_state()
    page = st.navigation(
        [
            st.Page(f"{PAGES}/dashboard.py", title="Dashboard", default=True),
            st.Page(f"{PAGES}/articles.py", title="Articles", url_path="articles"),
            st.Page(f"{PAGES}/add_articles.py", title="Add articles", url_path="add"),
            st.Page(f"{PAGES}/dictionary.py", title="Data dictionary", url_path="dictionary"),
        ]
    )
    page.run()  # each page opens the store; the first start fills it from the demo corpus, with a progress bar


if __name__ == "__main__":
    main()
