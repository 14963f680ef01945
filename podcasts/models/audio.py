import hashlib
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from media_pages.transcripts import timestamp
from podcasts.audio_inspection import inspect_audio


def audio_upload_to(instance: "EpisodeAudio", filename: str) -> str:
    """``podcasts/<hash prefix>/<slug>.<extension from the content, not from the name>``."""
    stem = slugify(PurePosixPath(filename).stem)[:80] or "episode"
    return f"podcasts/{instance.sha256[:12]}/{stem}.{instance.extension}"


class EpisodeAudio(models.Model):
    """An uploaded episode sound file, checked by its content; its facts are read once.

    Rows are created from the episode form (or the snippet admin) and never change their file:
    replacing an episode's audio means a new row, so a feed never points at a half-written file.
    """

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("audio file"), upload_to=audio_upload_to, max_length=255)
    mime_type = models.CharField(_("MIME type"), max_length=40, editable=False)
    extension = models.CharField(_("extension"), max_length=8, editable=False)
    duration = models.FloatField(_("duration (seconds)"), editable=False, default=0)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    bitrate = models.PositiveIntegerField(_("bitrate (bit/s)"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("episode audio file")
        verbose_name_plural = _("episode audio files")

    def __str__(self) -> str:
        return f"{self.title} ({timestamp(self.duration)})"

    def clean(self) -> None:
        super().clean()
        if self.file and not self.file._committed:
            if self.pk:
                raise ValidationError(
                    {"file": _("An uploaded audio file cannot be replaced; upload a new one.")}
                )
            self.read_facts()
            duplicate = EpisodeAudio.objects.filter(sha256=self.sha256).first()
            if duplicate is not None:
                raise ValidationError(
                    {"file": _("This file was already uploaded as “%(title)s”.")
                     % {"title": duplicate.title}}
                )  # fmt: skip

    def read_facts(self) -> None:
        """Check the uploaded file and fill duration, size, MIME type, bitrate and hash."""
        upload = self.file.file
        facts = inspect_audio(upload, self.file.size)
        self.mime_type, self.extension = facts.mime_type, facts.extension
        self.duration, self.size, self.bitrate = facts.duration, facts.size, facts.bitrate
        self.sha256 = file_sha256(upload)
        if not self.title:
            self.title = PurePosixPath(self.file.name).stem[:255]

    @property
    def human_size(self) -> str:
        return filesizeformat(self.size)

    @property
    def human_duration(self) -> str:
        return timestamp(self.duration)


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
