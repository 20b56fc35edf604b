"""Cursor pagination: a page holds `antal` rows (default 100, at most 500) and links to the next
and previous page; a cursor stays valid while rows are added or changed."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class Sider(CursorPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "antal"
    page_size_query_description = "Rækker pr. side: 1 til 500, som standard 100."
    cursor_query_description = "Markøren fra forrige svars »next« eller »previous«."
    ordering = ("id",)

    def get_page_size(self, request) -> int:
        # DRF falls back to the default on a bad value; a client should hear of its mistake.
        vaerdi = request.query_params.get(self.page_size_query_param)
        if vaerdi is None:
            return self.page_size
        hoejst = self.max_page_size
        if not (vaerdi.isascii() and vaerdi.isdigit()) or not 1 <= int(vaerdi) <= hoejst:
            besked = f"Skal være et helt tal fra 1 til {hoejst}."
            raise ValidationError({self.page_size_query_param: [besked]})
        return int(vaerdi)

    def get_schema_operation_parameters(self, view):
        parametre = super().get_schema_operation_parameters(view)
        for parameter in parametre:
            if parameter["name"] == self.page_size_query_param:
                hoejst = self.max_page_size
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": hoejst}
        return parametre


class SiderEfterAendring(Sider):
    """For resources with an `opdateret` time: in the order they were changed, so a client that
    syncs with `aendret_efter` reads each change once."""

    ordering = ("opdateret", "id")
