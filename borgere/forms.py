import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from jobcenter.find import FindFelt, FindForm
from jobcenter.forms import DatoInput, Soegefelt
from jobcenter.models import Bruger
from virksomheder.models import Aftale, Jobordre, Plads
from virksomheder.opslag import KontaktOpslag, VirksomhedOpslag

from .models import (
    Borger,
    Jobordrekandidat,
    Maalgruppeperiode,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Udfald,
    Ydelsesperiode,
    normaliser_cpr,
)
from .opslag import BorgerOpslag

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
        """Only the user's own jobcentre is asked (the instance carries it): whether the number
        exists in another jobcentre changes neither the answer nor the queries run."""
        cpr = normaliser_cpr(self.cleaned_data["cpr"])
        if Borger.objects.filter(jobcenter_id=self.instance.jobcenter_id, cpr=cpr).exists():
            raise ValidationError(
                "Jeres jobcenter har allerede en borger med dette CPR-nummer. Søg borgeren frem "
                "i stedet.",
                code="findes_i_jobcentret",
            )
        return cpr


class PeriodeForm(forms.ModelForm):
    """The benefits or target groups valid today are offered (and the period's own, when it is
    an older one); the model's clean() refuses one that did not apply in the period."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        felt = self.fields[self._meta.model.kategori_felt]
        valgt = getattr(self.instance, f"{self._meta.model.kategori_felt}_id", None)
        felt.queryset = felt.queryset.model.objects.filter(
            Q(pk__in=felt.queryset.model.objects.gyldige(timezone.localdate())) | Q(pk=valgt)
        )
        felt.error_messages["invalid_choice"] = (
            f"Vælg en {felt.label.lower()}, der gælder i dag. Ældre betegnelser (fx matchgrupper) "
            "bruges kun på perioder fra deres tid, som importeres fra fagsystemet."
        )


class YdelsesperiodeForm(PeriodeForm):
    class Meta:
        model = Ydelsesperiode
        fields = ["ydelse", "fra", "til"]
        widgets = {"fra": DatoInput(), "til": DatoInput()}


class MaalgruppeperiodeForm(PeriodeForm):
    class Meta:
        model = Maalgruppeperiode
        fields = ["maalgruppe", "fra", "til"]
        widgets = {"fra": DatoInput(), "til": DatoInput()}


class SoegForm(forms.Form):
    """Sent as POST, so that a CPR number never lands in a URL or an access log line."""

    soeg = Soegefelt(
        label="Søg på navn eller CPR-nummer",
        required=True,
        widget=forms.TextInput,
        help_text="Et CPR-nummer finder én borger; et navn finder alle, der matcher.",
    )


BORGER_HJAELP = "Skriv en del af navnet eller hele CPR-nummeret, og vælg borgeren på listen."
VIRKSOMHED_HJAELP = (
    "Skriv en del af navnet, adressen, CVR- eller P-nummeret, og vælg virksomheden på listen."
)


class KandidatForm(FindForm, forms.Form):
    borger = FindFelt(opslag=BorgerOpslag, label="Match en borger", help_text=BORGER_HJAELP)

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.brug(bruger)


class KandidatstatusForm(forms.ModelForm):
    class Meta:
        model = Jobordrekandidat
        fields = ["status"]


class ForloebOpretForm(FindForm, forms.ModelForm):
    """A new forløb, from the citizen's page (the company is searched for and picked) or from a
    free place on the place board (the citizen is)."""

    virksomhed = FindFelt(opslag=VirksomhedOpslag, label="Virksomhed", help_text=VIRKSOMHED_HJAELP)
    borger = FindFelt(opslag=BorgerOpslag, label="Borger", help_text=BORGER_HJAELP)

    class Meta:
        model = Praktikforloeb
        fields = ["virksomhed", "borger", "type", "jobkonsulent", "start", "planlagt_slut"]
        widgets = {"start": DatoInput(), "planlagt_slut": DatoInput()}
        help_texts = {"planlagt_slut": "Tom giver typens sædvanlige længde."}

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.virksomhed_id:
            del self.fields["virksomhed"]
        if self.instance.borger_id:
            del self.fields["borger"]
        self.brug(bruger)
        self.fields["jobkonsulent"].queryset = Bruger.objects.filter(
            jobcenter=bruger.jobcenter, is_active=True
        )
        if self.instance.pk is None:
            self.initial["jobkonsulent"] = bruger.pk
            self.initial["start"] = timezone.localdate()

    def clean(self):
        data = super().clean()
        type_, start = data.get("type"), data.get("start")
        if not data.get("planlagt_slut") and type_ and type_.maks_uger and start:
            data["planlagt_slut"] = start + datetime.timedelta(weeks=type_.maks_uger, days=-1)
        return data


class ForloebRedigerForm(forms.ModelForm):
    class Meta:
        model = Praktikforloeb
        fields = [
            "type",
            "arbejdssted",
            "plads",
            "aftale",
            "jobordre",
            "jobkonsulent",
            "mentor",
            "start",
            "planlagt_slut",
        ]
        widgets = {"start": DatoInput(), "planlagt_slut": DatoInput()}

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        virksomhed = self.instance.virksomhed
        self.fields["arbejdssted"].queryset = virksomhed.arbejdssteder.all()
        self.fields["plads"].queryset = Plads.objects.filter(
            aktiv=True,
            virksomhedscenter__virksomhed=virksomhed,
            virksomhedscenter__jobcenter=bruger.jobcenter,
        ).select_related("virksomhedscenter")
        self.fields["aftale"].queryset = Aftale.objects.synlige_for(bruger).filter(
            virksomhed=virksomhed
        )
        self.fields["jobordre"].queryset = Jobordre.objects.synlige_for(bruger).filter(
            virksomhed=virksomhed
        )
        self.fields["jobkonsulent"].queryset = Bruger.objects.filter(
            jobcenter=bruger.jobcenter, is_active=True
        )
        self.fields["mentor"].queryset = virksomhed.kontaktpersoner.all()


class PraktikaftaleForm(forms.ModelForm):
    class Meta:
        model = Praktikaftale
        fields = [
            "maal",
            "formaalstype",
            "arbejdsopgaver",
            "timer_pr_uge",
            "timer_pr_uge_slut",
            "optrapning",
            "mentortimer",
            "parallelindsats",
            "skaanehensyn",
            "opfoelgningsplan",
        ]
        widgets = {
            felt: forms.Textarea(attrs={"rows": 3})
            for felt in [
                "maal",
                "arbejdsopgaver",
                "optrapning",
                "parallelindsats",
                "skaanehensyn",
                "opfoelgningsplan",
            ]
        }
        error_messages = {"maal": {"required": "Skriv forløbets konkrete mål."}}


class OpfoelgningForm(forms.ModelForm):
    class Meta:
        model = Opfoelgningssamtale
        fields = ["dato", "deltagere", "note", "justeringer"]
        widgets = {
            "dato": DatoInput(),
            "note": forms.Textarea(attrs={"rows": 4}),
            "justeringer": forms.Textarea(attrs={"rows": 2}),
        }


class ForlaengelseForm(forms.Form):
    ny_slut = forms.DateField(label="Ny slutdato", widget=DatoInput())
    tekst = forms.CharField(
        label="Aftale om forlængelsen",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Fx »med mulighed for læreplads efter praktikperioden«.",
    )


class AfslutForm(forms.Form):
    slutdato = forms.DateField(label="Slutdato", widget=DatoInput())
    udfald = forms.ChoiceField(label="Udfald", choices=[("", "Vælg udfald"), *Udfald.choices])
    note = forms.CharField(
        label="Afslutning", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(forms.Form):
    selvforsoergende = forms.TypedChoiceField(
        label="Er borgeren selvforsørgende 4 uger efter forløbet?",
        choices=[("ja", "Ja"), ("nej", "Nej")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )


class KontaktTilknytForm(FindForm, forms.Form):
    kontakt = FindFelt(
        opslag=KontaktOpslag,
        label="Virksomhedskontakt om borgeren",
        help_text="Skriv virksomhedens navn, adresse eller CVR-nummer eller kontaktpersonens "
        "navn, og vælg kontakten på listen.",
    )

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.brug(bruger)
