"""Awarding a badge class to an address: once, whoever asks and however often.

``award()`` leans on the database's unique (badge class, address) constraint through
``get_or_create``: two runs at the same moment both try to insert, one wins, the other reads
the winner's row. A revoked award stays revoked; awarding again does not bring it back.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from badges.models import Award, BadgeClass, EmailConsent
from badges.tasks import send_award_email
from webinars.models import Registration


@dataclass
class Candidate:
    email: str
    name: str = ""
    person_id: int | None = None
    evidence: list[dict] = field(default_factory=list)


def has_consent(email: str) -> bool:
    """Whether the address agreed to be written to: at registration, or in its profile."""
    email = email.strip().lower()
    return (
        Registration.objects.filter(email__iexact=email, consent_at__isnull=False).exists()
        or EmailConsent.objects.filter(email__iexact=email).exists()
    )


STATUS_INDEX_ATTEMPTS = 5


def award(
    badge_class: BadgeClass, candidate: Candidate, *, rule=None, awarded_by=None
) -> tuple[Award, bool]:
    """The award of ``badge_class`` to the candidate's address, and whether it is new."""
    email = candidate.email.strip().lower()
    defaults = {
        "email": email,
        "name": candidate.name,
        "person_id": candidate.person_id,
        "evidence": candidate.evidence,
        "rule": rule,
        "awarded_by": awarded_by,
        "issued_on": timezone.now(),
        "may_email": has_consent(email),
    }
    for attempt in range(STATUS_INDEX_ATTEMPTS):
        try:
            with transaction.atomic():
                awarded, created = Award.objects.get_or_create(
                    badge_class=badge_class, email__iexact=email, defaults=defaults
                )
            break
        except IntegrityError:
            # Two awards made at once drew the same random status index: draw again. (The same
            # address at once is not an error: get_or_create then returns the other's award.)
            if attempt == STATUS_INDEX_ATTEMPTS - 1:
                raise
    if created:
        transaction.on_commit(lambda: notify_later(awarded.pk))
    return awarded, created


def notify_later(award_id: int) -> None:
    send_award_email.enqueue(award_id)


def revoke(awarded: Award, reason: str) -> None:
    awarded.revoked, awarded.revocation_reason = True, reason
    awarded.revoked_at = timezone.now()
    # save(), not update(): its signal takes the award's pages out of the page cache.
    awarded.save(update_fields=["revoked", "revocation_reason", "revoked_at"])
