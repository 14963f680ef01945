"""Keep the indexed transcript cues of a session in step with its published version."""

from wagtail.signals import page_published, page_unpublished

from media_pages.transcripts import replace_cues


def index_session_transcript(sender, instance, **kwargs) -> None:
    replace_cues(instance, instance.cues)


def drop_session_transcript(sender, instance, **kwargs) -> None:
    replace_cues(instance, [])


def connect() -> None:
    from media_pages.models import WebinarPage

    page_published.connect(
        index_session_transcript, sender=WebinarPage, dispatch_uid="index_session_transcript"
    )
    page_unpublished.connect(
        drop_session_transcript, sender=WebinarPage, dispatch_uid="drop_session_transcript"
    )
