"""Page: add articles to the store (upload files, paste text, or fetch a URL)."""

from components.add_page import render_add
from components.data_source import resolve_source

render_add(resolve_source())
