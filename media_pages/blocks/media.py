import re
from urllib.parse import urlsplit

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text (Wagtail's ImageBlock asks for it) and a caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class TitledEmbedBlock(blocks.StructBlock):
    """An embed whose iframe gets a title, which screen readers announce (RGAA 2.1)."""

    url = EmbedBlock(label=_("Address"))
    title = blocks.CharBlock(
        label=_("Accessible title"), help_text=_("Describes the embedded content.")
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"

    def get_context(self, value, parent_context=None):
        """The provider's markup, titled, for the click-to-load consent (nothing loads before)."""
        context = super().get_context(value, parent_context)
        embed = value.get("url")
        host = urlsplit(embed.url).hostname if embed else None
        context["provider"] = (host or "").removeprefix("www.")
        context["frame_html"] = titled_frame(embed.html if embed else "", value.get("title", ""))
        return context


OBSOLETE_FRAMEBORDER = re.compile(r"""\sframeborder=["']?\d*["']?""", re.IGNORECASE)


def titled_frame(markup: str, title: str) -> SafeString:
    """The provider's iframe with the editor's accessible title (providers rarely give one)."""
    markup = OBSOLETE_FRAMEBORDER.sub("", markup)
    if "<iframe" in markup and " title=" not in markup:
        markup = markup.replace("<iframe", format_html('<iframe title="{}"', title), 1)
    # The provider's oEmbed markup, trusted as Wagtail's own embed template trusts it.
    return mark_safe(markup)


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link.html"
