"""The per-process memo under the content token: rebuilt after a change, bounded, never keeps
what a build refuses to have kept."""

import pytest

from media_pages import content_cache
from media_pages.content_cache import NotKept, _ProcessMemo


def counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_value_is_built_once_per_token():
    memo = _ProcessMemo(entries=10, characters=1000)
    build, calls = counting_build("menu")
    assert memo.get("t1", "menu", build, None) == "menu"
    assert memo.get("t1", "menu", build, None) == "menu"
    assert len(calls) == 1
    memo.get("t2", "menu", build, None)
    assert len(calls) == 2


def test_a_value_with_seconds_is_built_again_once_they_passed(monkeypatch):
    memo = _ProcessMemo(entries=10, characters=1000)
    now = [100.0]
    monkeypatch.setattr(content_cache.time, "monotonic", lambda: now[0])
    build, calls = counting_build("next sessions")
    memo.get("t1", "upcoming", build, 60)
    now[0] += 59
    memo.get("t1", "upcoming", build, 60)
    assert len(calls) == 1
    now[0] += 2
    memo.get("t1", "upcoming", build, 60)
    assert len(calls) == 2


@pytest.mark.parametrize("entries, characters", [(2, 10_000), (100, 25)])
def test_the_least_recently_used_value_goes_first_past_either_bound(entries, characters):
    memo = _ProcessMemo(entries=entries, characters=characters)
    for name in ("a", "b"):
        memo.get("t1", name, lambda: "x" * 10, None)
    memo.get("t1", "a", lambda: "rebuilt", None)  # "a" used last: "b" is the oldest
    memo.get("t1", "c", lambda: "x" * 10, None)
    assert memo.get("t1", "a", lambda: "rebuilt", None) == "x" * 10
    assert memo.get("t1", "b", lambda: "rebuilt", None) == "rebuilt"


def test_a_value_not_to_be_kept_is_returned_but_built_again_next_time():
    memo = _ProcessMemo(entries=10, characters=1000)
    calls = []

    def build():
        calls.append(1)
        raise NotKept("<form>token</form>")

    assert memo.get("t1", "form", build, None) == "<form>token</form>"
    assert memo.get("t1", "form", build, None) == "<form>token</form>"
    assert len(calls) == 2
