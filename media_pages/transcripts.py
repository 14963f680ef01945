"""Transcripts and captions (WebVTT or SRT): parse, validate, convert, and index their cues.

Podcast episodes and session recordings both carry a transcript. They validate the uploaded
file with ``parse_transcript`` (clear messages, nothing saved on error), serve captions to
``<track>`` with ``to_webvtt`` and keep the searchable ``TranscriptCue`` rows in step with
the published page through ``replace_cues``.
"""

import io
import logging
import re
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
VTT_TIME = r"(\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
SRT_TIME = r"\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{3}"
TIMINGS = {
    kind: re.compile(rf"^{time}[ \t]+-->[ \t]+{time}([ \t].*)?$")
    for kind, time in (("vtt", VTT_TIME), ("srt", SRT_TIME))
}
TIMING_EXAMPLES = {"vtt": "00:01:02.500 --> 00:01:05.000", "srt": "00:01:02,500 --> 00:01:05,000"}
VTT_METADATA_BLOCKS = ("NOTE", "STYLE", "REGION")


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
    check_cue_syntax(text, kind)
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


def check_cue_syntax(text: str, kind: str) -> None:
    """Refuse, with its line number, the first cue the caption reader would silently drop."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    number = 0
    if kind == "vtt":
        if not lines[0].startswith("WEBVTT"):
            raise ValidationError(
                _("A WebVTT transcript must start with the line “WEBVTT”."),
                code="transcript_malformed",
            )
        # The header block runs to the first blank line.
        while number < len(lines) and lines[number].strip():
            number += 1
    blocks: list[tuple[int, list[str]]] = []
    for index in range(number, len(lines)):
        if not lines[index].strip():
            continue
        if index == 0 or not lines[index - 1].strip():
            blocks.append((index + 1, []))
        blocks[-1][1].append(lines[index].strip())
    for first_line, block in blocks:
        if kind == "vtt" and block[0].split(" ", 1)[0] in VTT_METADATA_BLOCKS:
            continue
        timing_at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing_at is None:
            raise ValidationError(
                _("Line %(line)s: this cue has no timing line (start --> end).")
                % {"line": first_line},
                code="transcript_malformed",
            )
        if kind == "srt" and (timing_at != 1 or not block[0].isdigit()):
            raise ValidationError(
                _("Line %(line)s: an SRT cue starts with its number, then its timing line.")
                % {"line": first_line},
                code="transcript_malformed",
            )
        if not TIMINGS[kind].match(block[timing_at]):
            raise ValidationError(
                _("Line %(line)s: the timing “%(timing)s” is not valid; write it like %(example)s.")
                % {
                    "line": first_line + timing_at,
                    "timing": block[timing_at],
                    "example": TIMING_EXAMPLES[kind],
                },
                code="transcript_malformed",
            )


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
