"""Wagtail's own admin screens, said in French where Wagtail forgets to translate them."""

from django.utils.text import capfirst
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView


def _translate_site_columns() -> None:
    # Wagtail labels these columns from the field names ("Site name", "Root page") rather than
    # from the fields' translated verbose names.
    for column in SiteIndexView.columns:
        if column.name in ("site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


_translate_site_columns()
