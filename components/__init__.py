"""Dashboard views and the pure helpers behind them.

Each view module has one ``render_*`` function (Streamlit UI) and pure functions that
compute the view's data, so that a view's CSV download is exactly that DataFrame.
View components never load data: ``data_source.py`` reads and caches (the relation store,
or a plain table), the page modules (``dashboard.py``, ``articles_view.py``,
``add_view.py``, run by the scripts in ``pages/``) pass frames in.
"""
