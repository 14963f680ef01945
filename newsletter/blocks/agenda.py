"""Upcoming sessions, read from the webinar pages when that page type exists."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page


def upcoming_sessions(limit: int) -> list[Page]:
    """Live public webinars starting from now, soonest first; empty without the model.

    The webinar page type (``media_pages.WebinarPage`` with aware ``start``/``end``) is built
    in another branch: looking it up lazily lets this block work before and after it lands.
    """
    try:
        webinar_model = apps.get_model("media_pages", "WebinarPage")
    except LookupError:
        return []
    return list(
        webinar_model.objects.live()
        .public()
        .filter(start__gte=timezone.now())
        .order_by("start")[:limit]
    )


class AgendaValue(blocks.StructValue):
    def sessions(self) -> list[Page]:
        return upcoming_sessions(self.get("count") or 5)


class AgendaBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Upcoming sessions"))
    count = blocks.IntegerBlock(label=_("Number of sessions"), min_value=1, max_value=20, default=5)

    class Meta:
        icon = "date"
        label = _("Agenda of upcoming sessions")
        template = "newsletter/blocks/agenda.html"
        value_class = AgendaValue
