"""People, the collective's roles, and the credits that tie them to content."""

from .credits import Credit
from .people import Person
from .roles import PodcastRole, Role, RoleForm

__all__ = ["Credit", "Person", "PodcastRole", "Role", "RoleForm"]
