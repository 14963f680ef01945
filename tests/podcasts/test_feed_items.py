"""Feed items are written as text: escaped exactly as lxml writes the same tree."""

import datetime
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from podcasts.feed_items import attribute, rfc2822, text
from podcasts.feed_rows import xml_text


@given(st.text())
@example("&amp; <p> ]]> \"'\r\n\t é 🎧 &nbsp;")
def test_text_and_attributes_are_escaped_as_lxml_escapes_them(value):
    value = xml_text(value)
    element = etree.Element("a", b=value)
    element.text = value
    written = etree.tostring(element, encoding="unicode")
    assert written == f'<a b="{attribute(value)}">{text(value)}</a>'
    parsed = etree.fromstring(written)
    assert (parsed.get("b"), parsed.text or "") == (value, value)


@given(st.datetimes(timezones=st.sampled_from([datetime.UTC, ZoneInfo("Europe/Paris")])))
def test_publication_dates_are_written_as_email_utils_writes_them(moment):
    assert rfc2822(moment) == format_datetime(moment)
