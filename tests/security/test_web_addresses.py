"""Presentation and recording addresses are checked as browsers read them (issue 12 #6, #7)."""

import ada_url
import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from media_pages.presentation_providers import resolve_presentation
from media_pages.web_addresses import parse_https
from webinars.players import player_for

BYPASSES = [
    ("https://evil.com\\@revealjs.com/deck", "backslash"),
    ("https://evil.com\\.revealjs.com/deck", "backslash"),
    ("https://user@revealjs.com/deck", "user_info"),
    ("https://evil.com:x@revealjs.com/deck", "user_info"),
    ("https://revealjs.com@evil.com/deck", "user_info"),
    ("https://revealjs.com:8443/deck", "port"),
    ("https://reveal js.com/deck", "space"),
    ("https:\\\\evil.com/deck", "backslash"),
    ("https://localhost/w/abcdef", "local_host"),
    ("https://127.0.0.1/w/abcdef", "local_host"),
    ("https://[::1]/w/abcdef", "local_host"),
]


@pytest.mark.parametrize(("address", "code"), BYPASSES)
def test_ambiguous_addresses_are_refused_for_presentations(address, code):
    with pytest.raises(ValidationError) as error:
        resolve_presentation(address)
    assert error.value.code == code


@pytest.mark.parametrize(("address", "_code"), BYPASSES)
def test_ambiguous_addresses_are_refused_for_recordings(address, _code):
    with pytest.raises(ValidationError):
        player_for(address.replace("/deck", "/w/abcdef"))


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/w/abcdef",
        "https://localhost/w/abcdef",
        "https://framatube.org.evil.example/w/abcdef",
    ],
)
def test_recordings_from_peertube_servers_not_listed_are_refused(address):
    with pytest.raises(ValidationError):
        player_for(address)


def test_listed_peertube_servers_come_from_the_settings(settings):
    assert player_for("https://framatube.org/w/abcdef").provider == "peertube"
    settings.PEERTUBE_HOSTS = ["videos.academie.example"]
    assert player_for("https://videos.academie.example/w/abcdef").embed_url == (
        "https://videos.academie.example/videos/embed/abcdef"
    )
    with pytest.raises(ValidationError):
        player_for("https://framatube.org/w/abcdef")
    with pytest.raises(ValidationError):
        resolve_presentation("https://framatube.org/w/abcdef")


def test_refusals_are_explained_in_french():
    from django.utils import translation

    with pytest.raises(ValidationError) as error, translation.override("fr"):
        resolve_presentation("https://evil.com\\@revealjs.com/deck")
    with translation.override("fr"):
        assert "barre oblique inverse" in error.value.messages[0]


# Any text an editor might paste, biased towards the characters parsers disagree on.
TRICKY = st.lists(
    st.sampled_from([*"\\/@:.#?%[]", "revealjs.com", "evil.com", "https://", " ", "\t"])
    | st.characters(exclude_categories=("Cs",)),
    max_size=20,
).map("".join)


@given(prefix=TRICKY, suffix=TRICKY)
@example(prefix="https://evil.com\\@", suffix="")
@example(prefix="https://evil.com%5C@", suffix="")
@example(prefix="https://", suffix="/deck")
def test_an_accepted_presentation_is_embedded_from_the_host_browsers_see(prefix, suffix):
    address = f"{prefix}revealjs.com/{suffix}"
    try:
        embed = resolve_presentation(address)
    except ValidationError:
        return
    # What a browser makes of the pasted text and of the iframe address: the allowed host.
    assert ada_url.URL(address.strip()).hostname == "revealjs.com"
    assert ada_url.URL(embed.src).hostname == "revealjs.com"
    assert embed.src.startswith("https://revealjs.com/")


@given(TRICKY)
def test_parsed_addresses_rebuild_to_what_browsers_parse(text):
    try:
        address = parse_https(text)
    except ValidationError:
        return
    browser = ada_url.URL(address.url())
    assert browser.hostname == address.host
    assert not browser.username and not browser.password
    assert browser.protocol == "https:"
