from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """Validates the query string: a bad page number falls back to 1, a long query is cut."""

    q = forms.CharField(label=_("Search the site"), required=False, strip=True)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].replace("\x00", "")
        return query[:MAX_QUERY_LENGTH]

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    def page_number(self) -> int:
        if self.is_valid():
            return self.cleaned_data.get("page") or 1
        return 1
