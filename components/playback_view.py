"""Time playback controls, and the block of views they redraw (map, network, dyad matrix).

The block is a Streamlit fragment: while the playback runs, a timer reruns only the block, one
window (month or week) after another; the rest of the page stays. Play and pause, a step back
or forward, the window slider, the step (months or weeks) and the speed; *Show all* leaves the
playback. The page hands :func:`render_playback` the rows and a function that draws its views
for a set of rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import streamlit as st

from .aggregate import total_rows
from .playback import DEFAULT_SPEED, SPEEDS, STEP_LABELS, STEPS, Playback, RowsPlayback, Window, next_position
from .playback import due as step_due


def _keys(key: str) -> dict[str, str]:
    return {
        name: f"{key}_{name}"
        for name in ("on", "playing", "step", "speed", "position", "last")
    }


def _start(key: str) -> None:
    k = _keys(key)
    st.session_state[k["on"]] = True
    st.session_state[k["playing"]] = True
    st.session_state[k["last"]] = None


def _pause(key: str) -> None:
    st.session_state[_keys(key)["playing"]] = False


def _stop(key: str) -> None:
    k = _keys(key)
    st.session_state[k["on"]] = False
    st.session_state[k["playing"]] = False


def _step(key: str, delta: int, count: int) -> None:
    k = _keys(key)
    st.session_state[k["on"]] = True
    st.session_state[k["playing"]] = False
    position = int(st.session_state.get(k["position"], 0)) + delta
    st.session_state[k["position"]] = max(0, min(count - 1, position))


def _moved(key: str) -> None:
    """The slider moved: show that window, paused."""
    k = _keys(key)
    st.session_state[k["on"]] = True
    st.session_state[k["playing"]] = False


def _sanitise(k: dict[str, str]) -> None:
    """A step and a speed are always chosen (a segmented control can be clicked off)."""
    state = st.session_state
    if state.get(k["step"]) not in STEPS:
        state[k["step"]] = STEPS[0]
    if state.get(k["speed"]) not in SPEEDS:
        state[k["speed"]] = DEFAULT_SPEED


def render_playback(
    df: pd.DataFrame,
    *,
    key: str,
    unit: str,
    draw: Callable[[pd.DataFrame, Window | None], None],
    version: int,
    version_now: Callable[[], int],
    source: Playback | None = None,
) -> None:
    """The playback controls over ``df``'s dates and the views ``draw(rows, window)`` draws, in one
    fragment. ``window`` is None when the playback is off (``rows`` is then all of ``df``).
    ``version``: the page's pick counter when the block was drawn; ``version_now()`` reads it again:
    a click on a chart during the playback changes the filter, so the whole page is redrawn.
    ``source``: where the windows and their rows come from (default: ``df`` itself, in memory;
    rows or a mention cube)."""
    source = RowsPlayback(df) if source is None else source
    k = _keys(key)
    state = st.session_state
    _sanitise(k)
    playing = bool(state.get(k["playing"])) and bool(state.get(k["on"]))
    interval = SPEEDS[state[k["speed"]]]

    @st.fragment(run_every=interval if playing else None)
    def block() -> None:
        if version_now() != version:
            st.rerun()  # a pick changed the filter: every view, not only this block
        _sanitise(k)
        on, now_playing = bool(state.get(k["on"])), bool(state.get(k["playing"]))
        if now_playing != playing or SPEEDS[state[k["speed"]]] != interval:
            st.rerun()  # the timer is set when the page is drawn: draw it again to start or stop it
        found = source.windows(state[k["step"]])
        count = len(found)
        position = max(0, min(int(state.get(k["position"], 0) or 0), max(count - 1, 0)))
        if on and now_playing and count:
            now = time.monotonic()
            if step_due(now, state.get(k["last"]), interval):
                if state.get(k["last"]) is not None:
                    position, goes_on = next_position(position, count)
                    if not goes_on:
                        state[k["playing"]] = False
                state[k["last"]] = now
        state[k["position"]] = position
        controls = st.columns([1.1, 0.5, 0.5, 1.3, 1.2, 1.0], vertical_alignment="bottom")
        if now_playing:
            controls[0].button("Pause", key=f"{key}_pause", icon=":material/pause:", on_click=_pause, args=(key,))
        else:
            controls[0].button(
                "Play",
                key=f"{key}_play",
                icon=":material/play_arrow:",
                on_click=_start,
                args=(key,),
                disabled=count < 2,
                help=f"Redraw the map, network and matrix for one {state[k['step']]} after another.",
            )
        controls[1].button(
            "", key=f"{key}_back", icon=":material/skip_previous:", on_click=_step, args=(key, -1, count),
            disabled=count < 2, help="One step back",
        )  # fmt: skip
        controls[2].button(
            "", key=f"{key}_forward", icon=":material/skip_next:", on_click=_step, args=(key, 1, count),
            disabled=count < 2, help="One step forward",
        )  # fmt: skip
        controls[3].segmented_control(
            "Step", options=list(STEPS), format_func=STEP_LABELS.__getitem__, key=k["step"], on_change=_stop, args=(key,)
        )
        controls[4].segmented_control("Speed", options=list(SPEEDS), key=k["speed"])
        controls[5].button(
            "Show all", key=f"{key}_all", icon=":material/all_inclusive:", on_click=_stop, args=(key,), disabled=not on
        )
        if count and on:
            labels = [w.label() for w in found]
            st.select_slider(
                "Window",
                options=list(range(count)),
                format_func=labels.__getitem__,
                key=k["position"],
                on_change=_moved,
                args=(key,),
                label_visibility="collapsed",
            )
            window = found[position]
            rows = source.rows(window)
            st.caption(
                f"**{window.label()}**: {total_rows(rows):,} {unit} (window {position + 1:,} of {count:,}; "
                f"{state[k['step']]}s without any are skipped; a date known only to the month or year counts in "
                "each window it overlaps)."
            )
            draw(rows, window)
        else:
            if count < 2:
                st.caption(f"Time playback needs {unit} in at least two {state[k['step']]}s.")
            draw(df, None)

    block()
