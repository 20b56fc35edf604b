"""The API's resources: each is declared once, here, by its path name and its viewset; the URLs
(api/urls.py), the schema and the deletion feed (api/sletninger.py, which tracks every resource
with `filtrer_aendret`) read this router."""

from rest_framework.routers import SimpleRouter

from . import samarbejde, tal, viewsets

router = SimpleRouter(use_regex_path=False)
router.register("virksomheder", viewsets.VirksomhedViewSet, basename="virksomhed")
router.register("kontakter", viewsets.KontaktViewSet, basename="kontakt")
router.register("borgere", viewsets.BorgerViewSet, basename="borger")
router.register("ydelsesperioder", viewsets.YdelsesperiodeViewSet, basename="ydelsesperiode")
router.register(
    "maalgruppeperioder", viewsets.MaalgruppeperiodeViewSet, basename="maalgruppeperiode"
)
router.register("praktikforloeb", viewsets.PraktikforloebViewSet, basename="praktikforloeb")

# Issue 17, item 1, the rest of the reads: the company side (samarbejde.py) and the computed
# figures (tal.py).
router.register("opgaver", samarbejde.OpgaveViewSet, basename="opgave")
router.register("jobordrer", samarbejde.JobordreViewSet, basename="jobordre")
router.register("aftaler", samarbejde.AftaleViewSet, basename="aftale")
router.register(
    "virksomhedscentre", samarbejde.VirksomhedscenterViewSet, basename="virksomhedscenter"
)
router.register("kampagner", tal.KampagneViewSet, basename="kampagne")
router.register("kursuskob", tal.KursuskobViewSet, basename="kursuskob")
router.register("kursustilmeldinger", tal.TilmeldingViewSet, basename="kursustilmelding")
router.register("runder", tal.RundeViewSet, basename="runde")
