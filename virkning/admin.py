from django.contrib import admin

from borgere.admin import BorgerdataAdmin

from .models import Forsoeg, Instrument, Lodtraekning, Maaling


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["navn", "kode", "version", "jobcenter", "aktiv"]
    list_filter = ["art", "aktiv"]


@admin.register(Maaling)
class MaalingAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["instrument", "dato", "jobcenter"]
    raw_id_fields = ["borger", "forloeb", "tilmelding"]


@admin.register(Forsoeg)
class ForsoegAdmin(admin.ModelAdmin):
    list_display = ["navn", "jobcenter", "fra", "til", "slut"]


@admin.register(Lodtraekning)
class LodtraekningAdmin(BorgerdataAdmin, admin.ModelAdmin):
    list_display = ["forsoeg", "gruppe", "indgang"]
    raw_id_fields = ["borger"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
