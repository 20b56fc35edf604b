from django import forms

from jobcenter.forms import DatoInput

from .models import Borger, Jobordrekandidat, Maalgruppeperiode, Ydelsesperiode, normaliser_cpr

BORGER_FELTER = ["fornavn", "efternavn", "adresse", "postnummer", "by", "telefon", "email"]


class BorgerRedigerForm(forms.ModelForm):
    class Meta:
        model = Borger
        fields = BORGER_FELTER


class BorgerOpretForm(forms.ModelForm):
    # Room for the written forms ('010190-1234', spaces); the model checks the normalised value.
    cpr = forms.CharField(
        label="CPR-nummer", max_length=20, help_text="10 cifre, med eller uden bindestreg."
    )

    class Meta:
        model = Borger
        fields = ["cpr", *BORGER_FELTER]

    def clean_cpr(self) -> str:
        return normaliser_cpr(self.cleaned_data["cpr"])


class YdelsesperiodeForm(forms.ModelForm):
    class Meta:
        model = Ydelsesperiode
        fields = ["ydelse", "fra", "til"]
        widgets = {"fra": DatoInput(), "til": DatoInput()}


class MaalgruppeperiodeForm(forms.ModelForm):
    class Meta:
        model = Maalgruppeperiode
        fields = ["maalgruppe", "fra", "til"]
        widgets = {"fra": DatoInput(), "til": DatoInput()}


class SoegForm(forms.Form):
    """Sent as POST, so that a CPR number never lands in a URL or an access log line."""

    soeg = forms.CharField(
        label="Søg på navn eller CPR-nummer",
        max_length=100,
        help_text="Et CPR-nummer finder én borger; et navn finder alle, der matcher.",
    )


class KandidatForm(forms.Form):
    cpr = forms.CharField(
        label="Match en borger (CPR-nummer)",
        max_length=20,
        help_text="Borgeren skal høre til jeres jobcenter.",
    )


class KandidatstatusForm(forms.ModelForm):
    class Meta:
        model = Jobordrekandidat
        fields = ["status"]
