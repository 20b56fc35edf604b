from django import forms

from jobcenter.models import Bruger

from .models import Arbejdssted, Kontaktperson, Virksomhed, Virksomhedsnotat

VIRKSOMHED_FELTER = [
    "navn",
    "branche",
    "sektor",
    "stoerrelse",
    "adresse",
    "postnummer",
    "by",
    "kommune",
    "telefon",
    "email",
    "hjemmeside",
]


def uden_mellemrum(value: str) -> str:
    return "".join((value or "").split())


class VirksomhedForm(forms.ModelForm):
    hjemmeside = forms.URLField(label="Hjemmeside", required=False, assume_scheme="https")

    class Meta:
        model = Virksomhed
        fields = VIRKSOMHED_FELTER


class VirksomhedOpretForm(VirksomhedForm):
    # Room for '1358 5628'; the model checks the normalised value.
    cvr = forms.CharField(
        label="CVR-nummer", max_length=20, help_text="8 cifre; mellemrum må gerne være med."
    )

    class Meta:
        model = Virksomhed
        fields = ["cvr", *VIRKSOMHED_FELTER]

    def clean_cvr(self) -> str:
        return uden_mellemrum(self.cleaned_data["cvr"])


class ArbejdsstedForm(forms.ModelForm):
    pnummer = forms.CharField(label="P-nummer", max_length=20)

    class Meta:
        model = Arbejdssted
        fields = ["pnummer", "navn", "adresse", "postnummer", "by", "kommune"]

    def clean_pnummer(self) -> str:
        return uden_mellemrum(self.cleaned_data["pnummer"])


class KontaktpersonForm(forms.ModelForm):
    class Meta:
        model = Kontaktperson
        fields = ["navn", "niveau", "stilling", "telefon", "email"]


class NotatForm(forms.ModelForm):
    class Meta:
        model = Virksomhedsnotat
        fields = ["tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}


class KontaktansvarligForm(forms.Form):
    kontaktansvarlig = forms.ModelChoiceField(
        label="Kontaktansvarlig i jeres jobcenter",
        queryset=Bruger.objects.none(),
        required=False,
        empty_label="Ingen",
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontaktansvarlig"].queryset = Bruger.objects.filter(
            jobcenter=jobcenter, is_active=True
        )
