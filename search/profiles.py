"""Roles come from a data migration, which saves without signals: index them after migrating."""

from wagtail.search.index import insert_or_update_object

from community.models import Role


def index_roles(**kwargs) -> None:
    """Put every role in the search index (fifteen rows: cheap enough on every ``migrate``)."""
    using = kwargs.get("using", "default")
    for role in Role.objects.using(using).all():
        insert_or_update_object(role)
