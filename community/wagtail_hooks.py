from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community.models import Person, Role


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation"]


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Roles")
    list_display = ["name_fr", "name_en", "podcast_role"]
    ordering = ["sort_order", "name_fr"]


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, RoleViewSet)
    menu_icon = "group"
    menu_label = _("Community")
    menu_name = "community"


register_snippet(CommunityViewSetGroup)
