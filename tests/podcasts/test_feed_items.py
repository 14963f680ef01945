"""Feed items are written as text: escaped exactly as lxml writes the same tree."""

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from podcasts.feed_items import attribute, text
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
