from django.contrib import admin

from .models import (
    Arbejdssted,
    Branche,
    Kontaktperson,
    Virksomhed,
    Virksomhedsforhold,
    Virksomhedsnotat,
)


@admin.register(Branche)
class BrancheAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn"]
    search_fields = ["kode", "navn"]


class ArbejdsstedInline(admin.TabularInline):
    model = Arbejdssted
    extra = 0
    autocomplete_fields = ["kommune"]


class KontaktpersonInline(admin.TabularInline):
    model = Kontaktperson
    extra = 0


@admin.register(Virksomhed)
class VirksomhedAdmin(admin.ModelAdmin):
    list_display = ["navn", "cvr", "branche", "sektor", "stoerrelse", "kommune"]
    list_filter = ["sektor", "stoerrelse", "branche"]
    search_fields = ["navn", "cvr"]
    autocomplete_fields = ["kommune"]
    inlines = [ArbejdsstedInline, KontaktpersonInline]


@admin.register(Arbejdssted)
class ArbejdsstedAdmin(admin.ModelAdmin):
    list_display = ["navn", "pnummer", "virksomhed", "kommune"]
    search_fields = ["navn", "pnummer", "virksomhed__navn"]
    autocomplete_fields = ["virksomhed", "kommune"]


@admin.register(Kontaktperson)
class KontaktpersonAdmin(admin.ModelAdmin):
    list_display = ["navn", "niveau", "virksomhed"]
    search_fields = ["navn", "virksomhed__navn"]
    autocomplete_fields = ["virksomhed"]


@admin.register(Virksomhedsforhold)
class VirksomhedsforholdAdmin(admin.ModelAdmin):
    list_display = ["virksomhed", "jobcenter", "kontaktansvarlig"]
    list_filter = ["jobcenter"]
    autocomplete_fields = ["virksomhed"]


@admin.register(Virksomhedsnotat)
class VirksomhedsnotatAdmin(admin.ModelAdmin):
    list_display = ["virksomhed", "jobcenter", "forfatter", "oprettet"]
    list_filter = ["jobcenter"]
    autocomplete_fields = ["virksomhed"]
