"""Times in recordings as people read them and as links need them: ``{% load timestamps %}``."""

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
