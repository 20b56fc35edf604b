"""The leader's forms for controlled trials: validation and normalisation only."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from borgere.models import Forloebstype, Maalgruppe, Ydelsestype
from jobcenter.forms import DatoInput

from ..models import Forsoeg, Indikator, Instrument, Screeningskategori, Udfaldsmaal

INDSATS_MAKS = 2000
STOPGRUND_MAKS = 1000
# A trial's dates lie at most this many years ahead (to the year's end).
LAENGST_AAR = 10


class ForsoegForm(forms.ModelForm):
    """A new trial. The seed is not here: it is drawn when the trial is made, never chosen."""

    indsats = forms.CharField(
        label="Indsatsen",
        max_length=INDSATS_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hvad indsatsgruppen får, som andre ikke får.",
    )
    # In percent, as the trial's page shows it; stored as a share (0.5).
    andel = forms.IntegerField(
        label="Andel til indsatsen",
        min_value=10,
        max_value=90,
        initial=50,
        help_text="I procent, 10–90; 50 giver to lige store grupper.",
        error_messages={
            "invalid": "Skriv andelen som et helt tal i procent, fx 50.",
            "min_value": "Andelen skal være mindst 10 %%.",
            "max_value": "Andelen må højst være 90 %%.",
        },
    )
    uger = forms.IntegerField(
        label="Uger efter indgang",
        min_value=1,
        max_value=104,
        initial=13,
        help_text=(
            "Så mange uger efter, at borgeren kom ind i forsøget, måles udfaldet: om borgeren "
            "er selvforsørgende den dag, eller ved progression den første måling derefter. "
            "1–104 uger."
        ),
        error_messages={
            "min_value": "Mindst 1 uge.",
            "max_value": "Højst 104 uger (2 år).",
        },
    )

    class Meta:
        model = Forsoeg
        fields = [
            "navn",
            "indsats",
            "forloebstype",
            "maalgruppe",
            "ydelse",
            "kategori",
            "fra",
            "til",
            "andel",
            "udfald",
            "uger",
            "indikator",
            "slut",
        ]
        widgets = {"fra": DatoInput(), "til": DatoInput(), "slut": DatoInput()}
        labels = {"maalgruppe": "Målgruppe", "forloebstype": "Forløbstype"}
        help_texts = {
            "forloebstype": "Hvis indsatsen er et forløb.",
            "fra": "Borgere, der kommer ind i målgruppen fra denne dag, er med i lodtrækningen.",
            "til": "Den sidste dag, borgere kan komme ind i forsøget.",
            "slut": "Efter optaget, så der er tid til at måle udfaldet.",
        }

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        idag = timezone.localdate()
        instrumenter = Instrument.objects.synlige_for(bruger)
        self.fields["maalgruppe"].queryset = Maalgruppe.objects.gyldige(idag)
        self.fields["ydelse"].queryset = Ydelsestype.objects.gyldige(idag)
        self.fields["forloebstype"].queryset = Forloebstype.objects.all()
        self.fields["kategori"].queryset = Screeningskategori.objects.filter(
            instrument__in=instrumenter, instrument__aktiv=True
        ).select_related("instrument")
        indikatorer = (
            Indikator.objects.filter(instrument__in=instrumenter.aktive())
            .select_related("instrument")
            .order_by("instrument__navn", "instrument_id", "stilles_til", "raekkefoelge")
        )
        self.fields["indikator"].queryset = indikatorer
        self.fields["indikator"].choices = indikatorvalg(indikatorer)
        self.fields["indikator"].help_text = "Kun ved progression: den indikator, der måles på."
        for navn in ("maalgruppe", "ydelse", "kategori"):
            self.fields[navn].empty_label = "Alle"

    def clean_andel(self) -> Decimal:
        return Decimal(self.cleaned_data["andel"]) / 100

    def clean(self):
        data = super().clean()
        fra, til, slut = data.get("fra"), data.get("til"), data.get("slut")
        if fra and til and til < fra:
            self.add_error("til", "Optaget skal slutte på eller efter den dag, det begynder.")
        if til and slut and slut <= til:
            self.add_error("slut", "Forsøget skal slutte efter, optaget er slut.")
        if fra and fra < datetime.date(2000, 1, 1):
            self.add_error("fra", "Optaget kan tidligst begynde 1. januar 2000.")
        senest = timezone.localdate().replace(month=12, day=31)
        senest = senest.replace(year=senest.year + LAENGST_AAR)
        for felt in ("fra", "til", "slut"):
            if data.get(felt) and data[felt] > senest and felt not in self.errors:
                self.add_error(felt, f"Datoen må højst ligge {LAENGST_AAR} år ude i fremtiden.")
        udfald = data.get("udfald")
        if udfald == Udfaldsmaal.PROGRESSION and not data.get("indikator"):
            self.add_error("indikator", "Vælg den indikator, progressionen måles på.")
        if udfald == Udfaldsmaal.SELVFORSOERGELSE and data.get("indikator"):
            self.add_error("indikator", "En indikator bruges kun, når udfaldet er progression.")
        return data


def indikatorvalg(indikatorer) -> list:
    """The indicators grouped by instrument and part (»Progressionsmåling – borgerens del«):
    both parts of the national template ask »Jobsøgning«, and a bare list showed it twice."""
    grupper: dict[str, list] = {}
    for i in indikatorer:
        titel = f"{i.instrument.navn} – {i.get_stilles_til_display().lower()}"
        grupper.setdefault(titel, []).append((i.pk, i.navn))
    return [("", "---------"), *grupper.items()]


class StopForm(forms.Form):
    grund = forms.CharField(
        label="Hvorfor stoppes forsøget før tid?",
        max_length=STOPGRUND_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv, hvorfor forsøget stoppes."},
    )

    def clean_grund(self):
        grund = self.cleaned_data["grund"].strip()
        if not grund:
            raise forms.ValidationError("Skriv, hvorfor forsøget stoppes.")
        return grund
