import datetime

from django import forms
from django.utils import timezone

from jobcenter.forms import DatoInput

from .services import MAKS_LEVETID


class SystemnoegleForm(forms.Form):
    navn = forms.CharField(
        label="Systemets navn",
        max_length=100,
        help_text="Det system, der skal kalde API'et, fx »Fagsystemets synkronisering«.",
    )
    udloeber = forms.DateField(
        label="Udløber",
        widget=DatoInput(),
        help_text="Nøglen holder op med at virke ved denne dags begyndelse; højst et år frem.",
    )
    laese = forms.BooleanField(label="Læse (read)", required=False, initial=True)
    borgerdata = forms.BooleanField(
        label="Borgerdata",
        required=False,
        help_text="Adgang til borgere, ydelses- og målgruppeperioder og praktikforløb. Hver "
        "borger, systemet læser, skrives i borgerens adgangslog.",
    )
    skrive = forms.BooleanField(
        label="Skrive (write)",
        required=False,
        help_text="Til API'ets kommende skrivende kald; denne version har ingen.",
    )

    def clean_navn(self) -> str:
        return " ".join(self.cleaned_data["navn"].split())

    def clean_udloeber(self) -> datetime.datetime:
        dato = self.cleaned_data["udloeber"]
        tidspunkt = timezone.make_aware(datetime.datetime.combine(dato, datetime.time()))
        nu = timezone.now()
        if tidspunkt <= nu:
            raise forms.ValidationError("Udløbsdatoen skal ligge efter i dag.")
        if tidspunkt > nu + MAKS_LEVETID:
            raise forms.ValidationError("En nøgle kan højst gælde et år frem.")
        return tidspunkt

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("laese") or data.get("skrive")):
            raise forms.ValidationError("Vælg mindst læse eller skrive.")
        if data.get("borgerdata") and not data.get("laese"):
            self.add_error("borgerdata", "Borgerdata kræver, at nøglen kan læse.")
        return data
