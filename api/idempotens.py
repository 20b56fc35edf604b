"""The `Idempotency-Key` header of a POST: a system that did not hear the answer (a timeout, a
dropped connection) sends the same request again with the same key and gets the first answer,
without a second write.

The key's row is inserted in the same transaction as the write and holds the answer when that
transaction commits. A concurrent repeat inserts the same (system key, key) and PostgreSQL makes
it wait on the unique constraint until the first transaction ends: then it reads the stored
answer (or, if the first failed and wrote nothing, goes ahead itself)."""

import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .models import Idempotensnoegle
from .problemer import PROBLEMTYPE, problem

HEADER = "Idempotency-Key"
MAKS_LAENGDE = 255

PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="Valgfri, højst 255 tegn (fx et UUID). Sendes samme forespørgsel igen med samme "
    f"nøgle inden for {settings.API_IDEMPOTENS_TIMER} timer, kommer det første svar igen, uden "
    "at der skrives på ny; samme nøgle med en anden krop giver 422 "
    "(idempotensnoegle-genbrugt).",
)


def forespoergsel_hash(request) -> str:
    return hashlib.sha256(
        b"\n".join([request.method.encode(), request.path.encode(), request.body])
    ).hexdigest()


def noegle_fra(request) -> str | None:
    tekst = request.headers.get(HEADER)
    if tekst is None:
        return None
    if not tekst or len(tekst) > MAKS_LAENGDE or not tekst.isascii() or not tekst.isprintable():
        raise ValidationError(
            {HEADER: [f"Skal være 1 til {MAKS_LAENGDE} synlige ASCII-tegn, fx et UUID."]}
        )
    return tekst


def gentaget(gemt: Idempotensnoegle) -> Response:
    svar = Response(gemt.svar, status=gemt.status)
    if gemt.status >= 400:
        svar.content_type = PROBLEMTYPE
    svar["Idempotent-Replayed"] = "true"
    return svar


def med_idempotens(request, handling) -> Response:
    """Run `handling()` (which writes and returns a Response) at most once per Idempotency-Key
    of the request's system key; without the header, just run it. Only a successful answer
    (2xx) is stored; a refused request (an exception or another status) leaves no row."""
    noegle = noegle_fra(request)
    if noegle is None:
        return handling()
    hash_ = forespoergsel_hash(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                raekke = Idempotensnoegle.objects.create(
                    systemnoegle=request.auth, noegle=noegle, forespoergsel=hash_
                )
        except IntegrityError:
            gemt = Idempotensnoegle.objects.get(systemnoegle=request.auth, noegle=noegle)
            if gemt.forespoergsel != hash_:
                return problem(
                    "idempotensnoegle-genbrugt",
                    f"Nøglen i {HEADER} er brugt til en anden forespørgsel. Brug en ny nøgle "
                    "til en ny forespørgsel.",
                )
            return gentaget(gemt)
        svar = handling()
        if not 200 <= svar.status_code < 300:
            # Only a write is remembered: after a refusal the key may be used again.
            transaction.set_rollback(True)
            return svar
        raekke.status = svar.status_code
        raekke.svar = svar.data
        raekke.save(update_fields=["status", "svar"])
        return svar


def ryd_idempotensnoegler(*, nu: datetime.datetime | None = None) -> int:
    """Delete the keys older than API_IDEMPOTENS_TIMER hours; the number deleted."""
    graense = (nu or timezone.now()) - datetime.timedelta(hours=settings.API_IDEMPOTENS_TIMER)
    antal, _ = Idempotensnoegle.objects.filter(oprettet__lt=graense).delete()
    return antal
