"""Give a whole group of admin panels one permission, down to every field in it.

Wagtail drops a ``FieldPanel`` whose ``permission`` the user lacks from the form itself (the field
can be neither seen nor posted), but a permission set on a ``MultiFieldPanel`` only hides it: its
fields would still be posted. So the permission is copied onto every field panel inside.
"""

from wagtail.admin.panels import FieldPanel, Panel, PanelGroup
from wagtail.models.panels import PanelPlaceholder


def requiring(permission: str, panels: list) -> list[Panel]:
    required = []
    for panel in panels:
        # Wagtail's own page panels are placeholders or field names until the admin expands them.
        if isinstance(panel, PanelPlaceholder):
            panel = panel.construct()
        elif isinstance(panel, str):
            panel = FieldPanel(panel)
        if panel is not None:
            required.append(_require(panel, permission))
    return required


def _require(panel: Panel, permission: str) -> Panel:
    kwargs = panel.clone_kwargs()
    if isinstance(panel, PanelGroup):
        kwargs["children"] = requiring(permission, kwargs["children"])
        kwargs["permission"] = permission
    elif isinstance(panel, FieldPanel):
        kwargs["permission"] = kwargs.get("permission") or permission
    return panel.__class__(**kwargs)
