from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from borgere.admin import BorgerdataAdmin

from .models import (
    Analyse,
    Besvarelse,
    Diagram,
    Hold,
    Indsats,
    Institutionskontakt,
    Kursus,
    Kursuskob,
    Kursusnoegletal,
    Meddelelse,
    Netvaerk,
    Netvaerksmedlem,
    Netvaerksmoede,
    Runde,
    Sektion,
    Spoergeskema,
    Spoergsmaal,
    Svar,
    Tildeling,
    Tilmelding,
    Uddannelsesinstitution,
)


class KontaktInline(admin.TabularInline):
    model = Institutionskontakt
    extra = 0


@admin.register(Uddannelsesinstitution)
class UddannelsesinstitutionAdmin(admin.ModelAdmin):
    list_display = ["navn", "type", "kommune"]
    list_filter = ["type"]
    search_fields = ["navn"]
    inlines = [KontaktInline]


@admin.register(Kursus)
class KursusAdmin(admin.ModelAdmin):
    list_display = ["titel", "amu_kode", "varighed_dage"]
    search_fields = ["titel", "amu_kode"]


@admin.register(Hold)
class HoldAdmin(SimpleHistoryAdmin):
    list_display = ["kursus", "institution", "startdato", "kapacitet", "minimum"]
    list_select_related = ["kursus", "institution"]


class TildelingInline(admin.TabularInline):
    model = Tildeling
    extra = 0
    fields = ["jobcenter", "pladser", "frigivet", "sekundaer", "bekraeftet"]
    readonly_fields = ["bekraeftet"]


@admin.register(Kursuskob)
class KursuskobAdmin(SimpleHistoryAdmin):
    """Operations only: the purchase's citizens are not shown here (each jobcentre's own)."""

    list_display = ["hold", "fase", "primaert_jobcenter", "tovholder"]
    list_filter = ["fase", "samarbejdsmodel"]
    list_select_related = ["hold__kursus", "hold__institution", "primaert_jobcenter", "tovholder"]
    inlines = [TildelingInline]
    raw_id_fields = ["hold", "tovholder", "virksomheder"]


class MedlemInline(admin.TabularInline):
    model = Netvaerksmedlem
    extra = 0


@admin.register(Netvaerk)
class NetvaerkAdmin(admin.ModelAdmin):
    list_display = ["navn", "organisering"]
    inlines = [MedlemInline]


@admin.register(Institutionskontakt)
class InstitutionskontaktAdmin(admin.ModelAdmin):
    list_display = ["navn", "titel", "institution"]
    search_fields = ["navn"]


@admin.register(Tildeling)
class TildelingAdmin(SimpleHistoryAdmin):
    list_display = ["kursuskob", "jobcenter", "pladser", "frigivet", "bekraeftet"]
    list_select_related = ["kursuskob__hold__kursus", "kursuskob__hold__institution", "jobcenter"]


@admin.register(Tilmelding)
class TilmeldingAdmin(BorgerdataAdmin, SimpleHistoryAdmin):
    """Counts per status for operations; the citizen is shown by id only."""

    list_display = ["pk", "kursuskob", "jobcenter", "status", "udfald"]
    list_filter = ["status", "udfald"]
    list_select_related = ["kursuskob__hold__kursus", "kursuskob__hold__institution", "jobcenter"]
    raw_id_fields = ["kursuskob", "borger", "henvist_af"]


@admin.register(Meddelelse)
class MeddelelseAdmin(admin.ModelAdmin):
    list_display = ["emne", "kursuskob", "sendt"]


@admin.register(Netvaerksmedlem)
class NetvaerksmedlemAdmin(admin.ModelAdmin):
    list_display = ["netvaerk", "jobcenter", "rolle"]


@admin.register(Netvaerksmoede)
class NetvaerksmoedeAdmin(admin.ModelAdmin):
    list_display = ["netvaerk", "dato", "art"]


@admin.register(Kursusnoegletal)
class KursusnoegletalAdmin(admin.ModelAdmin):
    list_display = ["dato", "jobcenter", "netvaerk", "beregnet"]


class SpoergsmaalInline(admin.TabularInline):
    model = Spoergsmaal
    extra = 0


@admin.register(Spoergeskema)
class SpoergeskemaAdmin(admin.ModelAdmin):
    list_display = ["navn", "skabelon"]


@admin.register(Sektion)
class SektionAdmin(admin.ModelAdmin):
    list_display = ["titel", "skema", "raekkefoelge"]
    inlines = [SpoergsmaalInline]


@admin.register(Spoergsmaal)
class SpoergsmaalAdmin(admin.ModelAdmin):
    list_display = ["kode", "type", "faktor", "sektion"]
    list_filter = ["type", "faktor"]


@admin.register(Runde)
class RundeAdmin(admin.ModelAdmin):
    list_display = ["navn", "skema", "frist", "lukket"]
    filter_horizontal = ["jobcentre"]


@admin.register(Besvarelse)
class BesvarelseAdmin(admin.ModelAdmin):
    list_display = ["runde", "jobcenter", "afsendt", "importeret"]
    list_filter = ["importeret"]


@admin.register(Svar)
class SvarAdmin(admin.ModelAdmin):
    list_display = ["besvarelse", "spoergsmaal", "vaerdi"]
    list_select_related = ["besvarelse__runde", "besvarelse__jobcenter", "spoergsmaal"]


@admin.register(Analyse)
class AnalyseAdmin(admin.ModelAdmin):
    list_display = ["runde", "metode", "beregnet"]


@admin.register(Diagram)
class DiagramAdmin(admin.ModelAdmin):
    """The stored pictures: drawn by the computation, never edited by hand."""

    list_display = ["analyse", "gruppe", "type", "forrige"]
    list_select_related = ["analyse__runde", "forrige__runde"]
    exclude = ["svg", "png"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Indsats)
class IndsatsAdmin(admin.ModelAdmin):
    list_display = ["titel", "netvaerk", "faktor", "ansvarlig", "status"]
