"""The query parameters of the sessions index, validated before they touch the database."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from media_pages.models import PageTag
from webinars.choices import SessionFormat


class SessionFilterForm(forms.Form):
    """``?format=atelier&year=2026&tag=numerique``; any bad value makes the form invalid.

    ``page`` is read by ``media_pages.pagination`` like on every listing: a bad one is page 1.
    """

    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *SessionFormat.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=100)

    def apply(self, sessions):
        data = self.cleaned_data
        if data.get("format"):
            sessions = sessions.filter(session_format=data["format"])
        if data.get("year"):
            # The year of the session as lived in Paris, not in UTC (31 December, 23:30).
            sessions = sessions.filter(start__year=data["year"])
        if data.get("tag"):
            tagged = PageTag.objects.filter(tag__slug=data["tag"]).values("content_object_id")
            sessions = sessions.filter(pk__in=tagged)
        return sessions

    def query_without_page(self) -> str:
        kept = {
            key: value
            for key, value in self.cleaned_data.items()
            if key != "page" and value not in (None, "")
        }
        return urlencode(kept)
