"""Cards built from pages chosen on the site: featured content and "published since"."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page

from media_pages.blocks.public_pages import PublicPageChooserBlock
from media_pages.visibility import visible_pages


@dataclass(frozen=True)
class Card:
    title: str
    url: str
    summary: str
    image: object | None


def page_card(page: Page) -> Card:
    """A card from any page: ``get_summary()`` and the cover when the page type has them."""
    specific = page.specific
    summary = specific.get_summary() if hasattr(specific, "get_summary") else ""
    image_getter = getattr(specific, "get_social_image", None)
    image = image_getter() if image_getter else getattr(specific, "cover", None)
    return Card(title=specific.title, url=specific.url or "", summary=summary, image=image)


class CardsValue(blocks.StructValue):
    def cards(self) -> list[Card]:
        # Unpublished, private, future or deleted pages drop out instead of being shown or mailed.
        pages = [page for page in self.get("pages") or [] if page]
        shown = set(
            visible_pages().filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True)
        )
        return [page_card(page) for page in pages if page.pk in shown]


class FeaturedContentBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    pages = blocks.ListBlock(PublicPageChooserBlock(label=_("Page")), label=_("Pages"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Featured content")
        template = "newsletter/blocks/cards.html"
        value_class = CardsValue


class RecentContentBlock(blocks.StructBlock):
    """Filled in with what was published since the previous issue when an issue is created."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, default=_("Published since the last issue")
    )
    # No empty required row when the block is added by hand: rows left empty are dropped, and a
    # block without any page says so in words instead of a bare "required field".
    pages = blocks.ListBlock(
        PublicPageChooserBlock(label=_("Page"), required=False),
        label=_("Pages"),
        default=[],
        help_text=_("Pre-filled with the new content; remove what you do not want to mention."),
    )

    def clean(self, value):
        value = super().clean(value)
        chosen = [page for page in value.get("pages") or [] if page]
        if not chosen:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "pages": ValidationError(
                        _(
                            "Choose at least one page to announce, or remove this block. "
                            "A new issue starts with the pages published since the last one."
                        )
                    )
                }
            )
        value["pages"] = blocks.list_block.ListValue(
            self.child_blocks["pages"], [page for page in value["pages"] if page]
        )
        return value

    class Meta:
        icon = "date"
        label = _("Published since the last issue")
        template = "newsletter/blocks/cards.html"
        value_class = CardsValue
