import django_filters
from django import forms

from jobcenter.forms import HurtigSelect, Soegefelt

from .models import Sektor, Stoerrelse, Virksomhed


class Soegefilter(django_filters.CharFilter):
    field_class = Soegefelt


class VirksomhedFilter(django_filters.FilterSet):
    q = Soegefilter(label="Søg på navn, CVR- eller P-nummer", method="filter_soeg")
    sektor = django_filters.ChoiceFilter(choices=Sektor.choices, empty_label="Alle sektorer")
    stoerrelse = django_filters.ChoiceFilter(
        label="Størrelse", choices=Stoerrelse.choices, empty_label="Alle størrelser"
    )

    class Meta:
        model = Virksomhed
        fields = ["q", "branche", "sektor", "kommune", "stoerrelse"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branche"].extra["empty_label"] = "Alle brancher"
        self.filters["kommune"].extra["empty_label"] = "Alle kommuner"
        # Every filter is optional; the form need not say so on each field.
        self.form.skjul_frivilligt = True
        for felt in self.form.fields.values():
            if type(felt.widget) is forms.Select:
                felt.widget = HurtigSelect(attrs=felt.widget.attrs, choices=felt.widget.choices)

    def filter_soeg(self, queryset, name, value):
        return queryset.soeg(value)
