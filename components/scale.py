"""The cooperation <-> conflict colour scale of the mean intensity, shared by the map, network and matrix.

Intensities are on the PLOVER/Goldstein-style -10 (most conflictual) .. +10 (most
cooperative) scale of :data:`extraction.schema.EVENT_TYPES`.
"""

from __future__ import annotations

import math

#: Scale stops: (intensity, RGB). Red = conflict, grey = neutral, blue = cooperation.
STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (-10.0, (178, 24, 43)),
    (-4.0, (239, 138, 98)),
    (0.0, (150, 150, 150)),
    (4.0, (103, 169, 207)),
    (10.0, (33, 102, 172)),
)
#: Colour for "no mean intensity" (e.g. only negated or hypothetical mentions).
NO_SCORE_RGB: tuple[int, int, int] = (190, 190, 190)

#: The same scale for Vega-Lite / Altair: ``alt.Scale(domain=DOMAIN, range=RANGE)``.
DOMAIN: list[float] = [stop for stop, _ in STOPS]
RANGE: list[str] = ["#{:02x}{:02x}{:02x}".format(*rgb) for _, rgb in STOPS]

INTENSITY_HELP = (
    "Mean intensity: the mean PLOVER intensity of the mentions (or events) counted, on the scale "
    "from -10 (most conflictual, e.g. ASSAULT) to +10 (most cooperative, e.g. AID). Negated and "
    "hypothetical ones are counted but left out of the mean."
)


def intensity_rgb(value: float | None) -> tuple[int, int, int]:
    """Colour of an intensity (linear between the stops; clamped to -10..+10)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_SCORE_RGB
    value = max(STOPS[0][0], min(STOPS[-1][0], float(value)))
    for (lo, lo_rgb), (hi, hi_rgb) in zip(STOPS, STOPS[1:], strict=False):
        if value <= hi:
            t = (value - lo) / (hi - lo)
            return tuple(round(a + (b - a) * t) for a, b in zip(lo_rgb, hi_rgb, strict=True))  # type: ignore[return-value]
    return STOPS[-1][1]
