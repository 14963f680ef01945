from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community.models import Person, Role


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "organisation", "role_form"]
    search_fields = ["name", "organisation"]


class RoleChoiceColumns:
    """Each role with what it means, so an editor can pick the right one of the fifteen."""

    @property
    def columns(self):
        return [*super().columns, Column("description", label=_("What this role does"))]


class RoleChooseView(RoleChoiceColumns, ChooseView):
    pass


class RoleChooseResultsView(RoleChoiceColumns, ChooseResultsView):
    pass


class RoleChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RoleChooseView
    choose_results_view_class = RoleChooseResultsView


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Roles")
    list_display = ["name_fr", "name_en", "name_fr_inclusive", "podcast_role"]
    ordering = ["sort_order", "name_fr"]
    chooser_viewset_class = RoleChooserViewSet
    # The collective has fifteen roles: all on one page of the chooser, in their order.
    chooser_per_page = 50


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, RoleViewSet)
    menu_icon = "group"
    menu_label = _("Community")
    menu_name = "community"


register_snippet(CommunityViewSetGroup)
