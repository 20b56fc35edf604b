"""Cursor pagination: a page holds `antal` rows (default 100, at most 500) and links to the next
and previous page; a cursor stays valid while rows are added or changed."""

import datetime

from django.db.models import Q
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination


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


class Tidssider(Sider):
    """Pages in the order of a time column and then id, for a client that syncs with
    `aendret_efter` and must read each row once. The cursor holds the last row's (time, id), and
    a page is the rows after it (keyset pagination): DRF's own cursor holds only the time and
    counts past the rows that share it, at most 1 000, so a migration or bulk update that gave
    thousands of rows one time made the pages repeat forever.

    The cursor holds only values the page itself showed (`noegle`: the time, then columns the
    rows show, the last an integer): it is base64, not secret, and a column no response shows
    (a sequence shared by every jobcentre) would tell how many rows other jobcentres wrote in
    between. A client may forge it: every value is checked, and the rows are the queryset's,
    already scoped to the key."""

    tid = "opdateret"
    invalid_cursor_message = "Ugyldig markør."
    # The longest text column a cursor may hold (between the time and the id).
    maks_tekst = 100

    @property
    def noegle(self) -> tuple[str, ...]:
        """The order's columns, each shown in the rows: the time first, an integer last, and
        unique together."""
        return (self.tid, "id")

    @property
    def ordering(self) -> tuple[str, ...]:
        return self.noegle

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.cursor = self.decode_cursor(request)
        baglaens = bool(self.cursor and self.cursor.reverse)
        retning = "-" if baglaens else ""
        queryset = queryset.order_by(*(f"{retning}{felt}" for felt in self.noegle))
        if self.cursor is not None and self.cursor.position is not None:
            sammenligning = "lt" if baglaens else "gt"
            efter = Q()
            lige = {}
            for felt, vaerdi in zip(self.noegle, self.position(self.cursor.position), strict=True):
                efter |= Q(**lige, **{f"{felt}__{sammenligning}": vaerdi})
                lige[felt] = vaerdi
            queryset = queryset.filter(efter)
        raekker = list(queryset[: self.page_size + 1])
        flere = len(raekker) > self.page_size
        raekker = raekker[: self.page_size]
        if baglaens:
            raekker.reverse()
        # Backwards, the rows after the page are there (the cursor came from one of them);
        # forwards, the rows before are there when a cursor was given.
        self.har_naeste = True if baglaens else flere
        self.har_forrige = flere if baglaens else self.cursor is not None
        self.page = raekker
        return raekker

    def position(self, tekst: str) -> list:
        dele = tekst.split("|")
        try:
            if len(dele) != len(self.noegle):
                raise ValueError
            tid, *tekster, pk = dele
            tidspunkt = datetime.datetime.fromisoformat(tid)
            if tidspunkt.tzinfo is None:
                raise ValueError
            # In UTC: PostgreSQL refuses offsets beyond ±15:59, Python allows ±23:59.
            tidspunkt = tidspunkt.astimezone(datetime.UTC)
            # Printable ASCII: PostgreSQL refuses a NUL in a text value.
            if not all(
                0 < len(t) <= self.maks_tekst and t.isascii() and t.isprintable() for t in tekster
            ):
                raise ValueError
            return [tidspunkt, *tekster, int(pk)]
        except (ValueError, OverflowError) as fejl:
            raise NotFound(self.invalid_cursor_message) from fejl

    def markoer(self, raekke, *, baglaens: bool) -> str:
        tid, *resten = (getattr(raekke, felt) for felt in self.noegle)
        position = "|".join([tid.isoformat(), *map(str, resten)])
        return self.encode_cursor(Cursor(offset=0, reverse=baglaens, position=position))

    def get_next_link(self):
        if not (self.har_naeste and self.page):
            return None
        return self.markoer(self.page[-1], baglaens=False)

    def get_previous_link(self):
        if not (self.har_forrige and self.page):
            return None
        return self.markoer(self.page[0], baglaens=True)


class SiderEfterAendring(Tidssider):
    """For resources with an `opdateret` time (`Laeseressource.filtrer_aendret`): in the order
    they were changed, and the list's `aendret_efter` in the schema beside the cursor."""

    tid = "opdateret"

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "aendret_efter",
                "required": False,
                "in": "query",
                "description": "Kun rækker ændret efter dette tidspunkt (ISO 8601 med tidszone). "
                "Brug det største `opdateret`, I har set, til næste synkronisering.",
                "schema": {"type": "string", "format": "date-time"},
            },
        ]
