"""The operators' Django admin (superusers only). Every page of it that shows a citizen's data
logs it as the product's own pages do (`BorgerdataAdmin`); the import runs' preview of names is
not shown here at all."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Adgangslog,
    Borger,
    Borgerkontakt,
    Forlaengelse,
    Forloebsopgave,
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
from .services import registrer_visning


class BorgerdataAdmin:
    """An admin whose rows show citizens' data. The list, a row's page, its history and a
    historical version each write the access log for the citizens shown (delete pages, of every
    model, through `BorgereConfig.drift_viste`).
    `borger_sti` is the lookup from the model to the citizen's id. A mixin, before the
    ModelAdmin class (SimpleHistoryAdmin where the model keeps history)."""

    borger_sti = "borger_id"

    def borger_ider(self, pks) -> list[int]:
        return list(self.model.objects.filter(pk__in=pks).values_list(self.borger_sti, flat=True))

    def log(self, request, pks, handling: str) -> None:
        registrer_visning(bruger=request.user, borger_ids=self.borger_ider(pks), handling=handling)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if cl is not None:
            self.log(request, [obj.pk for obj in cl.result_list], Handling.LISTE)
        return response

    def vist(self, request, object_id, response):
        if response.status_code == 200:
            self.log(request, [object_id], Handling.VIST)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.vist(
            request, object_id, super().change_view(request, object_id, form_url, extra_context)
        )

    def history_view(self, request, object_id, extra_context=None):
        return self.vist(
            request, object_id, super().history_view(request, object_id, extra_context)
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self.vist(
            request,
            object_id,
            super().history_form_view(request, object_id, version_id, extra_context),
        )


@admin.register(Ydelsestype)
class YdelsestypeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "gyldig_fra", "gyldig_til"]


@admin.register(Maalgruppe)
class MaalgruppeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "gyldig_fra", "gyldig_til"]


class YdelsesperiodeInline(admin.TabularInline):
    model = Ydelsesperiode
    extra = 0


class MaalgruppeperiodeInline(admin.TabularInline):
    model = Maalgruppeperiode
    extra = 0


@admin.register(Ydelsesperiode, Maalgruppeperiode)
class PeriodeAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["borger", "kategori", "fra", "til"]
    date_hierarchy = "fra"
    raw_id_fields = ["borger"]


@admin.register(Borger)
class BorgerAdmin(BorgerdataAdmin, SimpleHistoryAdmin):
    list_display = ["navn", "cpr_maskeret", "jobcenter"]
    list_filter = ["jobcenter"]
    search_fields = ["efternavn", "fornavn"]
    inlines = [YdelsesperiodeInline, MaalgruppeperiodeInline]
    borger_sti = "pk"


@admin.register(Adgangslog)
class AdgangslogAdmin(admin.ModelAdmin):
    list_display = ["tidspunkt", "brugernavn", "jobcenter", "borger_id", "handling"]
    list_filter = ["handling", "jobcenter"]
    # The citizen by id only: the log says who looked, not who was looked at.
    fields = ["tidspunkt", "bruger", "brugernavn", "jobcenter", "borger_id", "handling"]
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
class JobordrekandidatAdmin(BorgerdataAdmin, admin.ModelAdmin):
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
class PraktikforloebAdmin(BorgerdataAdmin, SimpleHistoryAdmin):
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
class PraktikaftaleAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["forloeb", "formaalstype", "timer_pr_uge"]
    raw_id_fields = ["forloeb"]
    borger_sti = "forloeb__borger_id"


@admin.register(Opfoelgningssamtale, Forlaengelse)
class ForloebsdelAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["forloeb", "__str__"]
    raw_id_fields = ["forloeb"]
    borger_sti = "forloeb__borger_id"


@admin.register(Forloebsopgave)
class ForloebsopgaveAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["opgave", "art", "forloeb"]
    list_filter = ["art"]
    raw_id_fields = ["forloeb", "opgave"]
    borger_sti = "forloeb__borger_id"


@admin.register(Borgerkontakt)
class BorgerkontaktAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["borger", "kontakt", "tilknyttet"]
    raw_id_fields = ["borger", "kontakt"]


@admin.register(Importkoersel)
class ImportkoerselAdmin(admin.ModelAdmin):
    list_display = ["oprettet", "jobcenter", "type", "filnavn", "status", "raekker", "nye"]
    list_filter = ["jobcenter", "type", "status"]
    exclude = ["fil", "eksempel"]
    readonly_fields = ["fejl"]


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
