from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Adgangslog,
    Borger,
    Borgerkontakt,
    Forlaengelse,
    Forloebstype,
    Handling,
    Importkoersel,
    Jobordrekandidat,
    Kampagne,
    Maal,
    Maalgruppe,
    Maalgruppeperiode,
    Maalsnapshot,
    Maaltal,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Ydelsesbestand,
    Ydelsesperiode,
    Ydelsestype,
)
from .services import registrer_adgang


@admin.register(Ydelsestype)
class YdelsestypeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn"]


@admin.register(Maalgruppe)
class MaalgruppeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn"]


class YdelsesperiodeInline(admin.TabularInline):
    model = Ydelsesperiode
    extra = 0


class MaalgruppeperiodeInline(admin.TabularInline):
    model = Maalgruppeperiode
    extra = 0


@admin.register(Ydelsesperiode, Maalgruppeperiode)
class PeriodeAdmin(admin.ModelAdmin):
    list_display = ["borger", "kategori", "fra", "til"]
    date_hierarchy = "fra"
    raw_id_fields = ["borger"]


@admin.register(Borger)
class BorgerAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "cpr_maskeret", "jobcenter"]
    list_filter = ["jobcenter"]
    search_fields = ["efternavn", "fornavn"]
    inlines = [YdelsesperiodeInline, MaalgruppeperiodeInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The operators' view of a citizen is logged like everybody else's.
        borger = self.get_object(request, object_id)
        if borger is not None:
            registrer_adgang(bruger=request.user, borger=borger, handling=Handling.VIST)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Adgangslog)
class AdgangslogAdmin(admin.ModelAdmin):
    list_display = ["tidspunkt", "brugernavn", "jobcenter", "borger_id", "handling"]
    list_filter = ["handling", "jobcenter"]
    date_hierarchy = "tidspunkt"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ydelsesbestand)
class YdelsesbestandAdmin(admin.ModelAdmin):
    list_display = ["dato", "jobcenter", "ydelse", "antal", "beregnet"]
    list_filter = ["dato", "ydelse"]

    def has_add_permission(self, request):
        return False


@admin.register(Jobordrekandidat)
class JobordrekandidatAdmin(admin.ModelAdmin):
    list_display = ["jobordre", "borger", "status", "tilfoejet"]
    list_filter = ["status"]
    raw_id_fields = ["jobordre", "borger"]


@admin.register(Forloebstype)
class ForloebstypeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "virksomhedsaktivering", "maks_uger"]


class PraktikaftaleInline(admin.StackedInline):
    model = Praktikaftale
    extra = 0


@admin.register(Praktikforloeb)
class PraktikforloebAdmin(SimpleHistoryAdmin):
    list_display = [
        "borger",
        "virksomhed",
        "type",
        "trin",
        "start",
        "planlagt_slut",
        "faktisk_slut",
    ]
    list_filter = ["type", "trin", "udfald"]
    date_hierarchy = "start"
    raw_id_fields = [
        "borger",
        "virksomhed",
        "arbejdssted",
        "plads",
        "aftale",
        "jobordre",
        "mentor",
        "statusopgave",
    ]
    inlines = [PraktikaftaleInline]


@admin.register(Praktikaftale)
class PraktikaftaleAdmin(admin.ModelAdmin):
    list_display = ["forloeb", "formaalstype", "timer_pr_uge"]
    raw_id_fields = ["forloeb"]


@admin.register(Opfoelgningssamtale, Forlaengelse)
class ForloebsdelAdmin(admin.ModelAdmin):
    list_display = ["forloeb", "__str__"]
    raw_id_fields = ["forloeb"]


@admin.register(Borgerkontakt)
class BorgerkontaktAdmin(admin.ModelAdmin):
    list_display = ["borger", "kontakt", "tilknyttet"]
    raw_id_fields = ["borger", "kontakt"]


@admin.register(Importkoersel)
class ImportkoerselAdmin(admin.ModelAdmin):
    list_display = ["oprettet", "jobcenter", "type", "filnavn", "status", "raekker", "nye"]
    list_filter = ["jobcenter", "type", "status"]
    exclude = ["fil"]
    readonly_fields = ["fejl", "eksempel"]


class MaalInline(admin.StackedInline):
    model = Maal
    extra = 0
    filter_horizontal = ["forloebstyper", "ydelser", "maalgrupper", "offentlige_ydelser"]


@admin.register(Kampagne)
class KampagneAdmin(admin.ModelAdmin):
    list_display = ["navn", "kode", "start", "slut"]
    inlines = [MaalInline]


@admin.register(Maal)
class MaalAdmin(admin.ModelAdmin):
    list_display = ["navn", "kampagne", "art"]
    filter_horizontal = ["forloebstyper", "ydelser", "maalgrupper", "offentlige_ydelser"]


@admin.register(Maaltal)
class MaaltalAdmin(SimpleHistoryAdmin):
    list_display = ["maal", "jobcenter", "vaerdi"]
    list_filter = ["maal__kampagne", "maal"]


@admin.register(Maalsnapshot)
class MaalsnapshotAdmin(admin.ModelAdmin):
    list_display = ["maal", "dato", "jobcenter", "vaerdi", "taeller", "naevner", "beregnet"]
    list_filter = ["maal__kampagne", "maal", "dato"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
