"""How a person finds a company or a contact by searching (jobcenter/find.py): the type-ahead
endpoints of this app and every form that picks one read these declarations."""

from django.core.exceptions import ValidationError

from jobcenter.find import GRAENSE, Opslag

from .models import Kontakt, Virksomhed


class VirksomhedOpslag(Opslag):
    """Companies are shared by all jobcentres: every company can be picked."""

    url = "virksomheder:find"
    ingen = "Ingen virksomhed passer på søgningen. Opret virksomheden først, hvis den er ny."
    vaelg = "Søg virksomheden frem, og vælg den på listen."

    def queryset(self):
        return Virksomhed.objects.all()

    def soeg(self, tekst: str) -> list[Virksomhed]:
        return list(Virksomhed.objects.find(tekst)[:GRAENSE])

    def eksakt(self, tekst: str) -> Virksomhed | None:
        """A whole CVR or P-nummer typed without picking finds its company."""
        cifre = "".join(tekst.split())
        if not cifre.isdigit() or len(cifre) not in (8, 10):
            return None
        if len(cifre) == 8:
            virksomhed = Virksomhed.objects.filter(cvr=cifre).first()
            besked = "Ingen virksomhed har det CVR-nummer. Opret virksomheden først."
        else:
            virksomhed = Virksomhed.objects.filter(arbejdssteder__pnummer=cifre).first()
            besked = "Intet arbejdssted har det P-nummer."
        if virksomhed is None:
            raise ValidationError(besked)
        return virksomhed

    def tekst(self, virksomhed: Virksomhed) -> str:
        return virksomhed.betegnelse


class KontaktOpslag(Opslag):
    """A contact belongs to the jobcentre that made it; only its own can be picked."""

    url = "virksomheder:find_kontakt"
    ingen = "Ingen af jobcentrets kontakter passer på søgningen."
    vaelg = "Søg kontakten frem (virksomhed, CVR eller kontaktperson), og vælg den på listen."

    def queryset(self):
        return Kontakt.objects.synlige_for(self.bruger).select_related("virksomhed")

    def soeg(self, tekst: str) -> list[Kontakt]:
        return list(self.queryset().find(tekst)[:GRAENSE])

    def tekst(self, kontakt: Kontakt) -> str:
        return (
            f"{kontakt.dato:%d-%m-%Y} {kontakt.virksomhed.betegnelse}: "
            f"{kontakt.get_formaal_display()}"
        )
