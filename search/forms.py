import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .results import FACET_NAMES, FORMAT_LABELS

MAX_QUERY_LENGTH = 200
SORTS = [("relevance", _("Relevance")), ("date", _("Date, newest first"))]
slug_value = RegexValidator(re.compile(r"^[-\w]+\Z"), _("Not a valid filter value."))
type_value = RegexValidator(re.compile(r"^[a-z_]+\.[a-z0-9_]+\Z"), _("Not a valid content type."))


class SearchForm(forms.Form):
    """Validates the query string field by field: a bad value falls back, it never fails.

    A bad page number falls back to 1, a bad sort to relevance, a filter that is not understood
    is ignored (and ``ignored_filters`` says so), a long query is cut.
    """

    q = forms.CharField(label=_("Search the site"), required=False, strip=True)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    type = forms.CharField(required=False, max_length=100, validators=[type_value])
    format = forms.ChoiceField(choices=[(k, k) for k in FORMAT_LABELS], required=False)
    tag = forms.CharField(required=False, max_length=100, validators=[slug_value])
    person = forms.CharField(required=False, max_length=160, validators=[slug_value])
    role = forms.CharField(required=False, max_length=80, validators=[slug_value])
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].replace("\x00", "")
        return query[:MAX_QUERY_LENGTH]

    def _value(self, name: str, default=None):
        self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    def query(self) -> str:
        return self._value("q", "")

    def page_number(self) -> int:
        return self._value("page", 1)

    def sort_order(self) -> str:
        return self._value("sort", "relevance")

    def filters(self) -> dict[str, str]:
        """The understood facet filters, as strings (``{"year": "2024", "tag": "evaluation"}``)."""
        values = {name: self._value(name) for name in FACET_NAMES}
        return {name: str(value) for name, value in values.items() if value is not None}

    def ignored_filters(self) -> list[str]:
        self.is_valid()
        return [name for name in (*FACET_NAMES, "sort", "page") if name in self.errors]
