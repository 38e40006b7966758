"""Page: the data dictionary (every CSV download's columns)."""

from components.dictionary_page import render_dictionary

render_dictionary()
