from django import forms
from django.utils import timezone


class DatoInput(forms.DateInput):
    """The browser's own date picker; it submits ISO dates, which every date field accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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
