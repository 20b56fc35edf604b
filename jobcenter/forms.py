from django import forms


class DatoInput(forms.DateInput):
    """The browser's own date picker; it submits ISO dates, which every date field accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
