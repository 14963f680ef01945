"""Times in recordings as people read them and as links need them: ``{% load timestamps %}``."""

from datetime import date, datetime

from django import template

from media_pages.transcripts import timestamp as format_timestamp

register = template.Library()


@register.filter
def seconds(value: float | int | None) -> int:
    """Whole seconds, for ``#t=`` links and ``data-seek``."""
    return int(value or 0)


@register.filter
def timestamp(value: float | int | None) -> str:
    """``1:02`` or ``1:02:03``."""
    return format_timestamp(float(value or 0))


@register.filter
def machine_datetime(value: datetime | date | None) -> str:
    """An HTML ``datetime`` attribute: whole seconds and the offset (HTML allows at most three
    digits of fraction, ``isoformat`` and ``|date:'c'`` write six)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
