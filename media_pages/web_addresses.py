"""Addresses pasted by editors (presentations, recordings), read the way browsers read them.

Python's ``urlsplit`` and browsers disagree on some addresses: in
``https://evil.com\\@revealjs.com/deck`` Python sees the host ``revealjs.com`` and browsers
``evil.com``. Addresses are therefore parsed with a WHATWG URL parser (``ada-url``, the one
Node.js uses), anything ambiguous is refused outright (backslashes, user name or password,
spaces and control characters), and the addresses the site embeds are rebuilt from the parsed
parts, never copied from the text.
"""

import ipaddress
from dataclasses import dataclass

import ada_url
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class WebAddress:
    """An ``https`` address as a browser understands it; ``host`` is lowercase ASCII (IDNA)."""

    host: str
    path: str
    query: str
    fragment: str

    @property
    def hostname(self) -> str:
        return self.host

    def url(self, *, query: bool = True, fragment: bool = True) -> str:
        address = f"https://{self.host}{self.path}"
        if query and self.query:
            address += f"?{self.query}"
        if fragment and self.fragment:
            address += f"#{self.fragment}"
        return address


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def is_local_host(host: str) -> bool:
    """``localhost``, an IP address or a name without a dot: never an outside service."""
    if host == "localhost" or host.endswith(".localhost") or "." not in host:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def parse_https(address: str) -> WebAddress:
    """``address`` parsed as browsers do; ``ValidationError`` (French message) when unsafe."""
    text = (address or "").strip()
    if "\\" in text:
        raise _refuse(_("The address must not contain a backslash (\\)."), "backslash")
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text):
        raise _refuse(_("The address must not contain spaces or invisible characters."), "space")
    try:
        parsed = ada_url.URL(text)
    except ValueError as error:
        raise _refuse(_("This is not a valid web address."), "invalid") from error
    if parsed.protocol != "https:" or not parsed.hostname:
        raise _refuse(
            _("The address must start with https:// (a secure link)."),
            "not_https",
        )
    if parsed.username or parsed.password or "@" in text.split("//", 1)[-1].split("/", 1)[0]:
        raise _refuse(
            _("The address must not contain a user name or password (nothing before “@”)."),
            "user_info",
        )
    if parsed.port:
        raise _refuse(
            _("The address must not name a port (“:%(port)s”)."), "port", port=parsed.port
        )
    host = parsed.hostname.lower().rstrip(".")
    if is_local_host(host):
        raise _refuse(
            _("The address must be on a public server, not %(host)s."), "local_host", host=host
        )
    return WebAddress(
        host=host,
        path=parsed.pathname or "/",
        query=parsed.search.removeprefix("?"),
        fragment=parsed.hash.removeprefix("#"),
    )
