"""Transcripts and captions (WebVTT or SRT): parse, validate, convert, and index their cues.

Podcast episodes and session recordings both carry a transcript. They validate the uploaded
file with ``parse_transcript`` (clear messages, nothing saved on error), serve captions to
``<track>`` with ``to_webvtt`` and keep the searchable ``TranscriptCue`` rows in step with
the published page through ``replace_cues``.
"""

import io
import logging
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backends_with_name

from media_pages.models.transcripts import TranscriptCue

logger = logging.getLogger(__name__)

MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024
FORMATS = {"vtt": "text/vtt", "srt": "application/x-subrip"}


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def transcript_format(filename: str) -> str:
    """``vtt`` or ``srt`` from the file name; anything else is refused."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise ValidationError(
            _("The transcript must be a WebVTT (.vtt) or SubRip (.srt) file."),
            code="transcript_format",
        )
    return extension


def parse_transcript(content: bytes, filename: str) -> list[Cue]:
    """The cues of a WebVTT or SRT file, in time order; ``ValidationError`` when unusable."""
    kind = transcript_format(filename)
    if len(content) > MAX_TRANSCRIPT_BYTES:
        raise ValidationError(
            _("The transcript is larger than %(size)s MB.")
            % {"size": MAX_TRANSCRIPT_BYTES // (1024 * 1024)},
            code="transcript_size",
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The transcript is not UTF-8 text. Save it as UTF-8 and upload it again."),
            code="transcript_encoding",
        ) from error
    if not text.strip():
        raise ValidationError(_("The transcript has no text."), code="transcript_empty")
    try:
        captions = webvtt.from_buffer(io.StringIO(text), format=kind)
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as error:
        raise ValidationError(
            _("The transcript could not be read as %(format)s: %(error)s")
            % {"format": kind.upper(), "error": error},
            code="transcript_malformed",
        ) from error
    cues = [
        Cue(
            caption.start_time.in_milliseconds() / 1000,
            caption.end_time.in_milliseconds() / 1000,
            " ".join(caption.text.split()),
        )
        for caption in captions
        if caption.text.strip()
    ]
    if not cues:
        raise ValidationError(_("The transcript has no text."), code="transcript_empty")
    for cue in cues:
        if cue.end < cue.start:
            raise ValidationError(
                _("A cue ends before it starts (at %(time)s).") % {"time": timestamp(cue.start)},
                code="transcript_times",
            )
    return sorted(cues, key=lambda cue: cue.start)


def text_format(text: str) -> str:
    """``vtt`` when the stored text starts like a WebVTT file, otherwise ``srt``."""
    return "vtt" if text.lstrip("\ufeff \n").startswith("WEBVTT") else "srt"


def cues_from_text(text: str) -> list[Cue]:
    """The cues of a stored transcript (the text of an uploaded or pasted .vtt/.srt file)."""
    if not text.strip():
        return []
    return parse_transcript(text.encode(), f"transcript.{text_format(text)}")


def timestamp(seconds: float, *, vtt: bool = False) -> str:
    """``1:02:03`` for people, ``01:02:03.040`` for WebVTT."""
    if vtt:
        whole, millis = divmod(round(seconds * 1000), 1000)
    else:
        whole, millis = int(seconds), 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if vtt:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def to_webvtt(cues: list[Cue]) -> str:
    """A WebVTT document for ``<track>``, whatever format the editor uploaded."""
    blocks = ["WEBVTT", ""]
    for cue in cues:
        blocks += [f"{timestamp(cue.start, vtt=True)} --> {timestamp(cue.end, vtt=True)}",
                   cue.text, ""]  # fmt: skip
    return "\n".join(blocks)


def replace_cues(page, cues: list[Cue]) -> None:
    """Make the page's indexed cues exactly ``cues`` (called when the page is published)."""
    with transaction.atomic():
        TranscriptCue.objects.filter(page=page).delete()
        created = TranscriptCue.objects.bulk_create(
            TranscriptCue(page_id=page.pk, start=cue.start, end=cue.end, text=cue.text)
            for cue in cues
        )
        # bulk_create sends no post_save signal, so the search index is told here.
        index_cues(created)


def index_cues(cues: list) -> None:
    """Add ``cues`` to every auto-updated search backend in one bulk call each."""
    if not cues:
        return
    model = type(cues[0])
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, cues)
        except Exception:
            # Like Wagtail: an external engine that is down must not lose the editor's work.
            logger.exception("Could not index transcript cues in the %r search backend", name)
            if not backend.catch_indexing_errors:
                raise
