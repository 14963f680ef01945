"""Who may change which part of a session page (see docs/roles.md).

Page permissions (Wagtail's add, change, publish) say which pages a role may open; these say which
fields of a session it then sees and may post.
"""

from django.utils.translation import gettext_lazy as _

SESSION_FIELD_PERMISSIONS = [
    ("plan_session", _("Can plan and archive a session (all but the reports)")),
    ("write_objective_report", _("Can write a session's objective report")),
    ("write_subjective_report", _("Can write a session's subjective report")),
]

PLAN_SESSION = "webinars.plan_session"
WRITE_OBJECTIVE_REPORT = "webinars.write_objective_report"
WRITE_SUBJECTIVE_REPORT = "webinars.write_subjective_report"
