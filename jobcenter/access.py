"""Who may do what. Views call these; nothing else decides access.

Rows that belong to one jobcentre (citizens, contacts, agreements, …) are scoped by their
QuerySet's `synlige_for(user)`; `hent_eget` loads one of them or answers 404, never 403, so an id
from another jobcentre reveals nothing. The role checks come after it.
"""

from collections.abc import Callable, Iterable
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


def kan_se_aggregat(user, *, n: int, jobcentre: Iterable[int] | None, ansvarlig: bool) -> bool:
    """May `user` see a figure computed across jobcentres from `n` units (responses, citizens)
    of the jobcentres `jobcentre` (None: not known)? Below MINDSTE_ANTAL only the jobcentre the
    figure describes alone (it is its own data) and those responsible for the collection
    (`ansvarlig`: e.g. the administrators who sent a survey round out) may: anyone else could
    read one jobcentre's or one citizen's answers from it. The one rule of issue 13; every
    survey result, export, chart and outcome across jobcentres asks it."""
    if ansvarlig or n >= settings.MINDSTE_ANTAL:
        return True
    return (
        jobcentre is not None
        and user.is_authenticated
        and user.er_i_jobcenter
        and set(jobcentre) <= {user.jobcenter_id}
    )


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
