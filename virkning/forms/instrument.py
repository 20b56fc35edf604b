"""Editing a jobcentre's own instrument: validation and normalisation only (the services decide
whether the edit lands on a new version)."""

import re
from decimal import Decimal

from django import forms

from borgere.models import Maalgruppe

from ..models import Art, Indikator, Instrument, Screeningskategori

KODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The import's own columns (`cpr;instrument;dato;<indikator>…`) cannot also be an indicator's.
RESERVEREDE = {"cpr", "instrument", "dato"}
SKALA_FRA, SKALA_TIL = 0, 100
MAKS_FORMULERING = 500
MAKS_BESKRIVELSE = 2000
MAKS_FORKLARING = 1000


class InstrumentForm(forms.ModelForm):
    beskrivelse = forms.CharField(
        label="Beskrivelse",
        required=False,
        max_length=MAKS_BESKRIVELSE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    frist_dage = forms.IntegerField(
        label="Første måling senest (dage efter start i målgruppen)",
        min_value=0,
        max_value=365,
        error_messages={
            "min_value": "Fristen skal være mellem 0 og 365 dage.",
            "max_value": "Fristen skal være mellem 0 og 365 dage.",
        },
    )
    interval_uger = forms.IntegerField(
        label="Derefter hver (uger)",
        required=False,
        min_value=1,
        max_value=104,
        help_text="Tom: måles én gang.",
        error_messages={
            "min_value": "Intervallet skal være mellem 1 og 104 uger.",
            "max_value": "Intervallet skal være mellem 1 og 104 uger.",
        },
    )
    maalgrupper = forms.ModelMultipleChoiceField(
        label="Målgrupper",
        queryset=Maalgruppe.objects.order_by("navn"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ingen valgt: instrumentet gælder alle målgrupper.",
    )

    class Meta:
        model = Instrument
        fields = ["navn", "beskrivelse", "frist_dage", "interval_uger", "maalgrupper"]


class IndikatorForm(forms.ModelForm):
    # Not a SlugField: its own message says nothing of the lower case an import header needs.
    kode = forms.CharField(
        label="Kode",
        max_length=40,
        help_text="Kolonnens navn i importfiler: små bogstaver, tal og bindestreger.",
    )
    formulering = forms.CharField(
        label="Formulering",
        max_length=MAKS_FORMULERING,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Spørgsmålet, som borgeren eller konsulenten ser det.",
    )

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "stilles_til",
            "navn",
            "formulering",
            "dimension",
            "skala_min",
            "skala_max",
            "label_min",
            "label_max",
            "hoejere_er_bedre",
            "raekkefoelge",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.instrument.art == Art.SCREENING:
            self.fields["dimension"].required = True
            self.fields[
                "dimension"
            ].help_text = (
                "Den dimension, indikatoren måler; reglerne ser på dimensionernes gennemsnit."
            )
        else:
            del self.fields["dimension"]

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip().lower()
        if not KODE.match(kode):
            raise forms.ValidationError(
                "Koden må kun have små bogstaver a–z, tal og bindestreger (fx tro-paa-job)."
            )
        if kode in RESERVEREDE:
            raise forms.ValidationError(
                f"»{kode}« er en af importfilens faste kolonner; vælg en anden kode."
            )
        if (
            self.instance.instrument.indikatorer.exclude(pk=self.instance.pk)
            .filter(kode=kode)
            .exists()
        ):
            raise forms.ValidationError(
                f"Instrumentet har allerede en indikator med koden »{kode}«."
            )
        return kode

    def clean(self):
        data = super().clean()
        fra, til = data.get("skala_min"), data.get("skala_max")
        if fra is not None and til is not None:
            if not (SKALA_FRA <= fra <= SKALA_TIL and SKALA_FRA <= til <= SKALA_TIL):
                self.add_error(
                    "skala_max", f"Skalaen skal ligge mellem {SKALA_FRA} og {SKALA_TIL}."
                )
            elif til <= fra:
                self.add_error(
                    "skala_max", "Skalaens øverste værdi skal være større end den nederste."
                )
        data.setdefault("dimension", "")
        return data


class KategoriForm(forms.ModelForm):
    """A category with one optional threshold per dimension of the instrument: »the dimension's
    score is under this«. No thresholds: the category catches everyone the ones before it did
    not."""

    forklaring = forms.CharField(
        label="Hvad den betyder for indsatsen",
        required=False,
        max_length=MAKS_FORKLARING,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Screeningskategori
        fields = ["navn", "forklaring", "raekkefoelge"]

    def __init__(self, *args, dimensioner: dict[str, tuple[int, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensioner = dimensioner
        nuvaerende = (
            {b.dimension: b.graense for b in self.instance.betingelser.all()}
            if self.instance.pk
            else {}
        )
        for nummer, (dimension, (fra, til)) in enumerate(dimensioner.items()):
            self.fields[f"graense_{nummer}"] = forms.DecimalField(
                label=f"{dimension}: under",
                required=False,
                max_digits=4,
                decimal_places=1,
                localize=True,
                initial=nuvaerende.get(dimension),
                help_text=f"Skalaen er {fra}–{til}. Tom: ingen betingelse på dimensionen.",
            )

    def clean_navn(self) -> str:
        navn = self.cleaned_data["navn"].strip()
        if (
            self.instance.instrument.kategorier.exclude(pk=self.instance.pk)
            .filter(navn=navn)
            .exists()
        ):
            raise forms.ValidationError(f"Instrumentet har allerede kategorien »{navn}«.")
        return navn

    def clean(self):
        data = super().clean()
        for nummer, (dimension, (fra, til)) in enumerate(self.dimensioner.items()):
            graense = data.get(f"graense_{nummer}")
            if graense is not None and not (Decimal(fra) < graense <= Decimal(til)):
                self.add_error(
                    f"graense_{nummer}",
                    f"Grænsen for {dimension} skal ligge over {fra} og højst være {til}.",
                )
        return data

    def graenser(self) -> dict[str, Decimal | None]:
        return {
            dimension: self.cleaned_data.get(f"graense_{nummer}")
            for nummer, dimension in enumerate(self.dimensioner)
        }
