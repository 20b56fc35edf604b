from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from .validators import validate_soegning


class DatoInput(forms.DateInput):
    """The browser's own date picker; it submits ISO dates, which every date field accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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


class TotrinForm(forms.Form):
    """The six-digit code from the authenticator app, checked against the user's device
    (django-otp refuses a code used before and slows down repeated wrong codes)."""

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
        tilladt, data = self.enhed.verify_is_allowed()
        if not tilladt:
            indtil = data.get("locked_until") or timezone.now()
            vent = max(1, int((indtil - timezone.now()).total_seconds()) + 1)
            raise forms.ValidationError(
                f"For mange forkerte koder i træk. Vent {vent} sekunder, og prøv igen."
            )
        if not self.enhed.verify_token(kode):
            raise forms.ValidationError(
                "Koden er forkert eller udløbet. Skriv den kode, appen viser nu."
            )
        return kode
