"""Rules run by themselves when attendance is imported or edited, and when credits are saved.

Each trigger enqueues the rules it may satisfy, after the transaction commits; running a rule
again is harmless (one award per badge class and address).
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save

from badges.models import AwardRule, RuleKind
from badges.rules import run_award_rules
from community.models import Credit
from webinars.attendance import attendance_marked
from webinars.models import Registration


def _enqueue(rule_ids: list[int]) -> None:
    if rule_ids:
        transaction.on_commit(lambda: run_award_rules.enqueue(rule_ids))


def rules_for_session(session) -> list[int]:
    matching = Q(kind=RuleKind.SESSION, session=session) | Q(
        kind=RuleKind.FORMAT, session_format=session.session_format
    )
    return list(AwardRule.objects.filter(matching, active=True).values_list("pk", flat=True))


def attendance_imported(sender, session, marked: int = 0, **kwargs) -> None:
    if marked:
        _enqueue(rules_for_session(session))


def registration_saved(sender, instance: Registration, raw: bool = False, **kwargs) -> None:
    if not raw and instance.attended:
        _enqueue(rules_for_session(instance.session))


def credit_saved(sender, instance: Credit, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    rules = AwardRule.objects.filter(kind=RuleKind.ROLE, role_id=instance.role_id, active=True)
    _enqueue(list(rules.values_list("pk", flat=True)))


def connect() -> None:
    attendance_marked.connect(attendance_imported, dispatch_uid="badges_attendance_imported")
    post_save.connect(registration_saved, sender=Registration, dispatch_uid="badges_registration")
    post_save.connect(credit_saved, sender=Credit, dispatch_uid="badges_credit_saved")
