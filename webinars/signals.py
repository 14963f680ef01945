"""What publishing a session sets in motion: reminders, and the replay notice once recorded."""

from django.db import transaction
from wagtail.signals import page_published

from webinars.models import WebinarPage
from webinars.tasks import schedule_reminders, send_replay_notices


def session_published(sender, instance: WebinarPage, **kwargs) -> None:
    session = instance

    def follow_up() -> None:
        schedule_reminders(session)
        if session.has_recording and session.is_past:
            send_replay_notices.enqueue(session.pk)

    transaction.on_commit(follow_up)


def connect() -> None:
    page_published.connect(session_published, sender=WebinarPage, dispatch_uid="session_published")
