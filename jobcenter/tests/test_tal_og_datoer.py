"""The template filters that print numbers with a unit and dates keep them on one line
(issue 14, item 1): a no-break space before the unit, a date in `span.nowrap`."""

import datetime

from django.template import Context, Template

NBSP = "\u00a0"


def render(kilde: str, **context) -> str:
    return Template("{% load tal datoer %}" + kilde).render(Context(context))


def test_a_number_and_its_unit_are_joined_by_a_no_break_space():
    assert render("{{ x|procent }}", x="0.75") == f"75,0{NBSP}%"
    assert render("{{ x|kroner }}", x="12345.5") == f"12.345,50{NBSP}kr."
    assert render("{{ x|fortegn_procent:True }}", x="-0.032") == f"−3,2{NBSP}procentpoint"


def test_a_date_is_held_on_one_line_and_no_date_still_takes_a_default():
    assert render("{{ d|dato }}", d=datetime.date(2026, 10, 4)) == (
        '<span class="nowrap">04-10-2026</span>'
    )
    assert render("{{ d|tidspunkt }}", d=datetime.datetime(2026, 10, 4, 13, 5)) == (
        '<span class="nowrap">04-10-2026 13:05</span>'
    )
    assert render('{{ d|dato|default:"løber endnu" }}', d=None) == "løber endnu"
