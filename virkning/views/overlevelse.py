"""Time to self-support: the page reads the rows the nightly job wrote (no citizen, ever)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format

from jobcenter.access import kraev

from ..access import kan_se_udfald, mindste_kurve
from ..analysis.overlevelse import RISIKODAGE
from ..models import Gruppering, StartArt
from ..services.overlevelse import hent_overlevelse

# The groupings offered per start: forløbstype only for forløb.
GRUPPERINGER = {
    StartArt.MAALGRUPPE: [Gruppering.ALLE, Gruppering.SCREENING, Gruppering.JOBCENTER],
    StartArt.FORLOEB: [
        Gruppering.ALLE,
        Gruppering.SCREENING,
        Gruppering.FORLOEBSTYPE,
        Gruppering.JOBCENTER,
    ],
}


class Valg(forms.Form):
    start = forms.ChoiceField(
        label="Tid regnet fra", choices=StartArt.choices, initial=StartArt.MAALGRUPPE
    )
    gruppering = forms.ChoiceField(
        label="Opdelt efter", choices=Gruppering.choices, initial=Gruppering.SCREENING
    )

    def clean(self):
        data = super().clean()
        start, gruppering = data.get("start"), data.get("gruppering")
        if start and gruppering and gruppering not in GRUPPERINGER[start]:
            raise forms.ValidationError(
                "Forløbstype kan kun vælges, når tiden regnes fra et forløbs start."
            )
        return data


def p_tekst(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {number_format(round(p, 3), 3)}"


@kraev(kan_se_udfald)
def overlevelse(request: HttpRequest) -> HttpResponse:
    valg = Valg(request.GET or None)
    if request.GET and valg.is_valid():
        start, gruppering = valg.cleaned_data["start"], valg.cleaned_data["gruppering"]
    else:
        start, gruppering = StartArt.MAALGRUPPE, Gruppering.SCREENING
        if not request.GET:
            valg = Valg(initial={"start": start, "gruppering": gruppering})
    data = hent_overlevelse(bruger=request.user, start_art=start, gruppering=gruppering)
    viste = [g for g in data.grupper if g.kurve is not None]
    graf = [
        {
            "gruppe": g.gruppe,
            "punkter": g.kurve.punkter,
            "n": g.kurve.n,
            "laengste": g.kurve.laengste,
        }
        for g in viste
    ]
    risiko = [
        {"gruppe": g.gruppe, "tal": [g.kurve.i_risiko.get(str(d)) for d in RISIKODAGE]}
        for g in viste
    ]
    test = data.test
    return render(
        request,
        "virkning/overlevelse.html",
        {
            "valg": valg,
            "start_art": StartArt(start),
            "gruppering": Gruppering(gruppering),
            "data": data,
            "graf": graf,
            "risikodage": RISIKODAGE,
            "risiko": risiko,
            "test_p": p_tekst(test.p) if test else "",
            "test_signifikant": test is not None and test.p < 0.05,
            "mindste": mindste_kurve(),
            "eget_jobcenter": request.user.jobcenter if request.user.er_i_jobcenter else None,
        },
    )
