"""Page: the articles in the store; read one with its actors and triggers highlighted; remove one."""

from components.articles_page import render_articles
from components.data_source import resolve_source

render_articles(resolve_source())
