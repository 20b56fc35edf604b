"""Who may do what. Views call these; nothing else decides access.

Rows that belong to one jobcentre (citizens, contacts, agreements, …) are scoped by their
QuerySet's `synlige_for(user)`; `hent_eget` loads one of them or answers 404, never 403, so an id
from another jobcentre reveals nothing. The role checks come after it.
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import Rolle

View = Callable[..., HttpResponse]
M = TypeVar("M", bound=Model)


def kraev(predicate: Callable[[object], bool]) -> Callable[[View], View]:
    """Answer 403 unless `predicate(request.user)` holds."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def i_jobcenter(user) -> bool:
    return user.is_authenticated and user.er_i_jobcenter


def ser_noegletal(user) -> bool:
    """Aggregated figures: everyone in a jobcentre, and the analytiker across all of them."""
    return user.is_authenticated and (user.er_i_jobcenter or user.rolle == Rolle.ANALYTIKER)


def ser_maal(user) -> bool:
    """Campaign dashboards: leaders and administrators (their jobcentre), analysts (all)."""
    return user.is_authenticated and (user.er_leder or user.rolle == Rolle.ANALYTIKER)


def kan_se_aggregat(user, *, n: int, enheder: Mapping[int, int] | None, ansvarlig: bool) -> bool:
    """May `user` see a figure computed across jobcentres from `n` units (responses, citizens),
    `enheder` of them from each jobcentre (None: not known)? The one rule of issue 13; every
    survey result, export, chart and outcome across jobcentres asks it.

    Those responsible for the collection (`ansvarlig`: the administrators who sent a survey round
    out) always may, and so may the jobcentre the figure describes alone (it is its own data).
    Anyone else needs MINDSTE_ANTAL units, and a jobcentre with units of its own in the figure
    also needs MINDSTE_ANTAL − 1 units from the others: it knows its own, and could otherwise
    subtract them and read one other jobcentre's or one citizen's answer (six own citizens and
    one of another jobcentre's make seven, but give that one citizen away)."""
    if ansvarlig:
        return True
    egne = 0
    if enheder is not None and user.is_authenticated and user.er_i_jobcenter:
        egne = enheder.get(user.jobcenter_id, 0)
    if egne and egne == n:
        return True
    return n >= settings.MINDSTE_ANTAL and (not egne or n - egne >= settings.MINDSTE_ANTAL - 1)


kraev_jobcenter = kraev(i_jobcenter)
kraev_maal = kraev(ser_maal)
kraev_noegletal = kraev(ser_noegletal)


def hent_eget(request: HttpRequest, model: type[M], pk: int, **filtre) -> M:
    """A row of the user's own jobcentre, or 404."""
    return get_object_or_404(model.objects.synlige_for(request.user), pk=pk, **filtre)


def kraev_rolle(tilladt: bool) -> None:
    """For a check after the object is loaded: 403 when the user's role may not do this."""
    if not tilladt:
        raise PermissionDenied


def mangler_totrin(user) -> bool:
    """Logged in with the password, but not yet with the code a two-factor user must give in
    each session (django-otp's OTPMiddleware adds `is_verified`)."""
    return user.is_authenticated and user.kraever_totrin and not user.is_verified()


def kan_importere_jobcentre(user) -> bool:
    """Jobcentres are the platform's own organisation: only the operators (superusers) import
    them."""
    return user.is_authenticated and user.is_superuser
