"""Access rules in one place per app (issue 15, item 4).

Every rule is a predicate in its app's `access.py`; templates ask them through one permissions
object, `kan` (`jobcenter.access.Tilladelser`). These tests show that `kan` answers as the
predicates do for every role, that the pages hide and show the same things for the same roles,
and they guard the code: no template tests a role itself, and no view passes an inline role
expression to `kraev_rolle`.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from jobcenter import access
from jobcenter.access import Tilladelser, adgangsregler
from jobcenter.tests.factories import BrugerFactory

pytestmark = pytest.mark.django_db

ROLLER = ["jobkonsulent", "leder", "administrator", "analytiker", "superbruger"]
PERSONA = {
    "jobkonsulent": "konsulent",
    "leder": "leder",
    "administrator": "administrator",
    "analytiker": "analytiker",
    "superbruger": "superbruger",
}


@pytest.fixture
def superbruger(db):
    """The operators' user: a superuser in no jobcentre and with no role."""
    return BrugerFactory(
        username="drift", is_superuser=True, is_staff=True, jobcenter=None, rolle=""
    )


@pytest.fixture(params=ROLLER)
def rolle(request) -> str:
    return request.param


@pytest.fixture
def bruger(request, rolle):
    return request.getfixturevalue(PERSONA[rolle])


# Who may, per rule about the user alone; the roles not named may not. Pins today's behaviour
# (the same buttons, links and pages for the same roles as before the rules moved).
FORVENTET = {
    "jobcenter": {
        "er_i_jobcenter": {"jobkonsulent", "leder", "administrator"},
        "se_maal": {"leder", "administrator", "analytiker"},
        "se_noegletal": {"jobkonsulent", "leder", "administrator", "analytiker"},
        "se_ledertavler": {"leder", "administrator"},
        "er_drift": {"superbruger"},
        "importere_jobcentre": {"superbruger"},
    },
    "virksomheder": {
        "rette_aftale": {"administrator"},
        "rette_center": {"administrator"},
        "se_teamets_opgaver": {"leder", "administrator"},
    },
    "borgere": {
        "se_adgangslog": {"administrator"},
        "se_aendringer": {"administrator"},
        "se_hele_jobcentrets_forloeb": {"leder", "administrator"},
        "se_alle_jobcentres_noegletal": {"analytiker"},
        "beregne_noegletal": {"administrator"},
        "beregne_maal": {"administrator"},
        "se_bag_maal": {"jobkonsulent", "leder", "administrator"},
        "importere_borgerdata": {"administrator"},
        "importere_maaltal": {"administrator", "superbruger"},
    },
    "kursuskob": {
        "oprette_kursuskob": {"jobkonsulent", "leder", "administrator"},
        "beregne_kursusnoegletal": {"leder", "administrator"},
        "oprette_netvaerk": {"leder", "administrator"},
        "kopiere_skema": {"administrator"},
        "sende_runde_ud": {"administrator"},
        "importere_svar": {"administrator", "superbruger"},
    },
    "virkning": {
        "rette_instrumenter": {"administrator"},
        "maale": {"jobkonsulent", "leder", "administrator"},
        "se_udfald": {"leder", "administrator", "analytiker"},
        "beregne_udfald": {"administrator"},
        "styre_forsoeg": {"leder", "administrator"},
    },
    "api": {"styre_systemnoegler": {"administrator"}},
}


def test_kan_answers_as_the_predicates_do(bruger):
    """Every rule about the user alone, of every app, through `kan` and called directly."""
    kan = Tilladelser(bruger)
    regler = adgangsregler()
    assert set(FORVENTET) <= set(regler)
    for app, appens in regler.items():
        for navn, regel in appens.items():
            assert getattr(getattr(kan, app), navn) is bool(regel(bruger)), f"{app}.{navn}"


def test_each_role_may_what_it_may_and_nothing_more(bruger, rolle):
    kan = Tilladelser(bruger)
    for app, appens in FORVENTET.items():
        for navn, hvem in appens.items():
            assert navn in adgangsregler()[app], f"{app}.access mangler {navn}"
            assert getattr(getattr(kan, app), navn) is (rolle in hvem), f"{app}.{navn}"


def test_an_anonymous_visitor_may_nothing():
    from django.contrib.auth.models import AnonymousUser

    kan = Tilladelser(AnonymousUser())
    assert not kan.jobcenter.er_i_jobcenter
    assert not kan.virksomheder.rette_aftale
    assert not Tilladelser(None).kursuskob.sende_runde_ud


def test_a_rule_about_an_object_is_not_offered_to_templates():
    """`er_tovholder(bruger, kob)` needs the purchase: the view asks it and passes the answer."""
    assert "er_tovholder" not in adgangsregler()["kursuskob"]
    assert "styre" not in adgangsregler()["kursuskob"]
    with pytest.raises(AttributeError):
        _ = Tilladelser(None).kursuskob.er_tovholder
    # Nor are the helpers of the organisation's module, which take no user.
    assert {"kraev", "kraev_rolle", "hent_eget", "se_aggregat"}.isdisjoint(
        adgangsregler()["jobcenter"]
    )


def test_kan_asks_a_predicate_only_when_a_template_reads_it(administrator, monkeypatch):
    spurgt = []

    def regel(navn, svar):
        def predikat(bruger):
            spurgt.append(navn)
            return svar

        return predikat

    monkeypatch.setattr(
        access,
        "adgangsregler",
        lambda: {"prove": {"rette": regel("rette", True), "slette": regel("slette", False)}},
    )
    html = Template("{% if kan.prove.rette %}ja{% endif %}{% if kan.prove.rette %}!{% endif %}")
    assert html.render(Context({"kan": Tilladelser(administrator)})) == "ja!"
    assert spurgt == ["rette"]


def test_every_template_has_kan(administrator):
    """The context processor is wired: a page built from a template shows what `kan` allows."""
    from jobcenter.context_processors import tilladelser

    request = RequestFactory().get("/")
    request.user = administrator
    assert tilladelser(request)["kan"].virksomheder.rette_aftale is True
    assert "jobcenter.context_processors.tilladelser" in str(settings.TEMPLATES)


# The pages that show or hide by role: (url name, the roles that may open it, text shown only
# to the roles in the set).
SIDER = [
    (
        "virksomheder:aftaler",
        {"jobkonsulent", "leder", "administrator"},
        "Nye aftaler oprettes fra virksomhedens side",
        {"administrator"},
    ),
    (
        "virksomheder:opgaver",
        {"jobkonsulent", "leder", "administrator"},
        "Se teamets forfaldne opgaver",
        {"leder", "administrator"},
    ),
    (
        "borgere:mine_forloeb",
        {"jobkonsulent", "leder", "administrator"},
        "Se hele jobcentrets",
        {"leder", "administrator"},
    ),
    (
        "borgere:noegletal",
        {"jobkonsulent", "leder", "administrator", "analytiker"},
        "Beregn nøgletallene igen nu",
        {"administrator"},
    ),
    (
        "borgere:noegletal",
        {"jobkonsulent", "leder", "administrator", "analytiker"},
        "for hvert jobcenter og",
        {"analytiker"},
    ),
    (
        "kursuskob:netvaerk_liste",
        {"jobkonsulent", "leder", "administrator"},
        "Nyt netværk",
        {"leder", "administrator"},
    ),
    (
        "kursuskob:runder",
        {"jobkonsulent", "leder", "administrator", "analytiker"},
        "Send en undersøgelse ud",
        {"administrator"},
    ),
    (
        "kursuskob:runder",
        {"jobkonsulent", "leder", "administrator", "analytiker"},
        "Spørgeskemaer</a>",
        {"jobkonsulent", "leder", "administrator"},
    ),
    (
        "kursuskob:overblik",
        {"leder", "administrator", "analytiker", "jobkonsulent"},
        "Beregn igen nu",
        {"leder", "administrator"},
    ),
]


@pytest.mark.parametrize(("navn", "aabner", "tekst", "ser"), SIDER)
def test_pages_show_and_hide_by_role_as_before(client_for, bruger, rolle, navn, aabner, tekst, ser):
    svar = client_for(bruger).get(reverse(navn))
    assert svar.status_code == (200 if rolle in aabner else 403)
    if svar.status_code == 200:
        assert (tekst in svar.content.decode()) is (rolle in ser)


# The guards: new code goes through the access modules.

ROLLETEST_I_SKABELON = re.compile(
    r"\buser\.(er_administrator|er_leder|er_i_jobcenter|rolle|is_superuser|is_staff)\b"
    r"|\bis_superuser\b"
)
ROLLE_I_KRAEV_ROLLE = re.compile(r"kraev_rolle\(\s*(request\.)?user\.")
ROLLETEST_I_VIEW = re.compile(r"\.(er_administrator|er_leder|is_superuser)\b|\.rolle\s*[!=]=")
KAN_I_SKABELON = re.compile(r"\bkan\.(\w+)\.(\w+)")

LAG = ("jobcenter", "virksomheder", "borgere", "kursuskob")


def skabeloner() -> list[Path]:
    """The project's templates and any app's own."""
    mapper = [Path(d) for t in settings.TEMPLATES for d in t["DIRS"]]
    mapper += [settings.BASE_DIR / app / "templates" for app in LAG]
    return sorted({f for m in mapper if m.is_dir() for f in m.rglob("*.html")})


def moduler(*navne: str) -> list[Path]:
    """Each app's modules (or packages of modules) of these names, say views and services."""
    base = settings.BASE_DIR
    filer = [
        f
        for app in LAG
        for navn in navne
        for f in (base / app / f"{navn}.py", *(base / app).glob(f"{navn}/*.py"))
    ]
    return sorted(f for f in filer if f.is_file())


def views() -> list[Path]:
    return moduler("views")


def fund(moenster: re.Pattern, filer: list[Path]) -> list[str]:
    return [
        f"{f.relative_to(settings.BASE_DIR)}:{nummer}: {linje.strip()}"
        for f in filer
        for nummer, linje in enumerate(f.read_text().splitlines(), 1)
        if moenster.search(linje)
    ]


def test_the_guards_see_a_role_test():
    assert ROLLETEST_I_SKABELON.search("{% if user.er_administrator %}")
    assert ROLLETEST_I_SKABELON.search('{% if user.rolle == "analytiker" %}')
    assert ROLLETEST_I_SKABELON.search("{% if request.user.is_superuser %}")
    assert not ROLLETEST_I_SKABELON.search("{% if kan.virksomheder.rette_aftale %}")
    assert ROLLE_I_KRAEV_ROLLE.search("    kraev_rolle(request.user.er_leder or not leder)")
    assert not ROLLE_I_KRAEV_ROLLE.search("    kraev_rolle(access.kan_rette_aftale(request.user))")
    assert ROLLETEST_I_VIEW.search('    hele = request.user.er_leder and request.GET.get("hele")')
    assert ROLLETEST_I_VIEW.search("    if user.rolle == Rolle.ANALYTIKER:")


def test_no_template_tests_a_role_itself():
    filer = skabeloner()
    assert len(filer) > 50
    assert fund(ROLLETEST_I_SKABELON, filer) == [], "Brug `kan.<app>.<regel>` (access.py)."


def test_no_view_decides_by_role_itself():
    filer = views()
    assert Path(settings.BASE_DIR / "kursuskob/views/undersoegelse.py") in filer
    assert fund(ROLLE_I_KRAEV_ROLLE, filer) == [], "kraev_rolle(access.kan_…(request.user))"
    assert fund(ROLLETEST_I_VIEW, filer) == [], "Spørg en regel i appens access.py."


def test_no_service_or_task_decides_by_role_itself():
    filer = moduler("services", "tasks", "imports")
    assert Path(settings.BASE_DIR / "kursuskob/services/kob.py") in filer
    assert fund(ROLLETEST_I_VIEW, filer) == [], "Spørg en regel i appens access.py."


def test_every_rule_a_template_reads_exists():
    """A misspelt rule would hide its button for everyone without a word."""
    regler = adgangsregler()
    brugt = {
        (app, navn) for f in skabeloner() for app, navn in KAN_I_SKABELON.findall(f.read_text())
    }
    assert len(brugt) >= 10
    assert {f"{app}.{navn}" for app, navn in brugt if navn not in regler.get(app, {})} == set()
