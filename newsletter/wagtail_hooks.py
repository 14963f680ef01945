from django.contrib import messages
from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from media_pages.spreadsheets import FormulaSafeIndexView
from newsletter import home  # noqa: F401 - registers its home page block

from . import admin_views
from .email import send_test
from .models import NewsletterPage, NewsletterSend, Subscriber


class PartialModelViewSet(ModelViewSet):
    """A model viewset with some views left out, whose pages link to none of them."""

    kept_views: tuple[str, ...] | None = None
    dropped_views: tuple[str, ...] = ()

    def keeps(self, name: str) -> bool:
        if self.kept_views is not None:
            return name in self.kept_views
        return name not in self.dropped_views

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if self.keeps(pattern.name)]

    def get_common_view_kwargs(self, **kwargs):
        # The listing draws an "add" (edit, delete…) button for each view it is given the name
        # of: a dropped view's name would be a NoReverseMatch, a 500.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for key, url_name in view_kwargs.items():
            if key.endswith("_url_name") and url_name and ":" in url_name:
                view = url_name.rsplit(":", 1)[1]
                if view not in ("index", "index_results") and not self.keeps(view):
                    view_kwargs[key] = None
        return view_kwargs


class SubscriberViewSet(PartialModelViewSet):
    """List, search, filter, export (CSV/XLSX) and delete subscribers' data."""

    model = Subscriber
    index_view_class = FormulaSafeIndexView
    url_prefix = "newsletter/subscribers"
    url_namespace = "newsletter_subscribers"
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    list_display = ["email", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    list_export = ["email", "language", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "abonnes"
    form_fields = ["language", "status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    copy_view_enabled = False

    # Subscribers come only through the double opt-in form, never typed in by an editor.
    dropped_views = ("add",)


class SendingViewSet(PartialModelViewSet):
    model = NewsletterSend
    url_prefix = "newsletter/sendings"
    url_namespace = "newsletter_sendings"
    icon = "mail"
    menu_label = gettext_lazy("Sendings")
    list_display = [
        "issue",
        "requested_at",
        Column("progress_label", label=gettext_lazy("Progress")),
        "finished_at",
        "last_error",
    ]
    form_fields = []
    copy_view_enabled = False

    kept_views = ("index", "index_results")


class NewsletterViewSetGroup(ViewSetGroup):
    items = (SubscriberViewSet, SendingViewSet)
    menu_icon = "mail"
    menu_label = gettext_lazy("Newsletter")
    menu_name = "newsletter"


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path(
            "newsletter/issues/<int:page_id>/sending/",
            admin_views.issue_sending,
            name="newsletter_issue_sending",
        ),
        path(
            "newsletter/issues/<int:page_id>/sending/confirm/",
            admin_views.confirm_sending,
            name="newsletter_issue_send_confirm",
        ),
        path(
            "newsletter/subscriber-data/<int:pk>/",
            admin_views.export_subscriber,
            name="newsletter_export_subscriber",
        ),
    ]


class SendingMenuItem(PageMenuItem):
    label = gettext_lazy("Sending")
    icon_name = "mail"
    url_name = "newsletter_issue_sending"

    def is_shown(self, user):
        return self.page.specific_class is NewsletterPage and admin_views.can_send(user)


def _sending_buttons(page, user, priority):
    yield SendingMenuItem(page=page, priority=priority)


@hooks.register("register_page_header_buttons")
def issue_header_buttons(page, user, view_name, next_url=None):
    yield from _sending_buttons(page, user, 40)


@hooks.register("register_page_listing_buttons")
def issue_listing_buttons(page, user, next_url=None):
    # A button of its own in the row, not hidden in the "…" menu.
    yield from _sending_buttons(page, user, 15)


class SendTestMenuItem(ActionMenuItem):
    name = "action-send-test"
    label = gettext_lazy("Save draft and send me a test")
    icon_name = "mail"
    order = 15

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, NewsletterPage)
            and not context.get("locked_for_user")
        )


@hooks.register("register_page_action_menu_item")
def register_send_test_menu_item():
    return SendTestMenuItem()


@hooks.register("after_edit_page")
def send_test_after_saving(request, page):
    if "action-send-test" not in request.POST or not isinstance(page.specific, NewsletterPage):
        return None
    if not request.user.email:
        messages.error(request, _("Your account has no email address to send the test to."))
        return None
    send_test(page.specific.get_latest_revision_as_object(), request.user.email)
    messages.success(request, _("A test was sent to %(email)s.") % {"email": request.user.email})
    return None


@hooks.register("register_permissions")
def register_send_permission():
    return Permission.objects.filter(
        content_type__app_label="newsletter",
        codename__in=[
            "send_newsletter",
            "view_newslettersend",
            "view_subscriber",
            "change_subscriber",
            "delete_subscriber",
        ],
    )
