from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from badges import admin_views
from badges.models import Award, AwardRule, BadgeClass, EmailConsent


class BadgeClassViewSet(ModelViewSet):
    model = BadgeClass
    url_prefix = "badges/classes"
    url_namespace = "badges_classes"
    icon = "pick"
    menu_label = _("Badge classes")
    list_display = ["name", "slug", "tags", "created_at"]
    search_fields = ["name", "description", "tags"]
    copy_view_enabled = False


class AwardRuleViewSet(ModelViewSet):
    model = AwardRule
    url_prefix = "badges/rules"
    url_namespace = "badges_rules"
    icon = "cogs"
    menu_label = _("Award rules")
    list_display = [
        "badge_class", "kind", "session", "session_format", "role", "count",
        BooleanColumn("active", label=_("active")),
    ]  # fmt: skip
    list_filter = ["badge_class", "kind", "active"]
    copy_view_enabled = False


class AwardViewSet(ModelViewSet):
    """Awards listed and filtered; editing one revokes it, with its reason."""

    model = Award
    url_prefix = "badges/awards"
    url_namespace = "badges_awards"
    icon = "success"
    menu_label = _("Awards")
    list_display = [
        "badge_class", "name", "email", "issued_on",
        BooleanColumn("revoked", label=_("revoked")), "rule",
    ]  # fmt: skip
    list_filter = ["badge_class", "revoked", "rule", "issued_on"]
    search_fields = ["email", "name"]
    list_export = ["badge_class", "name", "email", "issued_on", "expires", "revoked"]
    export_filename = "badges-decernes"
    panels = [
        FieldPanel("name"),
        FieldPanel("expires"),
        FieldPanel("revoked"),
        FieldPanel("revocation_reason"),
    ]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        # Awards come from the rules or from the manual award form, which checks addresses.
        manual = RedirectView.as_view(pattern_name="badges_manual_award")
        return [
            path("new/", manual, name="add") if pattern.name == "add" else pattern
            for pattern in super().get_urlpatterns()
        ]


class EmailConsentViewSet(ModelViewSet):
    model = EmailConsent
    url_prefix = "badges/consents"
    url_namespace = "badges_consents"
    icon = "mail"
    menu_label = _("Email consents")
    list_display = ["email", "given_at", "source"]
    search_fields = ["email"]
    form_fields = ["email", "source"]
    copy_view_enabled = False


class BadgesViewSetGroup(ViewSetGroup):
    items = (BadgeClassViewSet, AwardRuleViewSet, AwardViewSet, EmailConsentViewSet)
    menu_icon = "pick"
    menu_label = _("Badges")
    menu_name = "badges"


@hooks.register("register_admin_viewset")
def register_badges_viewsets():
    return BadgesViewSetGroup()


@hooks.register("register_admin_urls")
def register_badges_admin_urls():
    return [
        path("badges/award/", admin_views.manual_award, name="badges_manual_award"),
        path("badges/export/", admin_views.export_awards, name="badges_export_awards"),
    ]


class ManualAwardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("badges.add_award")


@hooks.register("register_admin_menu_item")
def manual_award_menu_item():
    return ManualAwardMenuItem(
        _("Award a badge"), reverse("badges_manual_award"), icon_name="pick", order=252
    )


@hooks.register("personal_data_export")
def badges_of_address(email: str) -> dict:
    return {"badges": admin_views.awards_of(email)}
