"""Who may do what. Views call these; nothing else decides access.

Citizens are scoped by `Borger.objects.synlige_for(user)` (borgere.models); this module holds the
role checks that views share.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .models import Rolle

View = Callable[..., HttpResponse]


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


kraev_jobcenter = kraev(i_jobcenter)


def ser_noegletal(user) -> bool:
    """Aggregated figures: everyone in a jobcentre, and the analytiker across all of them."""
    return user.is_authenticated and (user.er_i_jobcenter or user.rolle == Rolle.ANALYTIKER)


kraev_noegletal = kraev(ser_noegletal)
