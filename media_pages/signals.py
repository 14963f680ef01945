"""Keep the indexed transcript cues of every page in step with its published version.

A page type whose recording has a transcript defines ``searchable_cues()`` (a list of
``media_pages.transcripts.Cue``); publishing replaces its indexed cues, unpublishing drops them.
"""

from wagtail.signals import page_published, page_unpublished

from media_pages.transcripts import replace_cues


def index_transcript(sender, instance, **kwargs) -> None:
    cues = getattr(instance, "searchable_cues", None)
    if cues is not None:
        replace_cues(instance, cues())


def drop_transcript(sender, instance, **kwargs) -> None:
    if hasattr(instance, "searchable_cues"):
        replace_cues(instance, [])


def connect() -> None:
    page_published.connect(index_transcript, dispatch_uid="index_transcript")
    page_unpublished.connect(drop_transcript, dispatch_uid="drop_transcript")
