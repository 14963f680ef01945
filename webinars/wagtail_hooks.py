from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from media_pages.serving import MEDIA_ACCESS_HOOK, access_as_its_pages
from media_pages.spreadsheets import FormulaSafeIndexView
from webinars import home  # noqa: F401 - registers its home page block
from webinars.admin_views import ATTENDANCE_PERMISSION, import_attendance
from webinars.models import Registration, WebinarPage


class RegistrationViewSet(ModelViewSet):
    """Registrations per session: mark attendance, export registrations and attendance as CSV."""

    model = Registration
    index_view_class = FormulaSafeIndexView
    icon = "form"
    menu_label = _("Registrations")
    add_to_admin_menu = False
    list_display = [
        "name",
        "email",
        "organisation",
        "session",
        "status",
        BooleanColumn("attended", label=_("attended")),
        "created_at",
    ]
    list_filter = ["session", "status", "attended"]
    list_export = [
        "session",
        "name",
        "email",
        "organisation",
        "status",
        "attended",
        "created_at",
        "cancelled_at",
    ]
    export_filename = "inscriptions"
    search_fields = ["name", "email", "organisation"]
    form_fields = ["name", "email", "organisation", "status", "attended"]
    ordering = ["-created_at"]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_attendance_import_url():
    return [
        path("webinars/attendance/", import_attendance, name="webinars_attendance_import"),
    ]


class PermissionMenuItem(MenuItem):
    """Shown only to users who hold the permission its page asks for."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def registrations_menu_items():
    return PermissionMenuItem(
        _("Registrations"),
        registration_viewset.menu_url,
        icon_name="form",
        order=250,
        permission="webinars.view_registration",
    )


@hooks.register("register_admin_menu_item")
def attendance_import_menu_item():
    return PermissionMenuItem(
        _("Import attendance"),
        reverse("webinars_attendance_import"),
        icon_name="upload",
        order=251,
        permission=ATTENDANCE_PERMISSION,
    )


@hooks.register(MEDIA_ACCESS_HOOK)
def recordings_as_their_sessions(request, path: str):
    """A recording (and its poster) is served to whoever may see a session that shows it; one
    that no session shows yet (uploaded ahead of publishing) stays with the editors."""
    if path.startswith("media/"):
        sessions = WebinarPage.objects.filter(recording__file=path)
    elif path.startswith("media_thumbnails/"):
        sessions = WebinarPage.objects.filter(recording__thumbnail=path)
    else:
        return None
    return access_as_its_pages(request, sessions)
