"""People, the collective's roles, and the credits that tie them to content."""

from .credits import Credit
from .pages import CommunityIndexPage
from .people import Person
from .registrations import Registration, RegistrationStatus
from .roles import PodcastRole, Role

__all__ = [
    "CommunityIndexPage",
    "Credit",
    "Person",
    "PodcastRole",
    "Registration",
    "RegistrationStatus",
    "Role",
]
