"""Podcasts: a section of shows, each show a feed of episodes (index/detail pairs)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from media_pages.lazy_context import when_read
from media_pages.models import BasePage
from media_pages.pagination import paginate
from media_pages.public_address import public_url
from media_pages.routing import FileRoutesMixin
from media_pages.transcripts import Cue, cues_from_text, text_format
from media_pages.visibility import visible_pages
from podcasts.artwork import validate_artwork
from podcasts.categories import (
    APPLE_CATEGORIES,
    CATEGORY_CHOICES,
    SUBCATEGORY_CHOICES,
)
from podcasts.feed import feed_response
from podcasts.forms import AudioChooser, EpisodeForm
from podcasts.guid import podcast_guid_for
from podcasts.sidecars import chapters_response, transcript_response
from podcasts.subscribe import subscribe_links

EPISODES_PER_PAGE = 20


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("episodic (newest first)")
    SERIAL = "serial", _("serial (listen in order)")


class EpisodeType(models.TextChoices):
    FULL = "full", _("full episode")
    TRAILER = "trailer", _("trailer")
    BONUS = "bonus", _("bonus")


class PodcastIndexPage(BasePage):
    """The podcasts section: lists the collective's shows."""

    parent_page_types = ["media_pages.HomePage"]
    subpage_types = ["podcasts.PodcastShowPage"]

    class Meta:
        verbose_name = _("podcasts section")
        verbose_name_plural = _("podcasts sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shows"] = visible_pages(PodcastShowPage.objects.child_of(self)).select_related(
            "cover"
        )
        return context


class PodcastShowPage(FileRoutesMixin, BasePage):
    """One show and its feed (``feed.xml``). Its cover must satisfy Apple's artwork rules."""

    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_("What podcast apps show about the show (at most 4,000 bytes)."),
    )
    language = models.CharField(_("language"), max_length=12, default="fr")
    apple_category = models.CharField(
        _("Apple Podcasts category"), max_length=40, choices=CATEGORY_CHOICES, default="Education"
    )
    apple_subcategory = models.CharField(
        _("Apple Podcasts subcategory"), max_length=40, choices=SUBCATEGORY_CHOICES, blank=True
    )
    explicit = models.BooleanField(_("explicit content"), default=False)
    author = models.CharField(_("author"), max_length=255)
    owner_name = models.CharField(_("owner name"), max_length=255)
    owner_email = models.EmailField(
        _("owner email"), help_text=_("Podcast directories write here to confirm ownership.")
    )
    show_type = models.CharField(
        _("show type"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )
    funding_url = models.URLField(_("funding link"), blank=True)
    funding_label = models.CharField(_("funding link text"), max_length=128, blank=True)
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    feed_locked = models.BooleanField(
        _("locked"),
        default=True,
        help_text=_("Forbid other podcast hosts from importing this feed (podcast:locked)."),
    )
    complete = models.BooleanField(
        _("complete"), default=False, help_text=_("No more episodes will be published.")
    )
    blocked = models.BooleanField(
        _("hidden from directories"),
        default=False,
        help_text=_("Ask Apple Podcasts and other directories not to list the show."),
    )
    new_feed_url = models.URLField(
        _("new feed address"),
        blank=True,
        help_text=_(
            "Only when the show moves: its feed then redirects permanently to this address."
        ),
    )
    apple_podcasts_url = models.URLField(
        _("Apple Podcasts page"), blank=True, help_text=_("Shown in the subscribe links.")
    )
    podcast_guid = models.UUIDField(_("podcast GUID"), null=True, editable=False)

    parent_page_types = ["podcasts.PodcastIndexPage"]
    subpage_types = ["podcasts.PodcastEpisodePage"]

    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    search_format = "audio"
    content_panels = [*BasePage.content_panels, FieldPanel("description")]
    feed_panels = [
        FieldRowPanel([FieldPanel("apple_category"), FieldPanel("apple_subcategory")]),
        FieldRowPanel([FieldPanel("language"), FieldPanel("show_type"), FieldPanel("explicit")]),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("owner_name"), FieldPanel("owner_email"),
             FieldPanel("copyright")],
            heading=_("Who publishes"),
        ),
        MultiFieldPanel([FieldPanel("funding_url"), FieldPanel("funding_label")],
                        heading=_("Funding")),
        MultiFieldPanel(
            [FieldPanel("feed_locked"), FieldPanel("complete"), FieldPanel("blocked"),
             FieldPanel("apple_podcasts_url"), FieldPanel("new_feed_url")],
            heading=_("Directories"),
        ),
    ]  # fmt: skip
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(feed_panels, heading=_("Podcast apps")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("podcast show")
        verbose_name_plural = _("podcast shows")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.cover_id is None:
            errors["cover"] = [_("A show needs a square cover image (1400 to 3000 px).")]
        else:
            try:
                validate_artwork(self.cover)
            except ValidationError as error:
                errors["cover"] = error.messages
        if len(self.description.encode()) > 4000:
            errors["description"] = [_("The description must not exceed 4,000 bytes.")]
        if self.apple_subcategory and self.apple_subcategory not in APPLE_CATEGORIES.get(
            self.apple_category, []
        ):
            errors["apple_subcategory"] = [
                _("This subcategory does not belong to the category %(category)s.")
                % {"category": self.apple_category}
            ]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The guid follows the feed URL of the first save only: moving the show keeps it.
        if self.pk and not self.podcast_guid:
            self.podcast_guid = (
                PodcastShowPage.objects.filter(pk=self.pk)
                .values_list("podcast_guid", flat=True)
                .first()
            )
        result = super().save(*args, **kwargs)
        if not self.podcast_guid and self.url_path:
            self.podcast_guid = podcast_guid_for(self.guid_feed_url())
            PodcastShowPage.objects.filter(pk=self.pk).update(podcast_guid=self.podcast_guid)
        return result

    def guid_feed_url(self) -> str:
        """The feed address the show's podcast:guid is computed from (``SITE_URL`` based)."""
        _site_id, _root, page_path = self.get_url_parts() or (None, None, None)
        if page_path is None:
            return ""
        return f"{settings.SITE_URL}{page_path}{self.reverse_subpage('feed')}"

    def feed_url(self, request: HttpRequest | None = None) -> str:
        return public_url(self.get_url(request) + self.reverse_subpage("feed"))

    def public_episodes(self):
        """Live, public, already published episodes, newest first."""
        return PodcastEpisodePage.published().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        episodes = self.public_episodes().select_related("audio", "cover")
        context["episodes"] = when_read(lambda: paginate(request, episodes, EPISODES_PER_PAGE))
        context["feed_url"] = when_read(lambda: self.feed_url(request))
        context["subscribe_links"] = when_read(lambda: subscribe_links(self, request))
        return context

    @path("")
    def show(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("feed.xml", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        if self.new_feed_url:
            return HttpResponsePermanentRedirect(self.new_feed_url)
        return feed_response(self, request)


class PodcastEpisodePage(FileRoutesMixin, BasePage):
    """An episode: one audio file, show notes, transcript and chapters. Its GUID never changes."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False)
    audio = models.ForeignKey(
        "podcasts.EpisodeAudio",
        verbose_name=_("audio file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    show_notes = RichTextField(
        _("show notes"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    season_number = models.PositiveIntegerField(
        _("season"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    episode_number = models.PositiveIntegerField(
        _("episode number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    explicit = models.BooleanField(_("explicit content"), default=False)
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("WebVTT or SRT captions; paste them here or upload the file above."),
    )

    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["guid"]
    base_form_class = EpisodeForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
        index.RelatedFields("chapters", [index.SearchField("title", boost=2)]),
    ]
    search_format = "audio"
    content_panels = [
        *BasePage.content_panels[:2],
        MultiFieldPanel(
            [FieldPanel("audio_upload"), FieldPanel("audio", widget=AudioChooser())],
            heading=_("Audio"),
        ),
        FieldPanel("show_notes"),
        FieldRowPanel(
            [FieldPanel("season_number"), FieldPanel("episode_number"),
             FieldPanel("episode_type"), FieldPanel("explicit")]
        ),
        *BasePage.content_panels[2:],
        MultiFieldPanel([FieldPanel("transcript_upload"), FieldPanel("transcript")],
                        heading=_("Transcript")),
        InlinePanel("chapters", heading=_("Chapters"), label=_("Chapter")),
    ]  # fmt: skip

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    @classmethod
    def published(cls):
        """Live, public, already published episodes of every show, newest first."""
        return visible_pages(cls.objects.all()).order_by("-first_published_at", "-pk")

    def save(self, *args, **kwargs):
        if self.pk:
            stored = (
                PodcastEpisodePage.objects.filter(pk=self.pk).values_list("guid", flat=True).first()
            )
            if stored:
                self.guid = stored
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.audio_id is None:
            errors["audio"] = [_("Upload the episode's audio file.")]
        if self.cover_id:
            try:
                validate_artwork(self.cover)
            except ValidationError as error:
                errors["cover"] = error.messages
        try:
            self.transcript_cues()
        except ValidationError as error:
            errors["transcript"] = error.messages
        parent = self.get_parent() if self.path else None
        if parent and self.number_taken_in(parent, self.season_number, self.episode_number):
            errors["episode_number"] = [_("Another episode of this season has this number.")]
        if errors:
            raise ValidationError(errors)
        self.check_chapters()

    def number_taken_in(self, show: Page, season: int | None, number: int | None) -> bool:
        """True when another episode of ``show`` already has this season and episode number."""
        if number is None:
            return False
        return (
            PodcastEpisodePage.objects.child_of(show)
            .filter(season_number=season, episode_number=number)
            .exclude(pk=self.pk)
            .exists()
        )

    @staticmethod
    def latest_season_in(show: Page) -> int | None:
        """The season of the show's most recently created episode: a new one continues it."""
        return (
            PodcastEpisodePage.objects.child_of(show)
            .order_by("-path")
            .values_list("season_number", flat=True)
            .first()
        )

    def check_chapters(self) -> None:
        starts = [chapter.start for chapter in self.chapters.all()]
        if len(starts) != len(set(starts)):
            raise ValidationError(_("Two chapters start at the same time."))
        if self.audio_id and any(start.total_seconds() >= self.audio.duration for start in starts):
            raise ValidationError(_("A chapter starts after the end of the audio."))

    def transcript_format(self) -> str:
        return text_format(self.transcript)

    def transcript_cues(self) -> list[Cue]:
        return cues_from_text(self.transcript)

    def searchable_cues(self) -> list[Cue]:
        """What ``media_pages.signals`` indexes when the episode is published."""
        return self.transcript_cues()

    def sorted_chapters(self) -> list["EpisodeChapter"]:
        return sorted(self.chapters.all(), key=lambda chapter: chapter.start)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show = when_read(lambda: self.get_parent().specific)
        context["show"] = show
        context["feed_url"] = when_read(lambda: show().feed_url(request))
        context["cues"] = when_read(self.transcript_cues)
        context["chapters"] = when_read(self.sorted_chapters)
        context["subscribe_links"] = when_read(lambda: subscribe_links(show(), request))
        return context

    @path("")
    def episode(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("transcript.vtt", name="transcript_vtt")
    def transcript_vtt(self, request: HttpRequest) -> HttpResponse:
        return transcript_response(self, "vtt")

    @path("transcript.srt", name="transcript_srt")
    def transcript_srt(self, request: HttpRequest) -> HttpResponse:
        return transcript_response(self, "srt")

    @path("chapters.json", name="chapters")
    def chapters_json(self, request: HttpRequest) -> HttpResponse:
        return chapters_response(self, request)


class EpisodeChapter(Orderable):
    """A chapter: start time and title, optionally a link and an image (Podcasting 2.0)."""

    page = ParentalKey(PodcastEpisodePage, on_delete=models.CASCADE, related_name="chapters")
    start = models.DurationField(
        _("start"), help_text=_("Minutes and seconds from the start, e.g. 12:30 or 1:02:03.")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("title")]),
        FieldPanel("url"),
        FieldPanel("image"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self) -> str:
        return self.title

    @property
    def start_seconds(self) -> int:
        return int(self.start.total_seconds()) if self.start else 0
