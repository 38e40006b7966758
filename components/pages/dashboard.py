"""Page: the dashboard (map, network, timeline, dyad matrix, table)."""

from components.dashboard_page import render_dashboard
from components.data_source import resolve_source

render_dashboard(resolve_source())
