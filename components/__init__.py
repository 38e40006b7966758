"""The dashboard: pure data modules, the views that draw them, and the pages that compose the views.

* Pure modules (no Streamlit) compute each view's data, so a view's CSV download is exactly
  that DataFrame: ``prepare``, ``filters``, ``query``, ``filter_state``, ``events``,
  ``aggregate``, ``dyads``, ``network``, ``timeline``, ``headline``, ``geometry``,
  ``map_data``, ``table_rows``, ``evidence``, ``markup``, ``article_list``, ``add_checks``,
  ``downloads``, ``actors``, ``scale``, ``memory``, ``access`` (who may write), ``review_data``;
  ``relation_sql`` and ``event_sql`` write the dashboard's questions as DuckDB SQL (the filter,
  the mention cube, articles per dyad, a page of rows, events). The data modules take rows or
  the mention cube alike (a cube row stands for ``_rows`` mentions).
* Views (``*_view.py``, ``sidebar``) each draw one thing with Streamlit; a view imports data
  modules and the shared helpers in ``ui`` (also the write gate of the pages), never another view.
  A page hands a view what it needs to act (the review buttons of ``review_view`` get an
  ``on_review`` callback; the table view draws the page's actions under the selected row's evidence).
* ``data_source`` reads files (the relation store or a table, the actor table, the country
  outlines) and caches the reads; with it, ``query_source`` (the relation as DuckDB reads it:
  the store, a CSV/Parquet table, a Parquet dataset) and ``view_data`` (the dashboard page's
  queries, cached on the source's version and the filter): only aggregates and one page of
  rows cross into Python.
* Pages (``dashboard_page``, ``articles_page``, ``add_page``, run by the scripts in
  ``pages/``) compose the views over the frames ``data_source`` hands them.

Words: a row of the relation table is an event *mention* (the GDELT/ICEWS term); an *event*
groups the mentions of one happening (:mod:`components.events`). The views count mentions, or
events when the user asks; their count columns are named ``mentions`` or ``events``
accordingly. ``mean_intensity`` is the mean PLOVER intensity (-10..+10) of the rows counted.
"""
