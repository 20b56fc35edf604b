from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from borgere.forms import BORGER_HJAELP
from borgere.models import Borger
from borgere.opslag import BorgerOpslag
from jobcenter.find import FindFelt, FindForm
from jobcenter.forms import DatoInput
from jobcenter.models import Beskaeftigelsesregion, Bruger, Jobcenter
from virksomheder.forms import uden_mellemrum
from virksomheder.models import Virksomhed

from .access import kob_til_henvisning
from .models import (
    Hold,
    Indsats,
    Institutionskontakt,
    Kilde,
    Kursus,
    Kursuskob,
    Netvaerk,
    Netvaerksmedlem,
    Netvaerksmoede,
    Runde,
    Sektion,
    Spoergsmaal,
    Spoergsmaalstype,
    Status,
    Tilmelding,
    Uddannelsesinstitution,
    Udfald,
)


class InstitutionForm(forms.ModelForm):
    hjemmeside = forms.URLField(label="Hjemmeside", required=False, assume_scheme="https")

    class Meta:
        model = Uddannelsesinstitution
        fields = ["navn", "type", "kommune", "adresse", "telefon", "email", "hjemmeside"]


class InstitutionskontaktForm(forms.ModelForm):
    class Meta:
        model = Institutionskontakt
        fields = ["navn", "titel", "email", "telefon"]


class KursusForm(forms.ModelForm):
    class Meta:
        model = Kursus
        fields = ["titel", "amu_kode", "varighed_dage", "maaljob", "beskrivelse"]


HOLD_DATOER = {
    "startdato": DatoInput(),
    "slutdato": DatoInput(),
    "tilmeldingsfrist": DatoInput(),
}


class HoldForm(forms.ModelForm):
    """The class: what phase 1 knows of it, and in phase 3 the agreed dates, price and minimum."""

    class Meta:
        model = Hold
        fields = [
            "kursus",
            "institution",
            "udfoerende_institution",
            "sted",
            "kapacitet",
            "minimum",
            "startdato",
            "slutdato",
            "tilmeldingsfrist",
            "pris_pr_plads",
            "deltagelseskriterier",
            "skolekontakt",
            "underviser",
            "underviser_telefon",
        ]
        widgets = HOLD_DATOER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if kontakter := self.fields.get("skolekontakt"):
            institution = self.instance.institution if self.instance.institution_id else None
            kontakter.queryset = Institutionskontakt.objects.filter(institution=institution)

    def clean(self):
        data = super().clean()
        kontakt = data.get("skolekontakt")
        if kontakt and kontakt.institution_id != getattr(data.get("institution"), "pk", None):
            self.add_error("skolekontakt", "Kontaktpersonen skal være fra holdets institution.")
        return data


class HoldOpretForm(HoldForm):
    class Meta(HoldForm.Meta):
        fields = ["kursus", "institution", "sted", "kapacitet", "startdato", "slutdato"]


class KursuskobForm(forms.ModelForm):
    """Phase 1: the need, who has it and where it was seen."""

    kilder = forms.MultipleChoiceField(
        label="Kilder til behovet",
        choices=Kilde.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cvr_numre = forms.CharField(
        label="Virksomheder med behovet (CVR-numre)",
        required=False,
        help_text="Adskilt af komma, fx 13585628, 10403782.",
    )

    class Meta:
        model = Kursuskob
        fields = [
            "samarbejdsmodel",
            "netvaerk",
            "behov",
            "maaljob",
            "arbejdsgivererklaering",
            "kilder",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["cvr_numre"] = ", ".join(
                self.instance.virksomheder.values_list("cvr", flat=True)
            )

    def clean_cvr_numre(self) -> list[Virksomhed]:
        numre = [uden_mellemrum(n) for n in self.cleaned_data["cvr_numre"].split(",") if n.strip()]
        virksomheder = {v.cvr: v for v in Virksomhed.objects.filter(cvr__in=numre)}
        ukendte = [n for n in numre if n not in virksomheder]
        if ukendte:
            raise ValidationError(
                "Ingen virksomhed med CVR-nummer %(numre)s. Opret den først under Virksomheder.",
                params={"numre": ", ".join(ukendte)},
            )
        return list(virksomheder.values())

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.virksomheder.set(self.cleaned_data["cvr_numre"])


class KursuskobOpretForm(KursuskobForm):
    egne_pladser = forms.IntegerField(
        label="Pladser til jeres jobcenter",
        min_value=1,
        required=False,
        help_text="Jeres linje i fordelingsnøglen; de andre jobcentres lægges ind bagefter.",
    )


class AftaleForm(forms.ModelForm):
    """Phase 3: the agreement with the institution (with the class's dates, price, minimum)."""

    class Meta:
        model = Kursuskob
        fields = [
            "aftale_indgaaet",
            "afbudsbetingelser",
            "tilkoebt_opfoelgning",
            "overbookning",
            "refusionsprocent",
        ]
        widgets = {"aftale_indgaaet": DatoInput()}

    def clean_aftale_indgaaet(self):
        dato = self.cleaned_data["aftale_indgaaet"]
        if dato and dato > timezone.localdate():
            raise forms.ValidationError(
                "Datoen for en indgået aftale kan ikke ligge i fremtiden. Skriv den, når aftalen "
                "er indgået."
            )
        return dato


class FordelingForm(forms.Form):
    jobcenter = forms.ModelChoiceField(label="Jobcenter", queryset=Jobcenter.objects.all())
    pladser = forms.IntegerField(
        label="Pladser", min_value=0, max_value=999, help_text="0 fjerner jobcentret fra nøglen."
    )


class BekraeftForm(forms.Form):
    noegleperson = forms.ModelChoiceField(
        label="Nøgleperson i jeres jobcenter", queryset=Bruger.objects.none()
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noegleperson"].queryset = Bruger.objects.filter(
            jobcenter=jobcenter, is_active=True
        )


class AntalForm(forms.Form):
    antal = forms.IntegerField(min_value=1, max_value=999)

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["antal"].label = label


class HenvisForm(forms.ModelForm):
    kursuskob = forms.ModelChoiceField(label="Hold", queryset=Kursuskob.objects.none())

    class Meta:
        model = Tilmelding
        fields = ["kursuskob", "arbejdsgivererklaering", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, borger: Borger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kursuskob"].queryset = (
            kob_til_henvisning(borger.jobcenter_id)
            .exclude(tilmeldinger__borger=borger)
            .select_related("hold__kursus", "hold__institution")
        )


class HenvisBorgerForm(FindForm, forms.Form):
    """From the purchase's page: the citizen is searched for and picked."""

    borger = FindFelt(opslag=BorgerOpslag, label="Borger", help_text=BORGER_HJAELP)
    arbejdsgivererklaering = forms.BooleanField(
        label="Arbejdsgivererklæring foreligger", required=False
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    skjul_frivilligt = True

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.brug(bruger)


class OpfoelgningForm(forms.Form):
    status = forms.ChoiceField(
        label="Status på kurset",
        choices=[(s.value, s.label) for s in (Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT)],
    )
    udfald = forms.ChoiceField(
        label="Situation efter kurset",
        choices=[("", "Ikke registreret"), *Udfald.choices],
        required=False,
    )
    udfald_dato = forms.DateField(label="Pr. dato", required=False, widget=DatoInput())
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NetvaerkForm(forms.ModelForm):
    class Meta:
        model = Netvaerk
        fields = ["navn", "organisering", "moedekadence", "beskrivelse"]


class MedlemForm(forms.ModelForm):
    class Meta:
        model = Netvaerksmedlem
        fields = ["jobcenter", "rolle", "mandat"]


class MoedeForm(forms.ModelForm):
    class Meta:
        model = Netvaerksmoede
        fields = ["dato", "art", "dagsorden", "referat"]
        widgets = {"dato": DatoInput()}


class SektionForm(forms.ModelForm):
    class Meta:
        model = Sektion
        fields = ["titel", "raekkefoelge"]


class SpoergsmaalForm(forms.ModelForm):
    valg = forms.CharField(
        label="Svarmuligheder",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Én pr. linje; kun for spørgsmål med ét eller flere valg.",
    )

    class Meta:
        model = Spoergsmaal
        fields = ["kode", "tekst", "kort_tekst", "type", "faktor", "valg", "raekkefoelge"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["valg"] = "\n".join(self.instance.valg or [])

    def clean_valg(self) -> list[str]:
        return [v.strip() for v in self.cleaned_data["valg"].splitlines() if v.strip()]


class RundeForm(forms.ModelForm):
    OMFANG = [
        ("netvaerk", "Et netværk"),
        ("region", "En beskæftigelsesregion"),
        ("alle", "Alle jobcentre"),
    ]
    omfang = forms.ChoiceField(label="Send til", choices=OMFANG)
    region = forms.ChoiceField(
        label="Region", choices=[("", "–"), *Beskaeftigelsesregion.choices], required=False
    )

    class Meta:
        model = Runde
        fields = ["skema", "navn", "frist", "omfang", "netvaerk", "region"]
        widgets = {"frist": DatoInput()}

    def __init__(self, *args, netvaerk: QuerySet[Netvaerk], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["netvaerk"].queryset = netvaerk
        self.fields["netvaerk"].required = False

    def clean(self):
        data = super().clean()
        omfang = data.get("omfang")
        if omfang == "netvaerk" and not data.get("netvaerk"):
            self.add_error("netvaerk", "Vælg netværket, runden sendes til.")
        if omfang == "region" and not data.get("region"):
            self.add_error("region", "Vælg regionen, runden sendes til.")
        if omfang != "netvaerk":
            data["netvaerk"] = None
        return data

    def modtagere(self) -> list[Jobcenter]:
        data = self.cleaned_data
        if data["omfang"] == "netvaerk":
            return list(Jobcenter.objects.filter(netvaerk__netvaerk=data["netvaerk"]))
        if data["omfang"] == "region":
            return list(Jobcenter.objects.filter(beskaeftigelsesregion=data["region"]))
        return list(Jobcenter.objects.all())


SKALA = [("", "Ikke besvaret"), *((str(n), str(n)) for n in range(1, 6))]


class BesvarelseForm(forms.Form):
    """One field per question, named by its code; every field may be left empty."""

    skjul_frivilligt = True

    def __init__(self, *args, spoergsmaal: list[Spoergsmaal], **kwargs):
        super().__init__(*args, **kwargs)
        self.sektioner: dict = {}
        for s in spoergsmaal:
            if s.type in (Spoergsmaalstype.SKALA, Spoergsmaalstype.TILFREDSHED):
                felt = forms.ChoiceField(choices=SKALA)
            elif s.type == Spoergsmaalstype.ENKELTVALG:
                felt = forms.ChoiceField(choices=[("", "Ikke besvaret"), *((v, v) for v in s.valg)])
            elif s.type == Spoergsmaalstype.FLERVALG:
                felt = forms.MultipleChoiceField(
                    choices=[(v, v) for v in s.valg], widget=forms.CheckboxSelectMultiple
                )
            else:
                felt = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
            felt.required = False
            felt.label = f"{s.kode.upper() if s.faktor else ''} {s.tekst}".strip()
            self.fields[s.kode] = felt
            self.sektioner.setdefault(s.sektion, []).append(s.kode)

    def grupper(self):
        """(section, its bound fields) for the template."""
        return [(sektion, [self[k] for k in koder]) for sektion, koder in self.sektioner.items()]


class IndsatsForm(forms.ModelForm):
    class Meta:
        model = Indsats
        fields = ["titel", "beskrivelse", "ansvarlig", "frist"]
        widgets = {"frist": DatoInput(), "beskrivelse": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, jobcentre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarlig"].queryset = Bruger.objects.filter(
            jobcenter__in=jobcentre, is_active=True
        )
