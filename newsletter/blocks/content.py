from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from media_pages.blocks.public_pages import PublicPageChooserBlock


class CallToActionValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        return (page.url if page else "") or self.get("link") or ""


class CallToActionBlock(blocks.StructBlock):
    """A button towards a page of the site or an outside address."""

    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = PublicPageChooserBlock(label=_("Page of the site"), required=False)
    link = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "newsletter/blocks/call_to_action.html"
        value_class = CallToActionValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("link")):
            raise StructBlockValidationError(
                block_errors={
                    "link": ValidationError(_("Choose a page of the site or give an address."))
                }
            )
        return value
