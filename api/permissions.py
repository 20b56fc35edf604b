"""The scopes a key needs: `read` for every read, `write` for every write, `borgerdata` besides
for citizens' data."""

from rest_framework import permissions


class Omfang(permissions.BasePermission):
    message = "Nøglen har ikke adgang til dette."

    def has_permission(self, request, view) -> bool:
        noegle = request.auth
        if noegle is None or not getattr(request.user, "er_i_jobcenter", False):
            return False
        # A write (a view's `skrivehandlinger`) needs write; everything else reads (the CPR
        # look-up is a read sent by POST).
        skriver = getattr(view, "action", None) in getattr(view, "skrivehandlinger", ())
        if not noegle.har("write" if skriver else "read"):
            return False
        return not getattr(view, "kraever_borgerdata", False) or noegle.har("borgerdata")
