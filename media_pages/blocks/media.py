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


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link.html"
