from django import template

from media_pages.structured_data import json_ld, session_event_data
from media_pages.transcripts import timestamp

register = template.Library()


@register.simple_tag(takes_context=True)
def session_json_ld(context, session):
    request = context["request"]
    return json_ld(session_event_data(session, f"{request.scheme}://{request.get_host()}"))


@register.filter
def clock(seconds: float) -> str:
    return timestamp(seconds)


@register.filter
def whole_seconds(seconds: float) -> int:
    return int(seconds)
