"""Who may do what: the organisation's part, and the one permissions object built from all.

Every access rule is a named predicate, `(bruger) -> bool` or `(bruger, obj) -> bool`, in the
access module of the app it belongs to: the organisation's roles here (`er_i_jobcenter`,
`kan_se_maal`, `kan_se_noegletal`, …, and `kan_se_aggregat`, the small-number rule), each app's
own in `virksomheder/access.py`, `borgere/access.py` and `kursuskob/access.py`. Views, services
and tasks ask those predicates (`kraev` as a decorator, `kraev_rolle(...)` after an object is
loaded); templates ask them through `kan` (`Tilladelser`, put in every template by
`jobcenter.context_processors.tilladelser`), so `{% if kan.virksomheder.rette_aftale %}` is
`virksomheder.access.kan_rette_aftale(user)`. Nothing else decides access.

Rows that belong to one jobcentre (citizens, contacts, agreements, …) are scoped by their
QuerySet's `synlige_for(user)`; `hent_eget` loads one of them or answers 404, never 403, so an id
from another jobcentre reveals nothing. The role checks come after it.
"""

import functools
import inspect
from collections.abc import Callable, Mapping
from functools import wraps
from importlib import import_module
from types import ModuleType
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.module_loading import module_has_submodule

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


def er_i_jobcenter(user) -> bool:
    """Works in a jobcentre (every role but the analytiker): the pages with the jobcentre's own
    companies, contacts, citizens and purchases."""
    return user.is_authenticated and user.er_i_jobcenter


def kan_se_noegletal(user) -> bool:
    """Aggregated figures: everyone in a jobcentre, and the analytiker across all of them."""
    return user.is_authenticated and (user.er_i_jobcenter or user.rolle == Rolle.ANALYTIKER)


def kan_se_maal(user) -> bool:
    """Campaign dashboards: leaders and administrators (their jobcentre), analysts (all)."""
    return user.is_authenticated and (user.er_leder or user.rolle == Rolle.ANALYTIKER)


def kan_se_ledertavler(user) -> bool:
    """The overview of the jobcentre on the home page: its leaders and administrators."""
    return user.is_authenticated and user.er_leder


def er_drift(user) -> bool:
    """The platform's operators (superusers) work in the Django admin, across jobcentres."""
    return user.is_authenticated and user.is_active and user.is_superuser


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


kraev_jobcenter = kraev(er_i_jobcenter)
kraev_maal = kraev(kan_se_maal)
kraev_noegletal = kraev(kan_se_noegletal)


def hent_eget(request: HttpRequest, model: type[M], pk: int, **filtre) -> M:
    """A row of the user's own jobcentre, or 404."""
    return get_object_or_404(model.objects.synlige_for(request.user), pk=pk, **filtre)


def kun_brugeren(regel: Callable) -> bool:
    """Does the predicate ask about the user alone (`(bruger) -> bool`)? Those about an object
    too are answered by the view, which passes the answer to its template."""
    try:
        inspect.signature(regel).bind(None)
    except TypeError:
        return False
    return True


@functools.cache
def adgangsregler() -> dict[str, dict[str, Callable]]:
    """Each installed app's access module's predicates of the user alone, by app label and by
    the name templates use: `kan_rette_aftale` is `rette_aftale`, `er_tovholder` keeps its name.
    Found by module discovery, as Django finds admin modules, so this app imports none above it."""
    regler = {}
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "access"):
            continue
        modul: ModuleType = import_module(f"{config.name}.access")
        regler[config.label] = {
            navn.removeprefix("kan_"): regel
            for navn, regel in vars(modul).items()
            if navn.startswith(("kan_", "er_"))
            and inspect.isfunction(regel)
            and regel.__module__ == modul.__name__
            and kun_brugeren(regel)
        }
    return regler


class Regler:
    """One app's predicates for one user; each is asked when read, and once."""

    def __init__(self, bruger, app: str, regler: Mapping[str, Callable]):
        self._bruger = bruger
        self._app = app
        self._regler = regler

    def __getattr__(self, navn: str) -> bool:
        regel = None if navn.startswith("_") else self._regler.get(navn)
        if regel is None:
            raise AttributeError(f"{self._app}.access har ingen regel »{navn}« om brugeren alene")
        bruger = self._bruger
        svar = bool(bruger is not None and bruger.is_authenticated and regel(bruger))
        setattr(self, navn, svar)
        return svar


class Tilladelser:
    """The permissions object `kan` of every template: `kan.<app>.<regel>` answers the app's
    predicate for the user, e.g. `kan.kursuskob.sende_runde_ud`. Lazy: a predicate runs only
    when a template reads it. An anonymous visitor may nothing."""

    def __init__(self, bruger):
        self._bruger = bruger

    def __getattr__(self, app: str) -> Regler:
        regler = adgangsregler().get(app) if not app.startswith("_") else None
        if regler is None:
            raise AttributeError(f"ingen app »{app}« med et access-modul")
        dele = Regler(self._bruger, app, regler)
        setattr(self, app, dele)
        return dele


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
    return er_drift(user)
