"""Counting events: mentions grouped across articles, negated and hypothetical ones apart, GDELT's own counts."""

from __future__ import annotations

import pandas as pd

from components.events import event_ids, event_rows
from tests.components.helpers import relation


def test_events_group_mentions_across_articles() -> None:
    rows = pd.DataFrame(
        [
            relation(doc_id="a", event_date="2016-05-27", confidence=0.5),
            relation(doc_id="a", event_date="2016-05-27", confidence=0.9, trigger="met"),
            relation(doc_id="b", event_date="2016-05-28", confidence=0.7),  # same event, another article
            relation(doc_id="c", event_date="2016-06-20"),  # weeks later: another event
            relation(doc_id="c", event_date="2016-05-27", negated=True),  # a denial is not the event
            relation(doc_id="g", origin="gdelt", event_date="2016-05-27", gdelt_num_mentions=7, gdelt_num_articles=5),
        ]
    )
    ids = event_ids(rows)
    assert ids[0] == ids[1] == ids[2] == "USA>JPN:CONSULT:2016-05-27"
    assert ids[3] == "USA>JPN:CONSULT:2016-06-20"
    assert ids[4] == "USA>JPN:CONSULT(negated):2016-05-27"
    assert ids[5] == "gdelt:USA>JPN:CONSULT:2016-05-27"
    events = event_rows(rows.assign(event_id=ids.to_numpy()))
    assert list(events["event_id"]) == [
        "USA>JPN:CONSULT:2016-05-27",
        "USA>JPN:CONSULT:2016-06-20",
        "USA>JPN:CONSULT(negated):2016-05-27",
        "gdelt:USA>JPN:CONSULT:2016-05-27",
    ]
    first = events.iloc[0]
    assert first["trigger"] == "met"  # the most confident mention stands for the event
    assert (first["num_articles"], first["num_mentions"]) == (2, 3)
    assert (events.iloc[3]["num_articles"], events.iloc[3]["num_mentions"]) == (5, 7)
    assert event_rows(rows.assign(event_id=ids.to_numpy()).iloc[:0]).empty
