"""Background work for badges: the earner's email, sent once and only with consent."""

from django.utils import timezone
from django_tasks import task

from badges.emails import send_award_message
from badges.models import Award


@task()
def send_award_email(award_id: int) -> bool:
    """Send the award's email once, and only to an address that agreed to it."""
    awarded = Award.objects.select_related("badge_class").get(pk=award_id)
    if not awarded.may_email or awarded.revoked:
        return False
    claimed = Award.objects.filter(pk=award_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        send_award_message(awarded)
    except Exception:
        Award.objects.filter(pk=award_id).update(notified_at=None)
        raise
    return True
