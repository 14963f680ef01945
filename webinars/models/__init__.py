"""Sessions (index and detail pages) and the registrations to them."""

from .registrations import Registration, RegistrationStatus
from .sessions import PARIS, SessionFormat, SessionMode, WebinarIndexPage, WebinarPage

__all__ = [
    "PARIS",
    "Registration",
    "RegistrationStatus",
    "SessionFormat",
    "SessionMode",
    "WebinarIndexPage",
    "WebinarPage",
]
