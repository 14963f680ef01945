"""A page chooser for blocks whose pages are shown to the public (newsletter cards).

The chooser offers only pages of ``media_pages.visibility`` (the ``user_perms`` value is how a
widget's option reaches Wagtail's chooser views and the ``construct_page_chooser_queryset``
hook), and saving refuses a page that is private, not published yet or expired.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.widgets import AdminPageChooser

from media_pages.visibility import is_visible

PUBLIC_PAGES_ONLY = "public_pages_only"


class PublicPageChooserBlock(blocks.PageChooserBlock):
    @cached_property
    def widget(self):
        return AdminPageChooser(
            target_models=self.target_models,
            can_choose_root=self.can_choose_root,
            user_perms=PUBLIC_PAGES_ONLY,
        )

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not is_visible(value):
            raise ValidationError(
                _(
                    "“%(title)s” is not public (private, not published yet or expired): "
                    "it cannot be shown to readers."
                )
                % {"title": value.title}
            )
        return value

    def deconstruct(self):
        # Migrations keep Wagtail's own path: the choice of pages is not part of the schema, and
        # no migration is needed when a block switches to this chooser.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs
