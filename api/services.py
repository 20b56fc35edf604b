"""Creating, revoking and using system keys."""

import datetime
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobcenter.models import Bruger, Rolle

from .models import Systemnoegle, hash_af

# A key lives at most this long; the administrator makes a new one before it runs out.
MAKS_LEVETID = datetime.timedelta(days=366)
# `sidst_brugt` is written at most this often per key, not on every call.
BRUGT_INTERVAL = datetime.timedelta(minutes=1)


@transaction.atomic
def opret_systemnoegle(
    *,
    bruger: Bruger,
    navn: str,
    udloeber: datetime.datetime,
    laese: bool = True,
    skrive: bool = False,
    borgerdata: bool = False,
) -> tuple[Systemnoegle, str]:
    """A new key of `bruger`'s jobcentre and its secret, which is returned here and never again
    (only its hash is stored). The key gets a system user of its own: inactive, with no usable
    password, so it can never log in; the API acts as it and the access log names it."""
    nu = timezone.now()
    if not nu < udloeber <= nu + MAKS_LEVETID:
        raise ValidationError("Udløbsdatoen skal ligge i fremtiden og højst et år frem.")
    if not (laese or skrive):
        raise ValidationError("En nøgle skal mindst kunne læse eller skrive.")
    if borgerdata and not laese:
        raise ValidationError("Borgerdata kræver, at nøglen kan læse.")
    hemmelighed = secrets.token_urlsafe(32)
    while Systemnoegle.objects.filter(prefix=hemmelighed[:8]).exists():
        hemmelighed = secrets.token_urlsafe(32)
    systembruger = Bruger(
        username=f"system-{hemmelighed[:8]}",
        first_name=navn[:150],
        last_name="(system)",
        rolle=Rolle.JOBKONSULENT,
        jobcenter_id=bruger.jobcenter_id,
        is_active=False,
    )
    systembruger.set_unusable_password()
    systembruger.save()
    noegle = Systemnoegle.objects.create(
        jobcenter_id=bruger.jobcenter_id,
        navn=navn,
        prefix=hemmelighed[:8],
        hash=hash_af(hemmelighed),
        bruger=systembruger,
        laese=laese,
        skrive=skrive,
        borgerdata=borgerdata,
        udloeber=udloeber,
        oprettet_af=bruger,
    )
    return noegle, hemmelighed


def tilbagekald_systemnoegle(*, noegle: Systemnoegle) -> Systemnoegle:
    """From now on the key is refused. Its row and system user stay, so the access log still
    names the system."""
    if noegle.tilbagekaldt is None:
        noegle.tilbagekaldt = timezone.now()
        noegle.save(update_fields=["tilbagekaldt"])
    return noegle


def find_systemnoegle(hemmelighed: str) -> Systemnoegle | None:
    """The valid key with this secret, or None (unknown, revoked or expired alike)."""
    if not hemmelighed or len(hemmelighed) > 100:
        return None
    beregnet = hash_af(hemmelighed)
    noegle = (
        Systemnoegle.objects.gyldige()
        .select_related("bruger", "bruger__jobcenter")
        .filter(hash=beregnet)
        .first()
    )
    if noegle is None or not hmac.compare_digest(noegle.hash, beregnet):
        return None
    return noegle


def marker_brugt(noegle: Systemnoegle) -> None:
    """Record the key's use, at most once per BRUGT_INTERVAL (one write a minute, not a call)."""
    nu = timezone.now()
    if noegle.sidst_brugt is None or nu - noegle.sidst_brugt >= BRUGT_INTERVAL:
        Systemnoegle.objects.filter(pk=noegle.pk).update(sidst_brugt=nu)
        noegle.sidst_brugt = nu
