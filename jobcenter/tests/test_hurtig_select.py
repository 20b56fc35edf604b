"""HurtigSelect writes a select as Django's templates do, only faster (the load benchmark)."""

import re

from django import forms

from jobcenter.forms import HurtigSelect

VALG = [
    ("", "Alle"),
    ("a", "Æble & <pære>"),
    ('Gruppe "1"', [(1, "Én"), (2, "To")]),
]


def uden_mellemrum(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_same_html_as_djangos_select_with_groups_a_choice_and_attributes():
    attrs = {"class": "form-select", "disabled": True, "data-x": False}
    for vaerdi in (None, "a", 2):
        hurtig = HurtigSelect(attrs=attrs, choices=VALG).render("felt", vaerdi, {"id": "id_felt"})
        django = forms.Select(attrs=attrs, choices=VALG).render("felt", vaerdi, {"id": "id_felt"})
        assert uden_mellemrum(hurtig) == uden_mellemrum(str(django))
    assert "Æble &amp; &lt;pære&gt;" in hurtig
    assert '<option value="2" selected>To</option>' in hurtig


def test_the_company_filter_uses_it():
    from virksomheder.filters import VirksomhedFilter
    from virksomheder.models import Virksomhed

    felter = VirksomhedFilter(None, queryset=Virksomhed.objects.none()).form.fields
    assert {navn for navn, f in felter.items() if isinstance(f.widget, HurtigSelect)} == {
        "branche",
        "sektor",
        "kommune",
        "stoerrelse",
    }


def test_crispy_gives_it_the_same_dkfds_class_as_a_select():
    """crispy-forms names a field's class after its widget's class (CRISPY_CLASS_CONVERTERS):
    without `form-select` the filter's selects were wider than a phone's screen."""
    from django.template import Context, Template

    class Formular(forms.Form):
        hurtig = forms.ChoiceField(choices=VALG, widget=HurtigSelect)
        almindelig = forms.ChoiceField(choices=VALG)

    html = Template("{% load crispy_forms_tags %}{{ formular|crispy }}").render(
        Context({"formular": Formular()})
    )
    for navn in ("hurtig", "almindelig"):
        assert re.search(rf'<select name="{navn}" class="form-select"', html), html
