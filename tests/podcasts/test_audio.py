"""Audio is checked by its content with mutagen; bad uploads get a clear French message."""

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import override_settings
from django.utils import translation

from podcasts.audio_inspection import inspect_audio
from tests.factories import AUDIO_DIR


def inspect(content: bytes):
    return inspect_audio(io.BytesIO(content), len(content))


@pytest.mark.parametrize(
    ("name", "mime_type", "extension"),
    [
        ("tone.mp3", "audio/mpeg", "mp3"),
        ("tone.m4a", "audio/x-m4a", "m4a"),
        ("tone.ogg", "audio/ogg", "ogg"),
        ("tone.opus", "audio/ogg", "opus"),
    ],
)
def test_each_accepted_format_gives_type_duration_size_and_bitrate(name, mime_type, extension):
    content = (AUDIO_DIR / name).read_bytes()
    facts = inspect(content)
    assert (facts.mime_type, facts.extension) == (mime_type, extension)
    assert abs(facts.duration - 3.0) < 1.0  # the recordings last three seconds
    assert facts.size == len(content)
    assert 8_000 < facts.bitrate < 64_000


def refusal(content: bytes) -> ValidationError:
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        inspect(content)
    return error.value


def test_a_text_file_renamed_mp3_is_refused_in_french():
    error = refusal(b"Ceci est un compte rendu, pas un son.\n" * 50)
    assert error.code == "audio_format"
    assert "n’est pas un fichier audio" in str(error.message)


def test_a_zero_byte_file_is_refused():
    assert refusal(b"").code == "audio_empty"


@pytest.mark.parametrize("name", ["tone.mp3", "tone.m4a", "tone.ogg", "tone.opus"])
def test_a_truncated_file_is_refused(name):
    content = (AUDIO_DIR / name).read_bytes()
    assert refusal(content[: len(content) // 2]).code in {"audio_truncated", "audio_format"}


@override_settings(PODCAST_AUDIO_MAX_BYTES=10_000)
def test_a_file_over_the_configured_limit_is_refused_with_both_sizes():
    error = refusal((AUDIO_DIR / "tone.mp3").read_bytes())
    assert error.code == "audio_too_large"
    assert "trop volumineux" in str(error.message) and "9,8" in str(error.message)


@override_settings(PODCAST_AUDIO_MAX_BYTES=1024 * 1024)
def test_a_large_upload_is_refused_without_being_read_into_memory():
    size = 40 * 1024 * 1024
    upload = TemporaryUploadedFile("long.mp3", "audio/mpeg", size, None)
    chunk = (AUDIO_DIR / "tone.mp3").read_bytes()
    written = 0
    while written < size:
        written += upload.write(chunk[: size - written])
    upload.flush()
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            inspect_audio(upload.file, upload.size)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        upload.close()
    assert error.value.code == "audio_too_large"
    assert peak < 1024 * 1024  # far below the 40 MB on disk
