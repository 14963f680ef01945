"""The blocks of an issue's body; each renders for the web page and for the email."""

from wagtail import blocks

from media_pages.blocks import CaptionedImageBlock, HeadingBlock, paragraph_block

from .agenda import AgendaBlock, upcoming_sessions
from .cards import Card, FeaturedContentBlock, RecentContentBlock, page_card
from .content import CallToActionBlock


class NewsletterBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    featured = FeaturedContentBlock()
    agenda = AgendaBlock()
    recent = RecentContentBlock()

    class Meta:
        template = "blocks/body_block.html"


__all__ = [
    "AgendaBlock",
    "CallToActionBlock",
    "Card",
    "FeaturedContentBlock",
    "NewsletterBodyBlock",
    "RecentContentBlock",
    "page_card",
    "upcoming_sessions",
]
