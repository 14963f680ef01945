"""Check an uploaded audio file by its content and read what feeds need, once.

``inspect_audio`` reads the container headers with mutagen (no decoding, no full read), so a
large upload that Django streamed to a temporary file is checked without loading it in memory.
"""

import os
from dataclasses import dataclass
from typing import IO

import mutagen
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

# Feed MIME type and file extension for each container we accept.
FORMATS: dict[type, tuple[str, str]] = {
    MP3: ("audio/mpeg", "mp3"),
    MP4: ("audio/x-m4a", "m4a"),
    OggVorbis: ("audio/ogg", "ogg"),
    OggOpus: ("audio/ogg", "opus"),
}
# A file shorter than this share of what its headers announce was cut during the upload.
TRUNCATION_RATIO = 0.8
OGG_TAIL_BYTES = 65_536


@dataclass(frozen=True)
class AudioFacts:
    mime_type: str
    extension: str
    duration: float
    size: int
    bitrate: int


def max_audio_bytes() -> int:
    return settings.PODCAST_AUDIO_MAX_BYTES


def inspect_audio(upload: IO[bytes], size: int) -> AudioFacts:
    """Facts about an MP3, M4A/AAC, Ogg Vorbis or Opus file; ``ValidationError`` otherwise.

    ``upload`` must be seekable; it is read only where the headers are.
    """
    if size == 0:
        raise ValidationError(_("The audio file is empty."), code="audio_empty")
    if size > max_audio_bytes():
        raise ValidationError(
            _("The audio file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_audio_bytes())},
            code="audio_too_large",
        )
    unreadable = ValidationError(
        _(
            "This file is not an audio file we can publish. "
            "Upload an MP3, M4A (AAC), Ogg Vorbis or Opus file."
        ),
        code="audio_format",
    )
    upload.seek(0)
    try:
        audio = mutagen.File(upload, options=list(FORMATS))
    except (mutagen.MutagenError, EOFError, ValueError, IndexError) as error:
        if _looks_truncated_error(error):
            raise _truncated() from error
        raise unreadable from error
    finally:
        upload.seek(0)
    if audio is None or type(audio) not in FORMATS or not audio.info.length:
        raise unreadable
    mime_type, extension = FORMATS[type(audio)]
    bitrate = int(getattr(audio.info, "bitrate", 0) or 0)
    if isinstance(audio, OggVorbis | OggOpus):
        # Ogg headers give a nominal bitrate only; a cut file lacks its end-of-stream page.
        if not _ogg_ends_cleanly(upload, size):
            raise _truncated()
        bitrate = 0
    elif bitrate and size < audio.info.length * bitrate / 8 * TRUNCATION_RATIO:
        raise _truncated()
    if not bitrate:
        bitrate = int(size * 8 / audio.info.length)
    return AudioFacts(mime_type, extension, float(audio.info.length), size, bitrate)


def _truncated() -> ValidationError:
    return ValidationError(
        _("The audio file is incomplete (the upload was probably cut). Upload it again."),
        code="audio_truncated",
    )


def _looks_truncated_error(error: Exception) -> bool:
    return "truncated" in str(error) or "unable to read full data" in str(error)


def _ogg_ends_cleanly(upload: IO[bytes], size: int) -> bool:
    """True when the file ends with a whole Ogg page that carries the end-of-stream flag."""
    tail_start = max(0, size - OGG_TAIL_BYTES)
    upload.seek(tail_start, os.SEEK_SET)
    tail = upload.read()
    upload.seek(0)
    start = tail.rfind(b"OggS")
    if start < 0 or len(tail) < start + 27:
        return False
    header_type, segments = tail[start + 5], tail[start + 26]
    table = tail[start + 27 : start + 27 + segments]
    if len(table) < segments:
        return False
    page_end = start + 27 + segments + sum(table)
    return page_end == len(tail) and bool(header_type & 0x04)
