from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Aftale,
    Arbejdssted,
    Branche,
    Jobordre,
    Kontakt,
    Kontaktperson,
    Mentor,
    Opgave,
    Plads,
    Segment,
    Virksomhed,
    Virksomhedscenter,
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


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["navn", "jobcenter"]
    list_filter = ["jobcenter"]


@admin.register(Kontakt)
class KontaktAdmin(admin.ModelAdmin):
    list_display = ["dato", "virksomhed", "jobcenter", "kanal", "initiativ", "formaal"]
    list_filter = ["jobcenter", "kanal", "initiativ", "formaal"]
    date_hierarchy = "dato"
    autocomplete_fields = ["virksomhed"]
    raw_id_fields = ["kontaktperson", "arbejdssted"]


@admin.register(Opgave)
class OpgaveAdmin(admin.ModelAdmin):
    list_display = ["titel", "virksomhed", "ansvarlig", "frist", "udfoert"]
    list_filter = ["jobcenter", "art"]
    date_hierarchy = "frist"
    raw_id_fields = ["virksomhed", "kontakt", "aftale"]


@admin.register(Jobordre)
class JobordreAdmin(admin.ModelAdmin):
    list_display = ["stilling", "virksomhed", "jobcenter", "antal", "frist", "status"]
    list_filter = ["jobcenter", "status"]
    autocomplete_fields = ["virksomhed"]


@admin.register(Aftale)
class AftaleAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "virksomhed", "jobcenter", "type", "status", "start", "slut"]
    list_filter = ["jobcenter", "type", "status"]
    autocomplete_fields = ["virksomhed"]


class PladsInline(admin.TabularInline):
    model = Plads
    extra = 0


class MentorInline(admin.TabularInline):
    model = Mentor
    extra = 0


@admin.register(Virksomhedscenter)
class VirksomhedscenterAdmin(admin.ModelAdmin):
    list_display = ["navn", "virksomhed", "jobcenter", "form", "aktiv"]
    list_filter = ["jobcenter", "form", "aktiv"]
    autocomplete_fields = ["virksomhed"]
    inlines = [PladsInline, MentorInline]


@admin.register(Plads)
class PladsAdmin(admin.ModelAdmin):
    list_display = ["virksomhedscenter", "funktion", "aktiv"]
    list_filter = ["aktiv"]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["navn", "virksomhedscenter", "uddannet"]
