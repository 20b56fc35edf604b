"""Find, don't type identifiers (issue 14, item 4): a form field that picks a company, a citizen
or a contact by searching for it, and the type-ahead endpoint behind it.

One kind of row is declared once, as an `Opslag` in the app that owns it: what the user may pick,
how a search text becomes at most GRAENSE rows (a citizen's search logs what it shows), what a
whole identifier typed without picking finds (a CPR or CVR number), and the one line that tells
two rows apart. The type-ahead endpoint (`forslag`) and the form field (`FindFelt`) both read it.

The field works without JavaScript: its "Søg" button re-renders the form with the matches as
radio buttons (`FindForm`). With JavaScript, htmx posts what is typed to the endpoint and
static/js/find.js makes the answer a combobox (arrow keys, Enter, Escape). Searches are always
POSTed, so a CPR number never stands in a URL.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from .forms import Soegefelt

GRAENSE = 10  # suggestions (and no-JavaScript matches) shown for one search
MINDST = 2  # characters typed before the type-ahead searches
SOEG_KNAP = "find"  # the name of the "Søg" buttons; the value names the field searched


class Opslag:
    """How a person finds one kind of row. A subclass per kind, in the app that owns it."""

    url = ""  # the name of the type-ahead endpoint
    ingen = "Ingen passer på søgningen."
    vaelg = "Søg, og vælg på listen."

    def __init__(self, bruger):
        self.bruger = bruger

    def queryset(self) -> QuerySet:
        """The rows the user may pick (scoped: a citizen of another jobcentre is never one)."""
        raise NotImplementedError

    def soeg(self, tekst: str) -> list[Model]:
        """At most GRAENSE rows the text finds."""
        raise NotImplementedError

    def eksakt(self, tekst: str) -> Model | None:
        """The row a whole identifier finds, when one was typed and nothing picked; None when the
        text is no identifier. Raises ValidationError when it is one that finds nothing."""
        return None

    def tekst(self, objekt: Model) -> str:
        return str(objekt)

    def hent(self, pk) -> Model | None:
        """The picked row, if the user may pick it."""
        try:
            return self.queryset().filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            return None


def soegetekst(tekst: str) -> str:
    """What was typed, checked as every search in the product is (NUL, length)."""
    return Soegefelt().clean(tekst).strip()


class FindWidget(forms.Widget):
    """The search input (a combobox), its "Søg" button, the suggestion list, the hidden id of
    the chosen row and, after a search without JavaScript, the matches as radio buttons."""

    template_name = "includes/find.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.opslag: Opslag | None = None
        self.fund: list[tuple[int, str]] | None = None  # matches to show as radio buttons
        self.valgt: tuple[int, str] | None = None  # the chosen row: id and text

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (templates/includes), not the form renderer's own; the
        # template engine escapes and returns safe HTML.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def value_from_datadict(self, data, files, name):
        return data.get(name, ""), data.get(f"{name}_soeg", "")

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pk, tekst = value if isinstance(value, tuple) else (value or "", "")
        valgt = self.valgt
        if valgt is None and pk and not isinstance(value, tuple) and self.opslag is not None:
            objekt = self.opslag.hent(pk)
            valgt = (objekt.pk, self.opslag.tekst(objekt)) if objekt else None
        attrs = dict(context["widget"]["attrs"])
        felt_id = attrs.pop("id", f"id_{name}")
        context["widget"].update(
            {
                "id": felt_id,
                "soeg_attrs": attrs,
                "soegetekst": tekst if isinstance(tekst, str) else "",
                "valgt": valgt,
                "fund": self.fund,
                "ingen": self.opslag.ingen if self.opslag else "",
                "url": reverse(self.opslag.url) if self.opslag else "",
                "knap": SOEG_KNAP,
                "maks": Soegefelt().max_length,
            }
        )
        return context


class FindFelt(forms.Field):
    """A row picked by searching. The form gives it the user's `Opslag` (`FindForm.brug`)."""

    widget = FindWidget

    def __init__(self, *, opslag: type[Opslag], **kwargs):
        super().__init__(**kwargs)
        self.opslag_klasse = opslag
        self.opslag: Opslag | None = None
        self.soeger = False  # the "Søg" button of this field was pressed

    def brug(self, opslag: Opslag) -> None:
        self.opslag = self.widget.opslag = opslag

    def vis_fund(self, tekst: str) -> list[Model]:
        fund = self.opslag.soeg(tekst) if tekst else []
        self.widget.fund = [(objekt.pk, self.opslag.tekst(objekt)) for objekt in fund]
        return fund

    def clean(self, value):
        pk, tekst = value if isinstance(value, tuple) else (value, "")
        tekst = soegetekst(tekst)
        if self.soeger:
            self.vis_fund(tekst)
            return None
        objekt = None
        if pk:
            objekt = self.opslag.hent(pk)
            if objekt is None:
                raise ValidationError(self.opslag.vaelg, code="invalid_choice")
        elif tekst:
            objekt = self.opslag.eksakt(tekst)
            if objekt is None:
                # A name typed but nothing picked: show what it finds, to pick from.
                fund = self.vis_fund(tekst)
                raise ValidationError(self.opslag.vaelg if fund else self.opslag.ingen)
        if objekt is None:
            if self.required:
                raise ValidationError(self.opslag.vaelg, code="required")
            return None
        self.widget.valgt = (objekt.pk, self.opslag.tekst(objekt))
        return objekt


class FindForm:
    """A mixin for forms with FindFelt fields. `brug(bruger)` gives each its Opslag; a press on
    a field's "Søg" button re-renders the form with that field's matches instead of saving, and
    shows no other field's errors (nothing was submitted yet)."""

    def brug(self, bruger) -> None:
        for felt in self.fields.values():
            if isinstance(felt, FindFelt):
                felt.brug(felt.opslag_klasse(bruger))

    @property
    def soeger(self) -> str | None:
        """The name of the field whose "Søg" button was pressed, if one was."""
        if not self.is_bound:
            return None
        knap = self.data.get(SOEG_KNAP)
        for navn, felt in self.fields.items():
            if isinstance(felt, FindFelt) and knap == self.add_prefix(navn):
                return navn
        return None

    def full_clean(self):
        soeger = self.soeger
        for navn, felt in self.fields.items():
            if isinstance(felt, FindFelt):
                felt.soeger = navn == soeger
        super().full_clean()
        if soeger:
            # Only what was wrong with the search text itself (then no matches were found).
            fejl = self._errors.get(soeger) if self.fields[soeger].widget.fund is None else None
            self._errors = ErrorDict({soeger: fejl} if fejl else {})

    def is_valid(self) -> bool:
        return super().is_valid() and self.soeger is None


class Forslag(forms.Form):
    q = Soegefelt()


def forslag(request: HttpRequest, opslag: Opslag) -> HttpResponse:
    """The type-ahead's answer: the options of the listbox (POST only; the view says so)."""
    form = Forslag(request.POST)
    fund, besked = [], ""
    if not form.is_valid():
        besked = " ".join(form.errors["q"])
    else:
        tekst = form.cleaned_data["q"].strip()
        if len(tekst) < MINDST:
            besked = f"Skriv mindst {MINDST} tegn."
        else:
            fund = [(objekt.pk, opslag.tekst(objekt)) for objekt in opslag.soeg(tekst)]
            besked = "" if fund else opslag.ingen
    return render(request, "includes/find_forslag.html", {"fund": fund, "besked": besked})
