"""Upcoming sessions for the newsletter's agenda block."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page

from media_pages.visibility import visible_pages
from webinars.models import WebinarPage


def upcoming_sessions(limit: int) -> list[Page]:
    """Live public sessions starting from now, soonest first."""
    return list(
        visible_pages(WebinarPage.objects.all())
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
