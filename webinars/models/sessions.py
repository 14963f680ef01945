import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from community.models import Role
from community.panels import CreditsPanel
from media_pages.lazy_context import when_read
from media_pages.models import BasePage
from media_pages.pagination import requested_page_number
from media_pages.panel_permissions import requiring
from media_pages.routing import FileRoutesMixin, permanent_redirect
from media_pages.transcripts import Cue, cues_from_text, to_webvtt
from media_pages.visibility import visible_pages
from webinars import views
from webinars.blocks import DeliverableBlock, SketchBlock
from webinars.calendars import calendar_response
from webinars.choices import PARIS, SessionFormat, SessionMode
from webinars.listing import SessionFilterForm
from webinars.permissions import (
    PLAN_SESSION,
    SESSION_FIELD_PERMISSIONS,
    WRITE_OBJECTIVE_REPORT,
    WRITE_SUBJECTIVE_REPORT,
)
from webinars.players import Player, player_for
from webinars.session_form import SessionForm
from webinars.structured_data import session_event_data

UPCOMING_PAGE_PARAMETER = "prochaines"


class WebinarIndexPage(FileRoutesMixin, BasePage):
    """The sessions: upcoming first, then the archive, filterable; and their calendar feed."""

    per_page = 12

    parent_page_types = ["media_pages.HomePage"]
    subpage_types = ["webinars.WebinarPage"]

    class Meta:
        verbose_name = _("sessions index")
        verbose_name_plural = _("sessions indexes")

    def sessions(self):
        return (
            visible_pages(WebinarPage.objects.child_of(self))
            .select_related("recording")
            .prefetch_related("tags")
        )

    @path("")
    def listing(self, request):
        form = SessionFilterForm(request.GET)
        sessions = self.sessions()
        valid = form.is_valid()
        sessions = form.apply(sessions) if valid else sessions.none()
        page_number = requested_page_number(request)
        now = timezone.now()
        past = Paginator(sessions.filter(end__lt=now).order_by("-start"), self.per_page)
        upcoming = Paginator(sessions.filter(end__gte=now).order_by("start"), self.per_page)
        # Paginator.get_page turns anything that is not a page number into the first page.
        upcoming_page = when_read(
            lambda: upcoming.get_page(request.GET.get(UPCOMING_PAGE_PARAMETER))
        )
        context = self.get_context(request)
        context.update(
            form=form,
            upcoming=when_read(lambda: upcoming_page() if page_number == 1 else []),
            upcoming_parameter=UPCOMING_PAGE_PARAMETER,
            page_obj=when_read(lambda: past.get_page(page_number)),
            extra_query=form.query_without_page() if valid else "",
            formats=SessionFormat.choices,
        )
        status = 200 if valid else 400
        return render(request, self.get_template(request), context, status=status)

    @path("calendar.ics", name="calendar")
    def calendar_feed(self, request):
        upcoming = self.sessions().filter(end__gte=timezone.now()).order_by("start")
        return calendar_response(list(upcoming), request, filename=f"{self.slug}.ics")

    @path("calendrier/")
    def former_calendar(self, request):
        return permanent_redirect(self, request, "calendar")


class WebinarPage(FileRoutesMixin, BasePage):
    """One session: its announcement and registration before, its archive after."""

    # Registration: a form, messages, the places left; its template keeps its other parts.
    main_content_shared = False

    session_format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.WEBINAR
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=SessionMode.choices, default=SessionMode.ONLINE
    )
    start = models.DateTimeField(_("start"), help_text=_("Paris time."))
    end = models.DateTimeField(_("end"), help_text=_("Paris time."))
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Room and address, for in person.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Videoconference address, sent to registrants.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Places available; empty means no limit. Beyond it, a waiting list."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the session starts."),
    )
    summary = RichTextField(
        _("summary"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    recording = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("recording (video)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recording_url = models.URLField(
        _("recording on PeerTube, YouTube or Vimeo"),
        blank=True,
        help_text=_("Instead of an uploaded video."),
    )
    recording_title = models.CharField(
        _("accessible title of the player"), max_length=200, blank=True
    )
    transcript = models.TextField(
        _("transcript (WebVTT or SRT)"),
        blank=True,
        help_text=_(
            "Timed text, shown under the player and used as its captions: "
            "upload the file above or paste it here."
        ),
    )
    # Parsed once when the editor saves, so pages, previews and captions never re-read the file.
    transcript_data = models.JSONField(default=list, blank=True, editable=False)
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sketches = StreamField(
        [("sketch", SketchBlock())], blank=True, verbose_name=_("sketches and mind maps")
    )
    objective_report = RichTextField(_("objective report"), blank=True)
    objective_reporter = models.ForeignKey(
        "community.Person",
        verbose_name=_("rapporteur objectif"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subjective_report = RichTextField(_("subjective report"), blank=True)
    subjective_reporter = models.ForeignKey(
        "community.Person",
        verbose_name=_("rapporteur subjectif"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deliverables = StreamField(
        [("deliverable", DeliverableBlock())], blank=True, verbose_name=_("deliverables")
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("related podcast episodes and presentations"),
    )

    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    exclude_fields_in_copy = ["calendar_uid", "calendar_sequence"]
    base_form_class = SessionForm
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types: list[str] = []

    search_format = "video"
    search_date_field = "start"
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("objective_report"),
        index.SearchField("subjective_report"),
        index.SearchField("place"),
        index.FilterField("start"),
        index.FilterField("session_format"),
    ]
    # Animateurs plan and archive the whole session; each Rapporteur edits only their report
    # (plus deliverables, related pages and credits), so the other fields leave their form.
    content_panels = [
        *requiring(
            PLAN_SESSION,
            [
                *BasePage.content_panels[:2],
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("session_format"), FieldPanel("mode")]),
                        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                        FieldPanel("place"),
                        FieldPanel("online_url"),
                    ],
                    heading=_("When and where"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("capacity"),
                        FieldRowPanel(
                            [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                        ),
                    ],
                    heading=_("Registration"),
                ),
                FieldPanel("summary"),
                FieldPanel("cover"),
            ],
        ),
        CreditsPanel("credits", heading=_("Credits"), label=_("Credit")),
        *requiring(
            PLAN_SESSION,
            [
                MultiFieldPanel(
                    [
                        MediaChooserPanel("recording", media_type="video"),
                        FieldPanel("recording_url"),
                        FieldPanel("recording_title"),
                        FieldPanel("transcript_upload"),
                        FieldPanel("transcript"),
                        FieldPanel("slides"),
                    ],
                    heading=_("After the session: recording"),
                    classname="collapsed",
                ),
            ],
        ),
        MultiFieldPanel(
            [
                FieldPanel("sketches", permission=PLAN_SESSION),
                FieldPanel("objective_report", permission=WRITE_OBJECTIVE_REPORT),
                FieldPanel("objective_reporter", permission=WRITE_OBJECTIVE_REPORT),
                FieldPanel("subjective_report", permission=WRITE_SUBJECTIVE_REPORT),
                FieldPanel("subjective_reporter", permission=WRITE_SUBJECTIVE_REPORT),
                FieldPanel("deliverables"),
                FieldPanel("related_pages"),
            ],
            heading=_("After the session: archive"),
            classname="collapsed",
        ),
    ]
    promote_panels = requiring(PLAN_SESSION, BasePage.promote_panels)

    def visible_related_pages(self) -> list:
        """The related pages the public may see, in the editor's order (one query)."""
        ids = [item["value"] for item in self.related_pages.raw_data if item.get("value")]
        found = visible_pages().in_bulk(ids)
        return [found[page_id] for page_id in ids if page_id in found]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        permissions = SESSION_FIELD_PERMISSIONS
        # The index splits sessions on their end and sorts them on their start.
        indexes = [
            models.Index(fields=["start"], name="webinar_start_idx"),
            models.Index(fields=["end"], name="webinar_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="webinar_ends_after_start"
            )
        ]

    # --- validation and saving -------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The session must end after it starts."))
        if self.mode in (SessionMode.IN_PERSON, SessionMode.HYBRID) and not self.place:
            errors.setdefault("place", []).append(_("Give the place of an in-person session."))
        if self.mode in (SessionMode.ONLINE, SessionMode.HYBRID) and not self.online_url:
            errors.setdefault("online_url", []).append(
                _("Give the online link of a remote session.")
            )
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors.setdefault("registration_closes", []).append(
                _("Registration must close after it opens.")
            )
        if self.recording_id and self.recording_url:
            errors.setdefault("recording_url", []).append(
                _("Choose either an uploaded video or an address, not both.")
            )
        if self.recording_url:
            try:
                player_for(self.recording_url)
            except ValidationError as error:
                errors.setdefault("recording_url", []).extend(error.messages)
        try:
            self.transcript_data = [
                {"start": cue.start, "end": cue.end, "text": cue.text}
                for cue in cues_from_text(self.transcript)
            ]
        except ValidationError as error:
            errors.setdefault("transcript", []).extend(error.messages)
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Keep the calendar's identity when a revision is published or reverted to."""
        page = super().with_content_json(content)
        page.calendar_uid = self.calendar_uid
        page.calendar_sequence = self.calendar_sequence
        if not isinstance(page.transcript, str):
            # Revisions from before migration 0002 hold a document id: keep the current text.
            page.transcript = self.transcript
        return page

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or {"start", "end"} & set(update_fields)):
            stored = (
                WebinarPage.objects.filter(pk=self.pk)
                .values("start", "end", "calendar_sequence")
                .first()
            )
            # RFC 5545: calendars replace an event only when its SEQUENCE grows.
            if stored and (stored["start"], stored["end"]) != (self.start, self.end):
                self.calendar_sequence = stored["calendar_sequence"] + 1
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "calendar_sequence"}
        return super().save(*args, **kwargs)

    # --- what templates and services read -----------------------------------------------------

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start, PARIS)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.end, PARIS)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def has_recording(self) -> bool:
        return bool(self.recording_id or self.recording_url)

    @cached_property
    def player(self) -> Player | None:
        if not self.recording_url:
            return None
        try:
            return player_for(self.recording_url)
        except ValidationError:
            return None

    @property
    def cues(self) -> list[Cue]:
        return [Cue(**cue) for cue in self.transcript_data]

    def searchable_cues(self) -> list[Cue]:
        """What ``media_pages.signals`` indexes when the session is published."""
        return self.cues

    def transcript_entries(self) -> list[dict]:
        """Cues with a link to their moment that works without JavaScript."""
        entries = []
        for cue in self.transcript_data:
            seconds = int(cue["start"])
            if self.recording_id:
                href = f"{self.recording.url}#t={seconds}"
            elif self.player:
                href = self.player.url_at(seconds)
            else:
                href = f"#t={seconds}"
            entries.append({**cue, "seconds": seconds, "href": href})
        return entries

    def registration_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        closes = self.registration_closes or self.start
        opens = self.registration_opens
        return (opens is None or opens <= now) and now < closes and now < self.end

    def get_summary(self) -> str:
        return self.search_description or self.intro

    def get_json_ld(self, request: HttpRequest | None = None) -> dict:
        """schema.org ``Event``, for search engines and calendars."""
        return session_event_data(self, settings.SITE_URL)

    def reporter_bylines(self) -> dict[str, str]:
        """The reporters' role after their name, in the form each chose (one query)."""
        reporters = {
            "objective": ("rapporteur-objectif", self.objective_reporter),
            "subjective": ("rapporteur-subjectif", self.subjective_reporter),
        }
        roles = Role.objects.in_bulk(
            [slug for slug, _person in reporters.values()], field_name="slug"
        )
        bylines = {}
        for kind, (slug, person) in reporters.items():
            if person is None:
                continue
            role = roles.get(slug)
            name = role.name_for(person) if role else slug.replace("-", " ")
            bylines[kind] = name[:1].lower() + name[1:]
        return bylines

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["credits"] = self.credits.select_related("person", "role").order_by("sort_order")
        context["reporter_roles"] = when_read(self.reporter_bylines)
        return context

    # --- routes ------------------------------------------------------------------------------

    @path("")
    def detail(self, request):
        return views.session_page(request, self)

    @path("inscription/", name="register")
    def register(self, request):
        return views.register(request, self)

    @path("inscription/confirmation/", name="confirm")
    def confirm_registration(self, request):
        return views.confirm(request, self)

    @path("annulation/", name="cancel")
    def cancel(self, request):
        return views.cancel(request, self)

    @path("calendar.ics", name="calendar")
    def calendar_file(self, request):
        return calendar_response([self], request, filename=f"{self.slug}.ics")

    @path("calendrier/")
    def former_calendar(self, request):
        return permanent_redirect(self, request, "calendar")

    @path("transcript.vtt", name="captions")
    def captions(self, request):
        if not self.transcript_data:
            raise Http404
        response = HttpResponse(to_webvtt(self.cues), content_type="text/vtt; charset=utf-8")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @path("sous-titres/")
    def former_captions(self, request):
        return permanent_redirect(self, request, "captions")
