"""The editor's way to the sending page, in plain sight beside the subject."""

from wagtail.admin.panels import HelpPanel

SEND_PERMISSION = "newsletter.send_newsletter"


class SendingLinkPanel(HelpPanel):
    """A link to "test and send" shown on a saved issue, to those who may send it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "newsletter/admin/sending_link_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self) -> bool:
            user = getattr(self.request, "user", None)
            return bool(self.instance.pk and user and user.has_perm(SEND_PERMISSION))
