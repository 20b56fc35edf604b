from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Beregning, Bruger, Jobcenter, Kommune


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ["kommunenummer", "navn", "beskaeftigelsesregion"]
    list_filter = ["beskaeftigelsesregion"]
    search_fields = ["navn", "kommunenummer"]


@admin.register(Jobcenter)
class JobcenterAdmin(admin.ModelAdmin):
    list_display = ["kommunenummer", "navn", "beskaeftigelsesregion"]
    list_filter = ["beskaeftigelsesregion"]
    search_fields = ["navn", "kommunenummer"]


@admin.register(Bruger)
class BrugerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "rolle", "jobcenter", "is_active"]
    list_filter = ["rolle", "jobcenter", "is_active", "is_superuser"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Jobcenter og rolle", {"fields": ["jobcenter", "rolle"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Jobcenter og rolle", {"fields": ["jobcenter", "rolle"]}),
    ]


@admin.register(Beregning)
class BeregningAdmin(admin.ModelAdmin):
    list_display = ["navn", "dato", "afsluttet"]
    list_filter = ["navn"]
    readonly_fields = ["navn", "dato", "afsluttet"]
