import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from media_pages.lazy_context import when_read
from media_pages.models import BasePage, HomePage, SitemapPage
from media_pages.pagination import paginate
from media_pages.routing import FileRoutesMixin, permanent_redirect
from media_pages.visibility import visible_pages
from newsletter.blocks import NewsletterBodyBlock
from newsletter.email import preview_email
from newsletter.feeds import archive_feed
from newsletter.forms import NewsletterPageForm
from newsletter.page_views import subscribe_form_view
from newsletter.panels import SendingLinkPanel
from newsletter.subscriptions import CONFIRMATION_RESEND_INTERVAL

from .sending import NewsletterSend
from .subscribers import LANGUAGE_CHOICES

LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
ISSUES_PER_PAGE = 12
RECENT_LIMIT = 12
FIRST_ISSUE_LOOKBACK = timedelta(days=60)

DEFAULT_CONSENT_TEXT = (
    "J’accepte de recevoir la lettre d’information du collectif à cette adresse. "
    "Mon adresse ne sert qu’à cet envoi et n’est jamais cédée ; je peux me désabonner "
    "à tout moment par le lien présent dans chaque lettre."
)


class NewsletterIndexPage(FileRoutesMixin, BasePage):
    """The public archive of issues, its RSS feed and the subscription form."""

    consent_text = models.TextField(
        _("consent text"),
        default=DEFAULT_CONSENT_TEXT,
        help_text=_(
            "Shown next to the subscription checkbox. Each subscriber's record keeps the exact "
            "wording they accepted."
        ),
    )

    parent_page_types = ["media_pages.HomePage"]
    subpage_types = ["newsletter.NewsletterPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("consent_text")]

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def issues(self):
        return (
            visible_pages(NewsletterPage.objects.child_of(self))
            .select_related("cover")
            .order_by("-first_published_at", "-pk")
        )

    def last_issue_date(self) -> datetime:
        """When the previous issue went out (or was published); 60 days ago for the first one."""
        previous = NewsletterPage.objects.child_of(self).live().order_by("-first_published_at")
        latest = previous.values_list("first_published_at", flat=True).first()
        sent = (
            NewsletterSend.objects.filter(issue__in=previous)
            .order_by("-requested_at")
            .values_list("requested_at", flat=True)
            .first()
        )
        dates = [date for date in (latest, sent) if date]
        return max(dates) if dates else timezone.now() - FIRST_ISSUE_LOOKBACK

    def published_since_last_issue(self) -> list[Page]:
        return list(
            visible_pages()
            .filter(first_published_at__gt=self.last_issue_date())
            .not_type(NewsletterPage, NewsletterIndexPage, HomePage, SitemapPage)
            .order_by("-first_published_at")[:RECENT_LIMIT]
        )

    def initial_issue_body(self) -> list[dict]:
        """What a new issue starts with: one "published since" block listing the new pages."""
        pages = self.published_since_last_issue()
        if not pages:
            return []
        return [{"type": "recent", "value": {"pages": [page.pk for page in pages]}}]

    @path("", name="archive")
    def archive(self, request: HttpRequest) -> HttpResponse:
        page_obj = when_read(lambda: paginate(request, self.issues(), ISSUES_PER_PAGE))
        return self.render(request, context_overrides={"page_obj": page_obj})

    @path("feed.xml", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        return archive_feed(self, request)

    @path("rss/")
    def former_feed(self, request: HttpRequest) -> HttpResponse:
        return permanent_redirect(self, request, "feed")

    @path("inscription/", name="subscribe")
    def subscribe(self, request: HttpRequest) -> HttpResponse:
        return subscribe_form_view(self, request)

    @path("inscription/merci/", name="subscribe_done")
    def subscribe_done(self, request: HttpRequest) -> HttpResponse:
        return TemplateResponse(
            request,
            "newsletter/subscribe_done.html",
            {
                "page": self,
                "self": self,
                "archive": self,
                "resend_minutes": int(CONFIRMATION_RESEND_INTERVAL.total_seconds() // 60),
            },
        )


class NewsletterPage(BasePage):
    """One issue: a web page in the archive and the email sent to the subscribers."""

    subject = models.CharField(
        _("email subject"),
        max_length=150,
        help_text=_("The subject line subscribers see in their inbox."),
    )
    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        help_text=_("The short line shown after the subject in most inboxes."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="fr",
        help_text=_("Only subscribers who chose this language receive the issue."),
    )
    body = StreamField(NewsletterBodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    base_form_class = NewsletterPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subject"),
        index.SearchField("body"),
    ]
    content_panels = [
        *BasePage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("preheader"),
                FieldRowPanel([FieldPanel("language")]),
                SendingLinkPanel(),
            ],
            heading=pgettext_lazy("newsletter format", "Email"),
        ),
        *BasePage.content_panels[1:],
        FieldPanel("body"),
    ]

    preview_modes = [
        ("", _("Web page")),
        # "Email" alone is also a form field's label ("Adresse électronique"): a context of its
        # own keeps the format's name apart.
        ("email", pgettext_lazy("newsletter format", "Email")),
        ("email-text", _("Email (text)")),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def get_summary(self) -> str:
        return self.search_description or self.intro or self.preheader

    def clean(self) -> None:
        super().clean()
        # A line break in a mail header would let the subject add headers of its own; Django
        # refuses to send such a message, so it is refused here, where the editor can fix it.
        if LINE_BREAKS.search(self.subject or ""):
            raise ValidationError(
                {"subject": _("The subject must fit on one line: remove the line breaks.")}
            )

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name in ("email", "email-text"):
            return preview_email(self, text=mode_name == "email-text")
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["archive"] = self.get_parent().specific
        return context
