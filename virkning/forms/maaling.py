from django import forms
from django.utils import timezone

from borgere.models import Borger
from jobcenter.forms import DatoInput
from jobcenter.models import Bruger

from ..models import Del, Instrument

# »Hvem« on the due list: the user's own citizens, the whole jobcentre, or a consultant's pk.
MINE = "mine"
ALLE = "alle"


DELE = (("Borgerens svar", Del.BORGER), ("Konsulentens vurdering", Del.KONSULENT))


def indikatorfelt(indikator) -> str:
    return f"i{indikator.pk}"


class MaalingForm(forms.Form):
    """A measurement as taken in the meeting or copied from paper: a date, what it belongs to,
    and one scale per indicator (each may be skipped, but not all)."""

    skjul_frivilligt = True

    dato = forms.DateField(label="Dato for målingen", widget=DatoInput())
    tilhoerer = forms.ChoiceField(
        label="Hører til",
        required=False,
        help_text="Det forløb eller kursus, målingen hører til, hvis den hører til et.",
    )

    def __init__(self, *args, instrument: Instrument, borger: Borger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dato"].initial = timezone.localdate()
        self.forloeb = {
            f"forloeb-{f.pk}": f for f in borger.forloeb.select_related("type", "virksomhed")
        }
        self.tilmeldinger = {
            f"kursus-{t.pk}": t
            for t in borger.kursustilmeldinger.select_related("kursuskob__hold__kursus")
        }
        self.fields["tilhoerer"].choices = [
            ("", "Intet bestemt forløb eller kursus"),
            *((k, f"Forløb: {f}") for k, f in self.forloeb.items()),
            *(
                (k, f"Kursus: {t.kursuskob.hold.kursus.titel}")
                for k, t in self.tilmeldinger.items()
            ),
        ]
        self.indikatorer = list(instrument.indikatorer.all())
        for indikator in self.indikatorer:
            trin = range(indikator.skala_min, indikator.skala_max + 1)
            self.fields[indikatorfelt(indikator)] = forms.TypedChoiceField(
                label=indikator.formulering,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                choices=[
                    (
                        v,
                        f"{v} – {indikator.label_min}"
                        if v == indikator.skala_min
                        else f"{v} – {indikator.label_max}"
                        if v == indikator.skala_max
                        else str(v),
                    )
                    for v in trin
                ],
            )
            # A screening's questions come under their dimension's heading on the form.
            self.fields[indikatorfelt(indikator)].dimension = indikator.dimension

    def dele(self):
        """(title, its bound fields) per part: the citizen's answers, then the consultant's."""
        return [
            (titel, felter)
            for titel, del_ in (
                ("Borgerens svar", Del.BORGER),
                ("Konsulentens vurdering", Del.KONSULENT),
            )
            if (
                felter := [
                    self[indikatorfelt(i)] for i in self.indikatorer if i.stilles_til == del_
                ]
            )
        ]

    def clean(self):
        data = super().clean()
        if not self.vaerdier():
            raise forms.ValidationError("Besvar mindst én indikator.")
        return data

    def vaerdier(self) -> dict[int, int]:
        data = getattr(self, "cleaned_data", {})
        return {
            i.pk: data[indikatorfelt(i)]
            for i in self.indikatorer
            if data.get(indikatorfelt(i)) is not None
        }

    def tilknytning(self) -> dict:
        valgt = self.cleaned_data.get("tilhoerer") or ""
        return {"forloeb": self.forloeb.get(valgt), "tilmelding": self.tilmeldinger.get(valgt)}


class ForfaldneForm(forms.Form):
    # A filter with a default (»Mine borgere«), not an optional answer.
    skjul_frivilligt = True

    hvem = forms.ChoiceField(label="Vis målinger for", required=False)

    def __init__(self, *args, bruger: Bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.konsulenter = {
            str(b.pk): b
            for b in Bruger.objects.filter(jobcenter_id=bruger.jobcenter_id, is_active=True)
            .exclude(pk=bruger.pk)
            .order_by("first_name", "last_name", "username")
        }
        self.fields["hvem"].choices = [
            (MINE, "Mine borgere"),
            (ALLE, "Hele jobcentret"),
            *((pk, b.get_full_name() or b.get_username()) for pk, b in self.konsulenter.items()),
        ]

    def konsulent(self, bruger: Bruger) -> Bruger | None:
        """The consultant whose citizens to show; None for the whole jobcentre."""
        hvem = self.cleaned_data.get("hvem") if self.is_valid() else MINE
        if hvem == ALLE:
            return None
        return self.konsulenter.get(hvem or MINE, bruger)
