"""The nightly job of »Hvad virker« (issue 16): outcomes per effort and the curves of time to
self-support, in one run that loads the benefit periods once (three million rows at national
scale) and hands them to both computations. Each keeps its own lock and replaces its own rows;
`manage.py beregn_udfald` and `manage.py beregn_overlevelse` still run one alone."""

import datetime

from .overlevelse import beregn_overlevelse
from .udfald import beregn_udfald, ydelsesperioder


def beregn_virkning(*, dato: datetime.date) -> dict[str, int]:
    """Both computations for `dato`; returns the rows each wrote (udfald: outcome rows,
    overlevelse: curves)."""
    ydelser = ydelsesperioder(dato)
    return {
        "udfald": beregn_udfald(dato=dato, ydelser=ydelser),
        "overlevelse": beregn_overlevelse(dato=dato, ydelser=ydelser),
    }
