"""Filters for the email templates: which template draws a block, plain text from rich text."""

from urllib.parse import urljoin

from django import template
from lxml import html as lxml_html

register = template.Library()

# Block types drawn alike in an email: both kinds of page cards are a list of cards.
EMAIL_TEMPLATE_OF_BLOCK = {"featured": "cards", "recent": "cards"}

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "hr"}


@register.filter
def email_template(block, extension: str) -> str:
    """``newsletter/email/blocks/<name>.<html|txt>`` for a block of the issue's body."""
    name = EMAIL_TEMPLATE_OF_BLOCK.get(block.block_type, block.block_type)
    return f"newsletter/email/blocks/{name}.{extension}"


@register.filter
def html_to_text(value: str, base_url: str = "") -> str:
    """Rich text as readable plain text: paragraphs, "- " list items, "text (address)" links.

    Relative addresses are joined to ``base_url``: a plain-text email has nothing to resolve
    them against.
    """
    if not value or not str(value).strip():
        return ""
    fragment = lxml_html.fragment_fromstring(str(value), create_parent="div")
    for link in fragment.iter("a"):
        href = urljoin(base_url + "/", link.get("href", "")) if base_url else link.get("href", "")
        label = link.text_content().strip()
        if href and href != label and not href.startswith("#"):
            link.tail = f" ({href})" + (link.tail or "")
    for item in fragment.iter("li"):
        item.text = "- " + (item.text or "")
        item.tail = "\n" + (item.tail or "")
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in fragment.iter(*BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    lines = [line.strip() for line in fragment.text_content().splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
