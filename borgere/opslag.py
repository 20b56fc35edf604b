"""How a person finds one of their jobcentre's citizens by searching (jobcenter/find.py): the
type-ahead endpoint and every form that picks a citizen read this declaration. Every search goes
through the scoped, logged lookups in services (find_borgere, find_ved_cpr)."""

from django.core.exceptions import ValidationError

from jobcenter.find import GRAENSE, Opslag

from . import services
from .models import Borger, Handling, ligner_cpr


class BorgerOpslag(Opslag):
    url = "borgere:find"
    ingen = "Ingen af jeres borgere passer på søgningen."
    vaelg = "Søg borgeren frem på navn eller CPR-nummer, og vælg på listen."

    def queryset(self):
        return Borger.objects.synlige_for(self.bruger)

    def soeg(self, tekst: str) -> list[Borger]:
        return services.find_borgere(bruger=self.bruger, tekst=tekst, antal=GRAENSE)

    def eksakt(self, tekst: str) -> Borger | None:
        """A whole CPR number typed without picking: the jobcentre's own citizen with it. Another
        jobcentre's number gets the answer an unused one gets (design.md §5)."""
        if not ligner_cpr(tekst):
            return None
        borger = services.find_ved_cpr(bruger=self.bruger, cpr=tekst)
        if borger is None:
            raise ValidationError("Ingen borger i jeres jobcenter har det CPR-nummer.")
        return borger

    def hent(self, pk) -> Borger | None:
        borger = super().hent(pk)
        if borger is not None:
            services.registrer_adgang(bruger=self.bruger, borger=borger, handling=Handling.LISTE)
        return borger

    def tekst(self, borger: Borger) -> str:
        """Name, date of birth (the CPR number masked, as in every list) and address."""
        sted = ", ".join(
            d for d in (borger.adresse, f"{borger.postnummer} {borger.by}".strip()) if d
        )
        return " – ".join(d for d in (borger.navn, borger.cpr_maskeret, sted) if d)
