from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from jobcenter.forms import DatoInput
from jobcenter.models import Bruger

from . import services
from .models import (
    Aftale,
    Aftaletype,
    Arbejdssted,
    Jobordre,
    Kontakt,
    Kontaktperson,
    Mentor,
    Opgave,
    Plads,
    Prioritetsgruppe,
    Segment,
    Virksomhed,
    Virksomhedscenter,
    Virksomhedsnotat,
)

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


def kolleger(jobcenter) -> QuerySet[Bruger]:
    return Bruger.objects.filter(jobcenter=jobcenter, is_active=True)


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
        self.fields["kontaktansvarlig"].queryset = kolleger(jobcenter)


class SegmenteringForm(forms.Form):
    prioritetsgruppe = forms.TypedChoiceField(
        label="Prioritetsgruppe",
        choices=[("", "Ingen"), *Prioritetsgruppe.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    segmenter = forms.ModelMultipleChoiceField(
        label="Segmenter",
        queryset=Segment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nyt_segment = forms.CharField(
        label="Nyt segment", max_length=80, required=False, help_text="Fx »højt sygefravær«."
    )

    def __init__(self, *args, jobcenter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segmenter"].queryset = Segment.objects.filter(jobcenter=jobcenter)

    def clean_nyt_segment(self) -> str:
        return " ".join(self.cleaned_data["nyt_segment"].split())


class KontaktForm(forms.ModelForm):
    opfoelgning_frist = forms.DateField(
        label="Frist for næste skridt",
        required=False,
        widget=DatoInput(),
        help_text="Med en frist bliver næste skridt en opgave under »Mine opgaver«.",
    )
    opfoelgning_ansvarlig = forms.ModelChoiceField(
        label="Ansvarlig for næste skridt",
        queryset=Bruger.objects.none(),
        required=False,
        empty_label="Mig selv",
    )

    class Meta:
        model = Kontakt
        fields = [
            "dato",
            "kanal",
            "initiativ",
            "formaal",
            "kontaktperson",
            "arbejdssted",
            "medarbejdere",
            "note",
            "naeste_skridt",
        ]
        widgets = {
            "dato": DatoInput(),
            "note": forms.Textarea(attrs={"rows": 4}),
            "naeste_skridt": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"formaal": {"required": "Vælg kontaktens formål."}}

    def __init__(self, *args, virksomhed, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontaktperson"].queryset = virksomhed.kontaktpersoner.all()
        self.fields["arbejdssted"].queryset = virksomhed.arbejdssteder.all()
        self.fields["medarbejdere"].queryset = kolleger(bruger.jobcenter)
        if self.instance.pk is None:
            self.initial["medarbejdere"] = [bruger.pk]
        self.fields["opfoelgning_ansvarlig"].queryset = kolleger(bruger.jobcenter)

    def clean(self):
        data = super().clean()
        naeste, frist = data.get("naeste_skridt"), data.get("opfoelgning_frist")
        if naeste and not frist:
            self.add_error("opfoelgning_frist", "Skriv en frist, så næste skridt bliver fulgt op.")
        if frist and not naeste:
            self.add_error("naeste_skridt", "Beskriv det næste skridt, fristen gælder.")
        if frist and data.get("dato") and frist < data["dato"]:
            self.add_error("opfoelgning_frist", "Fristen må ikke ligge før kontaktens dato.")
        return data


class OpgaveForm(forms.ModelForm):
    class Meta:
        model = Opgave
        fields = ["titel", "beskrivelse", "frist", "ansvarlig"]
        widgets = {"frist": DatoInput(), "beskrivelse": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"ansvarlig": {"required": "Vælg en ansvarlig for opgaven."}}

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarlig"].queryset = kolleger(bruger.jobcenter)
        if self.instance.pk is None:
            self.initial["ansvarlig"] = bruger.pk


class JobordreForm(forms.ModelForm):
    class Meta:
        model = Jobordre
        fields = [
            "stilling",
            "antal",
            "frist",
            "status",
            "arbejdssted",
            "kontaktperson",
            "beskrivelse",
        ]
        widgets = {"frist": DatoInput(), "beskrivelse": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, virksomhed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontaktperson"].queryset = virksomhed.kontaktpersoner.all()
        self.fields["arbejdssted"].queryset = virksomhed.arbejdssteder.all()


class AftaleForm(forms.ModelForm):
    class Meta:
        model = Aftale
        fields = [
            "type",
            "titel",
            "status",
            "formaal",
            "maalgruppe",
            "antal_pladser",
            "forloeb",
            "ansvarsfordeling",
            "oekonomi",
            "opfoelgning",
            "mentortimer",
            "modtagelse",
            "fravaer",
            "udslusning",
            "start",
            "slut",
            "naeste_evaluering",
            "kontaktperson",
            "ansvarlig",
        ]
        widgets = {
            "start": DatoInput(),
            "slut": DatoInput(),
            "naeste_evaluering": DatoInput(),
            **{
                felt: forms.Textarea(attrs={"rows": 3})
                for felt in [
                    "formaal",
                    "maalgruppe",
                    "forloeb",
                    "ansvarsfordeling",
                    "oekonomi",
                    "opfoelgning",
                    "modtagelse",
                    "fravaer",
                    "udslusning",
                ]
            },
        }
        error_messages = {"formaal": {"required": "Skriv aftalens formål."}}

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontaktperson"].queryset = self.instance.virksomhed.kontaktpersoner.all()
        self.fields["ansvarlig"].queryset = kolleger(bruger.jobcenter)
        if self.instance.pk is None:
            self.initial["ansvarlig"] = bruger.pk


class VirksomhedscenterForm(forms.ModelForm):
    class Meta:
        model = Virksomhedscenter
        fields = [
            "navn",
            "form",
            "aftale",
            "arbejdssted",
            "tovholder",
            "maalgruppe",
            "beskrivelse",
            "aktiv",
        ]
        widgets = {
            "maalgruppe": forms.Textarea(attrs={"rows": 2}),
            "beskrivelse": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        virksomhed = self.instance.virksomhed
        self.fields["aftale"].queryset = Aftale.objects.synlige_for(bruger).filter(
            virksomhed=virksomhed, type=Aftaletype.VIRKSOMHEDSCENTER
        )
        self.fields["arbejdssted"].queryset = virksomhed.arbejdssteder.all()
        self.fields["tovholder"].queryset = kolleger(bruger.jobcenter)

    def clean(self):
        data = super().clean()
        aftale = data.get("aftale")
        if self.instance.pk and aftale and aftale != self.instance.aftale:
            try:
                services.kontroller_plads_til(
                    aftale, self.instance.pladser.filter(aktiv=True).count()
                )
            except ValidationError as fejl:
                self.add_error("aftale", fejl)
        return data


class VirksomhedscenterOpretForm(VirksomhedscenterForm):
    antal_pladser = forms.IntegerField(label="Antal pladser", min_value=0, max_value=200)
    funktion = forms.CharField(
        label="Funktion for pladserne",
        max_length=200,
        required=False,
        help_text="Fx »lager og pakning«. Hver plads kan rettes bagefter.",
    )

    def clean(self):
        data = super().clean()
        antal = data.get("antal_pladser") or 0
        if antal and not data.get("funktion"):
            self.add_error("funktion", "Beskriv pladsernes funktion.")
        try:
            services.kontroller_plads_til(data.get("aftale"), antal)
        except ValidationError as fejl:
            self.add_error("antal_pladser", fejl)
        return data


class PladsForm(forms.ModelForm):
    class Meta:
        model = Plads
        fields = ["funktion", "maalgruppe", "beskrivelse", "aktiv"]
        widgets = {"beskrivelse": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("aktiv"):
            try:
                services.kontroller_plads_til(
                    self.instance.virksomhedscenter.aftale, 1, undtagen=self.instance
                )
            except ValidationError as fejl:
                self.add_error(None, fejl)
        return data


class MentorForm(forms.ModelForm):
    class Meta:
        model = Mentor
        fields = ["navn", "telefon", "email", "uddannet"]
