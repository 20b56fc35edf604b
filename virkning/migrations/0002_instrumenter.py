"""The two national templates (jobcenter empty) that ship with the product: a progression
measurement with a citizen part and a consultant part (the kinds of indicators BIP, the
Beskæftigelsesindikatorprojekt, measured every three months), and the jobmobilitet screening
with seed 000's three dimensions and its categories as rules. The wordings are our own.

No target groups on a template: an instrument without target groups applies to every target
group. Administrators copy a template into their jobcentre to change it."""

from django.db import migrations

SKALA_1_5 = {"skala_min": 1, "skala_max": 5}
SKALA_0_10 = {"skala_min": 0, "skala_max": 10}

PROGRESSION = {
    "kode": "progression",
    "navn": "Progressionsmåling",
    "art": "progression",
    "beskrivelse": (
        "Måler hver 13. uge, om borgeren kommer tættere på job eller uddannelse: borgeren svarer "
        "på sin del, konsulenten vurderer sin. Indikatorerne er af de slags, "
        "Beskæftigelsesindikatorprojektet (BIP) brugte; formuleringerne er produktets egne."
    ),
    "frist_dage": 14,
    "interval_uger": 13,
    "indikatorer": [
        # The citizen's part: 1–5, »Slet ikke« to »I høj grad«.
        ("borger", "b-jobsoegning", "Jobsøgning",
         "Hvor godt synes du, at du selv er i gang med at søge job eller uddannelse?",
         "Slet ikke", "I høj grad", SKALA_1_5),
        ("borger", "b-tro-paa-job", "Tro på at få job",
         "Hvor meget tror du på, at du kan få et job eller komme i uddannelse inden for et år?",
         "Slet ikke", "I høj grad", SKALA_1_5),
        ("borger", "b-helbred", "Helbredsmestring",
         "Hvor godt klarer du de udfordringer, dit helbred giver dig i hverdagen?",
         "Meget dårligt", "Meget godt", SKALA_1_5),
        ("borger", "b-hverdag", "Hverdagsmestring",
         "Hvor godt får du din hverdag til at hænge sammen (søvn, mad, aftaler, økonomi)?",
         "Meget dårligt", "Meget godt", SKALA_1_5),
        ("borger", "b-sociale", "Sociale kompetencer",
         "Hvor godt synes du, at du fungerer sammen med andre, fx på en arbejdsplads?",
         "Meget dårligt", "Meget godt", SKALA_1_5),
        ("borger", "b-faglige", "Faglige kompetencer",
         "Hvor godt passer det, du kan, til de job, du søger?",
         "Slet ikke", "Helt", SKALA_1_5),
        ("borger", "b-netvaerk", "Netværk og støtte",
         "Hvor meget støtte får du fra familie, venner eller andre, når det gælder job?",
         "Ingen", "Meget", SKALA_1_5),
        ("borger", "b-arbejdsidentitet", "Arbejdsidentitet",
         "Hvor tydeligt kan du se dig selv i et bestemt job?",
         "Slet ikke", "Meget tydeligt", SKALA_1_5),
        ("borger", "b-motivation", "Motivation",
         "Hvor meget har du lyst til at komme i job eller uddannelse?",
         "Ingen lyst", "Meget lyst", SKALA_1_5),
        # The consultant's part: 0–10, the consultant's assessment.
        ("konsulent", "k-jobsoegning", "Jobsøgning",
         "Hvor aktivt og målrettet søger borgeren job eller uddannelse?",
         "Slet ikke", "Fuldt ud", SKALA_0_10),
        ("konsulent", "k-jobparathed", "Afstand til arbejdsmarkedet",
         "Hvor tæt er borgeren på at kunne varetage et ordinært job?",
         "Meget langt fra", "Klar nu", SKALA_0_10),
        ("konsulent", "k-helbred", "Helbredsmestring",
         "Hvor godt håndterer borgeren sine helbredsmæssige udfordringer i forhold til arbejde?",
         "Meget dårligt", "Meget godt", SKALA_0_10),
        ("konsulent", "k-hverdag", "Hverdagsmestring",
         "Hvor stabilt møder borgeren op og overholder aftaler?",
         "Meget ustabilt", "Helt stabilt", SKALA_0_10),
        ("konsulent", "k-sociale", "Sociale kompetencer",
         "Hvor godt fungerer borgeren i samarbejde med kolleger og ledere?",
         "Meget dårligt", "Meget godt", SKALA_0_10),
        ("konsulent", "k-faglige", "Faglige kompetencer",
         "Hvor godt matcher borgerens faglige kompetencer de job, der er at få?",
         "Slet ikke", "Fuldt ud", SKALA_0_10),
        ("konsulent", "k-arbejdsidentitet", "Arbejdsidentitet",
         "Hvor realistisk og afklaret er borgerens jobmål?",
         "Uafklaret", "Helt afklaret", SKALA_0_10),
        ("konsulent", "k-stoettebehov", "Behov for støtte",
         "Hvor meget støtte har borgeren brug for for at fastholde et job?",
         "Ingen", "Meget", {**SKALA_0_10, "hoejere_er_bedre": False}),
    ],
}

FAGLIGE = "Faglige kvalifikationer"
PERSONLIGE = "Personlige kompetencer og forandringsparathed"
MOBILITET = "Faglig og geografisk mobilitet"

JOBMOBILITET = {
    "kode": "jobmobilitet",
    "navn": "Screening af jobmobilitet",
    "art": "screening",
    "beskrivelse": (
        "Screener tidligt i ledighedsforløbet, om borgeren har en udfordring med jobmobilitet på "
        "tre dimensioner (efter VidensLaboratoriet): faglige kvalifikationer, personlige "
        "kompetencer og forandringsparathed, og faglig og geografisk mobilitet. Konsulenten "
        "udfylder den efter samtalen; reglerne sorterer borgeren i en kategori."
    ),
    "frist_dage": 14,
    "interval_uger": None,
    "indikatorer": [
        ("konsulent", "uddannelse", "Uddannelse",
         "Har borgeren en uddannelse, der efterspørges på arbejdsmarkedet i dag?",
         "Ingen relevant uddannelse", "Efterspurgt uddannelse", {**SKALA_1_5, "dimension": FAGLIGE}),
        ("konsulent", "erfaring", "Erhvervserfaring",
         "Har borgeren erfaring fra et fag eller en branche med ledige job?",
         "Kun fra fag med få job", "Fra fag med mange job", {**SKALA_1_5, "dimension": FAGLIGE}),
        ("konsulent", "kompetencer", "Overførbare kompetencer",
         "Kan borgerens kompetencer bruges i andre brancher end den, borgeren kommer fra?",
         "Slet ikke", "I høj grad", {**SKALA_1_5, "dimension": FAGLIGE}),
        ("konsulent", "forandringsparathed", "Forandringsparathed",
         "Hvor parat er borgeren til at prøve noget nyt (nyt fag, ny arbejdsplads, nye opgaver)?",
         "Slet ikke parat", "Meget parat", {**SKALA_1_5, "dimension": PERSONLIGE}),
        ("konsulent", "selvtillid", "Selvtillid og mod",
         "Hvor stor tiltro har borgeren til egne evner i et nyt job?",
         "Meget lille", "Meget stor", {**SKALA_1_5, "dimension": PERSONLIGE}),
        ("konsulent", "praesentation", "Præsentation af sig selv",
         "Hvor godt kan borgeren fortælle en arbejdsgiver, hvad han eller hun kan?",
         "Meget dårligt", "Meget godt", {**SKALA_1_5, "dimension": PERSONLIGE}),
        ("konsulent", "brancheskift", "Vilje til brancheskift",
         "Vil borgeren søge job i en anden branche end sin hidtidige?",
         "Nej", "Ja, gerne", {**SKALA_1_5, "dimension": MOBILITET}),
        ("konsulent", "transport", "Geografisk rækkevidde",
         "Hvor langt vil og kan borgeren pendle til et job?",
         "Kun i nærområdet", "Over en time hver vej", {**SKALA_1_5, "dimension": MOBILITET}),
        ("konsulent", "opkvalificering", "Vilje til opkvalificering",
         "Vil borgeren tage et kursus eller en uddannelse for at komme i job?",
         "Nej", "Ja, gerne", {**SKALA_1_5, "dimension": MOBILITET}),
    ],
    # Tried in order; the first whose conditions all hold is the citizen's category.
    "kategorier": [
        ("Udfordring på flere dimensioner",
         "Tidlig og tæt indsats: afklaring, motiverende samtaler og opkvalificering, der "
         "sigter mod et realistisk brancheskift.",
         {FAGLIGE: "3.0", PERSONLIGE: "3.0"}),
        ("Faglig udfordring",
         "Opkvalificering eller virksomhedspraktik i en branche med ledige job.",
         {FAGLIGE: "3.0"}),
        ("Personlig udfordring",
         "Motiverende og resultatskabende samtaler; mentor eller netværk.",
         {PERSONLIGE: "3.0"}),
        ("Mobilitetsudfordring",
         "Vejledning om job i andre brancher og andre egne; transport og pendling.",
         {MOBILITET: "3.0"}),
        ("Ingen tydelig mobilitetsudfordring",
         "Almindelig jobsøgning; følg op, hvis borgeren ikke er i job efter tre måneder.",
         {}),
    ],
}


def opret(apps, schema_editor):
    Instrument = apps.get_model("virkning", "Instrument")
    Indikator = apps.get_model("virkning", "Indikator")
    Screeningskategori = apps.get_model("virkning", "Screeningskategori")
    Screeningsbetingelse = apps.get_model("virkning", "Screeningsbetingelse")
    for skabelon in (PROGRESSION, JOBMOBILITET):
        instrument = Instrument.objects.create(
            jobcenter=None,
            kode=skabelon["kode"],
            navn=skabelon["navn"],
            art=skabelon["art"],
            beskrivelse=skabelon["beskrivelse"],
            frist_dage=skabelon["frist_dage"],
            interval_uger=skabelon["interval_uger"],
        )
        for nummer, (del_, kode, navn, formulering, lav, hoej, ekstra) in enumerate(
            skabelon["indikatorer"], start=1
        ):
            Indikator.objects.create(
                instrument=instrument,
                kode=kode,
                stilles_til=del_,
                navn=navn,
                formulering=formulering,
                label_min=lav,
                label_max=hoej,
                raekkefoelge=nummer,
                **ekstra,
            )
        for nummer, (navn, forklaring, graenser) in enumerate(
            skabelon.get("kategorier", []), start=1
        ):
            kategori = Screeningskategori.objects.create(
                instrument=instrument, navn=navn, forklaring=forklaring, raekkefoelge=nummer
            )
            for dimension, graense in graenser.items():
                Screeningsbetingelse.objects.create(
                    kategori=kategori, dimension=dimension, graense=graense
                )


def fjern(apps, schema_editor):
    Instrument = apps.get_model("virkning", "Instrument")
    Instrument.objects.filter(
        jobcenter__isnull=True, kode__in=[PROGRESSION["kode"], JOBMOBILITET["kode"]]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("virkning", "0001_initial")]

    operations = [migrations.RunPython(opret, fjern)]
