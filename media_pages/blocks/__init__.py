"""StreamField blocks, split by family; ``BodyBlock`` is the rich body most pages use."""

from wagtail import blocks

from .media import CaptionedImageBlock, DocumentLinkBlock, TitledEmbedBlock
from .text import CalloutBlock, HeadingBlock, QuoteBlock, paragraph_block


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    embed = TitledEmbedBlock()
    document = DocumentLinkBlock()

    class Meta:
        template = "blocks/body_block.html"


__all__ = [
    "BodyBlock",
    "CalloutBlock",
    "CaptionedImageBlock",
    "DocumentLinkBlock",
    "HeadingBlock",
    "QuoteBlock",
    "TitledEmbedBlock",
    "paragraph_block",
]
