"""The data dictionary: every CSV the dashboard offers, and what each of its columns holds.

One entry per download (the ``view`` part of the file name, :func:`components.downloads.download_name`).
Column names with ``{unit}`` say ``mentions`` or ``events``, as the user counts. The Data dictionary
page shows it (one section per file, linked from each download button), and
:func:`dictionary_markdown` writes the same text for the README. A unit test checks that every
download's columns are here, in order. Pure, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dyads import QUAD_COLUMNS


@dataclass(frozen=True)
class Column:
    name: str  # may hold "{unit}"
    meaning: str
    optional: bool = False  # only in some files (a store's review columns, GDELT rows, events)


@dataclass(frozen=True)
class CsvFile:
    view: str  # the file name's first part: "<view>_<filter>.csv"
    title: str
    about: str
    columns: tuple[Column, ...]

    def names(self, unit: str = "mentions") -> list[str]:
        return [c.name.format(unit=unit) for c in self.columns]


_UNIT = "{unit}: how many mentions (rows of the relation table) or events (mentions grouped across articles), as the sidebar's Count says"
_MEAN = "mean PLOVER intensity (−10 most conflictual .. +10 most cooperative) of the counted rows that are neither negated nor hypothetical; empty when none is"
_QUADS = tuple(
    Column(column, f"how many of them are {quad}") for quad, column in QUAD_COLUMNS.items()
)
_DYAD = (
    Column("source", "actor code of the acting side"),
    Column("target", "actor code of the side acted upon"),
    Column("{unit}", _UNIT),
    Column("articles", "distinct articles they come from"),
    Column("mean_intensity", _MEAN),
    *_QUADS,
    Column("top_event_types", "the three most frequent PLOVER event types with their counts, e.g. `CONSULT 12, AGREE 5`"),
)
_SPREAD = Column(
    "{unit}_spread",
    "the shares of rows dated only to a month or a year whose period spans several bins: each counts "
    "1/k in each of its k bins (a year-dated row adds 1/12 to each month) instead of all on its first day",
)
_PERIOD = (
    Column("period_start", "first day of the time bin (ISO date)"),
    Column("period_end", "last day of the time bin"),
    Column("bin", "the bin size: `week` (Monday to Sunday), `month`, `quarter` or `year`, chosen by the span of the dates shown"),
)
_RELATION = (
    Column("doc_id", "the article's id"),
    Column("doc_title", "the article's title"),
    Column("doc_date", "the article's publication date (ISO), or empty"),
    Column("doc_url", "the article's URL, or empty"),
    Column("sentence_id", "the evidence sentence's number in the article (from 0)"),
    Column("sentence", "the evidence sentence"),
    Column("sentence_start", "character offset of the sentence in the article text"),
    Column("sentence_end", "character offset just after the sentence"),
    Column("source", "actor code of the acting side"),
    Column("source_text", "the words that named it (\"Tokyo\", \"the two sides\")"),
    Column("target", "actor code of the side acted upon"),
    Column("target_text", "the words that named it"),
    Column("event_type", "PLOVER event type (AGREE, CONSULT, …, ASSAULT)"),
    Column("quad_class", "verbal or material cooperation or conflict"),
    Column("intensity", "the event type's intensity on −10..+10"),
    Column("trigger", "the word(s) that carry the event"),
    Column("event_date", "ISO date of the event: the first day of the month or year when `date_precision` is coarser"),
    Column("date_precision", "`day`, `month`, `year`, or `doc` (the article's date stands in)"),
    Column("negated", "True when the text says it did not happen"),
    Column("modality", "`asserted`, `intended` or `hypothetical`"),
    Column("confidence", "0..1, from how directly the roles were found"),
    Column("origin", "`text` (extracted) or `gdelt` (imported from a GDELT export)", optional=True),
    Column("gdelt_num_mentions", "a GDELT row's NumMentions (empty for text rows)", optional=True),
    Column("gdelt_num_articles", "a GDELT row's NumArticles (empty for text rows)", optional=True),
    Column("relation_id", "the mention's id in the store (for `python -m extraction review`)", optional=True),
    Column("review_status", "an analyst's verdict: empty, `confirmed`, `fixed`, `rejected` or `added`", optional=True),
)
_EVENT = (
    Column("event_id", "the event the mention belongs to: `SOURCE>TARGET:TYPE:first date`", optional=True),
    Column("num_articles", "articles that report the event (GDELT rows: their NumArticles)", optional=True),
    Column("num_mentions", "mentions of the event (GDELT rows: their NumMentions)", optional=True),
)

FILES: tuple[CsvFile, ...] = (
    CsvFile(
        "mentions",
        "Mentions",
        "Every mention that passes the filter, all columns of the relation table (the table shows the first rows).",
        _RELATION,
    ),
    CsvFile(
        "events",
        "Events",
        "With Count = Events: one row per event, its most confident mention, with the event's counts.",
        _RELATION + _EVENT,
    ),
    CsvFile("dyads", "Dyad summary", "One row per directed pair (source → target): the dyad matrix.", _DYAD),
    CsvFile(
        "network_edges",
        "Network edges",
        "The dyad summary without self-loops (source = target): the network's arrows.",
        _DYAD,
    ),
    CsvFile(
        "map_arcs",
        "Map arcs",
        "The network edges between actors with map coordinates, with both ends' capitals.",
        (
            *_DYAD,
            Column("source_lat", "latitude of the source's capital (degrees)"),
            Column("source_lon", "longitude of the source's capital"),
            Column("target_lat", "latitude of the target's capital"),
            Column("target_lon", "longitude of the target's capital"),
        ),
    ),
    CsvFile(
        "timeline",
        "Timeline series",
        "Counts per time bin and quad class (the bars of the first timeline).",
        (*_PERIOD, Column("quad_class", "verbal or material cooperation or conflict"), Column("{unit}", _UNIT + ", dated within the bin"), _SPREAD),
    ),
    CsvFile(
        "timeline_intensity",
        "Mean intensity series",
        "The mean intensity per time bin, one series per chosen dyad (or `All dyads`).",
        (
            *_PERIOD,
            Column("dyad", "`SOURCE → TARGET`, or `All dyads`"),
            Column("{unit}", _UNIT + ", dated within the bin"),
            _SPREAD,
            Column("mean_intensity", _MEAN + "; a coarse-dated row weighs its share"),
        ),
    ),
)
BY_VIEW: dict[str, CsvFile] = {f.view: f for f in FILES}
#: The README section and the page's title.
TITLE = "Data dictionary"


def anchor(view: str) -> str:
    """The section anchor of a file on the Data dictionary page (``csv-map-arcs``)."""
    return "csv-" + view.replace("_", "-")


def documented(view: str, columns: Sequence[str], unit: str = "mentions") -> bool:
    """Whether ``columns`` are the file's documented ones, in order (optional ones may be absent)."""
    entry = BY_VIEW.get(view)
    if entry is None:
        return False
    known = [(c.name.format(unit=unit), c.optional) for c in entry.columns]
    required = [name for name, optional in known if not optional]
    order = [name for name, _ in known]
    return (
        set(required) <= set(columns)
        and set(columns) <= set(order)
        and [c for c in order if c in set(columns)] == list(columns)
    )


def dictionary_markdown(level: int = 3) -> str:
    """The dictionary as Markdown: one section per file, a table of its columns."""
    hashes = "#" * level
    parts = []
    for entry in FILES:
        parts.append(f"{hashes} `{entry.view}_<filter>.csv`: {entry.title}\n\n{entry.about}\n")
        parts.append("| column | meaning |\n|---|---|")
        for column in entry.columns:
            note = " (only in some files)" if column.optional else ""
            parts.append(f"| `{column.name.replace('{unit}', '<unit>')}` | {column.meaning.replace('{unit}', '<unit>')}{note} |")
        parts.append("")
    return "\n".join(parts)
