from jobcenter.models import Bruger

from .models import Virksomhed, Virksomhedsforhold, Virksomhedsnotat


def saet_kontaktansvarlig(
    *, bruger: Bruger, virksomhed: Virksomhed, kontaktansvarlig: Bruger | None
) -> Virksomhedsforhold:
    """One step, as the sources ask when a consultant leaves (K p.22, p.50)."""
    forhold, _ = Virksomhedsforhold.objects.update_or_create(
        jobcenter_id=bruger.jobcenter_id,
        virksomhed=virksomhed,
        defaults={"kontaktansvarlig": kontaktansvarlig},
    )
    return forhold


def opret_notat(*, bruger: Bruger, virksomhed: Virksomhed, tekst: str) -> Virksomhedsnotat:
    return Virksomhedsnotat.objects.create(
        jobcenter_id=bruger.jobcenter_id, virksomhed=virksomhed, forfatter=bruger, tekst=tekst
    )
