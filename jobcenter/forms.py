import datetime
import math

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .validators import validate_soegning


class DatoInput(forms.DateInput):
    """The browser's own date picker; it submits ISO dates, which every date field accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class HurtigSelect(forms.Select):
    """A select that writes its options in Python, to the same HTML as Django's templates.
    Django renders one template per option; a filter with the 98 municipalities and the
    branches cost more than the rest of the list page (the load benchmark)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        grupper = []
        for gruppe, valg, _ in widget["optgroups"]:
            optioner = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), attributter(o["attrs"]), o["label"]) for o in valg),
            )
            if gruppe:
                optioner = format_html('<optgroup label="{}">\n{}\n</optgroup>', gruppe, optioner)
            grupper.append(optioner)
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            widget["name"],
            attributter(widget["attrs"]),
            format_html_join("\n", "{}", ((g,) for g in grupper)),
        )


def attributter(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: True as the bare name, False left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (navn, "" if vaerdi is True else format_html('="{}"', str(vaerdi)))
            for navn, vaerdi in attrs.items()
            if vaerdi is not False
        ),
    )


class Soegefelt(forms.CharField):
    """Every free-text search in the product (lists, filters, the citizen search) is this
    field, so each refuses what the database cannot search for with the same message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)
        # Django's own check gives a terser message for the same character; ours says what to do.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ] + [validate_soegning]


class Soegning(forms.Form):
    """A list's free-text search in the query string (`?q=`); `tekst` is "" while it is
    invalid, so the list shows everything beside the form's error."""

    q = Soegefelt()
    skjul_frivilligt = True

    def __init__(self, data, *, label: str):
        super().__init__(data if "q" in data else None)
        self.fields["q"].label = label

    @property
    def tekst(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""


# A typo or two is human: the first wrong codes in a row cost nothing; after them each one
# doubles the wait (1, 2, 4 … seconds). django-otp's own throttle, which waits from the first,
# is off (OTP_TOTP_THROTTLE_FACTOR = 0); it still counts the failures on the device.
FRIE_FORSOEG = 3


def ventetid(enhed) -> int:
    """Whole seconds the user must still wait before the next code is tried; 0 for none."""
    over = enhed.throttling_failure_count - FRIE_FORSOEG
    if over < 0 or enhed.throttling_failure_timestamp is None:
        return 0
    klar = enhed.throttling_failure_timestamp + datetime.timedelta(seconds=2**over)
    return max(0, math.ceil((klar - timezone.now()).total_seconds()))


class TotrinForm(forms.Form):
    """The six-digit code from the authenticator app, checked against the user's device
    (django-otp refuses a code used before; repeated wrong codes are slowed down)."""

    fejloverskrift = "Du er ikke logget ind endnu. Ret koden herunder."

    kode = forms.CharField(
        label="Engangskode",
        help_text="De 6 cifre, som godkendelsesappen viser lige nu.",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": "Skriv koden fra godkendelsesappen.",
            "min_length": "Koden har 6 cifre.",
            "max_length": "Koden har 6 cifre.",
        },
    )

    def __init__(self, enhed, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enhed = enhed

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        if not kode.isdigit():
            raise forms.ValidationError("Koden består kun af cifre.")
        if vent := ventetid(self.enhed):
            raise forms.ValidationError(
                f"For mange forkerte koder i træk. Vent {vent} sekund{'er' if vent > 1 else ''}, "
                "og prøv igen."
            )
        if not self.enhed.verify_token(kode):
            raise forms.ValidationError(
                "Koden er forkert eller udløbet. Skriv den kode, appen viser nu."
            )
        return kode
