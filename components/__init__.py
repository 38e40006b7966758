"""Dashboard views and the pure helpers behind them.

Each view module has one ``render_*`` function (Streamlit UI) and pure functions that
compute the view's data, so that a view's CSV download is exactly that DataFrame.
Components never load data: ``app.py`` loads and caches, then passes frames in.
"""
