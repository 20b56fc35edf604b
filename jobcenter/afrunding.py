"""One rounding rule for every number the product shows: half up on the decimal value, so 3/55
is 5,5 %, 51/57 is 89,5 % and 15/16 is 93,8 % – on pages, in charts and in exports.

Django's number_format cuts the decimals it does not show (93,75 became 93,7) and Python's
round() rounds half to even (round(Decimal("5.45"), 1) is 5.4), so neither rounds here; the
template filters (jobcenter.templatetags.tal), the export module (jobcenter.export) and the
chart data round with this module first."""

from decimal import ROUND_HALF_UP, Decimal

PROCENT_DECIMALER = 1


def som_decimal(value) -> Decimal:
    """A float as the decimal it prints as (0.1235, not 0.12349999999999999866), so a half
    is a half."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def afrund(value, decimaler: int = 0) -> Decimal | None:
    """None (or '') stays None: a figure that is missing is not zero."""
    if value is None or value == "":
        return None
    return som_decimal(value).quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)


def procent(andel, decimaler: int = PROCENT_DECIMALER) -> Decimal | None:
    """A share (0.9375) as the percent the reader sees (93.8)."""
    if andel is None or andel == "":
        return None
    return afrund(som_decimal(andel) * 100, decimaler)
