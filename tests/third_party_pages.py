"""Pages with third-party frames, for the consent tests: a session recorded on YouTube with its
transcript, and a page whose body embeds a Vimeo video (its oEmbed answer stored beforehand,
as Wagtail caches it, so nothing is fetched)."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.factories import StandardPageFactory, WebinarIndexPageFactory, WebinarPageFactory

TRANSCRIPT = (
    Path(__file__).resolve().parent.parent
    / "demo"
    / "data"
    / "webinars"
    / "transcription-evaluer-autrement.vtt"
)
VIMEO = "https://vimeo.com/76979871"


def recorded_session(home):
    start = timezone.now() - timedelta(days=30)
    session = WebinarPageFactory(
        parent=WebinarIndexPageFactory(parent=home),
        title="Session enregistrée",
        start=start,
        end=start + timedelta(hours=1),
        recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        recording_title="Replay du webinaire",
        transcript=TRANSCRIPT.read_text(encoding="utf-8"),
    )
    session.save_revision().publish()
    return session


def page_with_embed(home):
    Embed.objects.create(
        url=VIMEO,
        hash=get_embed_hash(VIMEO),
        type="video",
        html='<iframe src="https://player.vimeo.com/video/76979871" width="640" height="360" '
        'frameborder="0" allowfullscreen></iframe>',
        provider_name="Vimeo",
    )
    return StandardPageFactory(
        parent=home,
        title="Page avec vidéo",
        body=[("embed", {"url": VIMEO, "title": "Une vidéo du collectif"})],
    )
