"""Demo content, built by code from the small data files in ``demo/data``.

Each loader takes the parsed data and a ``Report`` and must be idempotent: it looks things up
by natural keys (slugs, usernames), creates what is missing and leaves existing content alone,
so that editors' changes to demo pages survive a second ``make run``. A new domain adds its
loader to ``LOADERS`` after the ones it builds on.
"""

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def add(self, label: str, created: bool) -> None:
        (self.created if created else self.kept).append(label)


def read_data(name: str) -> dict:
    with (DATA_DIR / name).open("rb") as data_file:
        return tomllib.load(data_file)


def all_loaders() -> list[Callable[[Report], None]]:
    from . import newsletter, people, podcasts, search, site, webinars

    return [site.load, people.load, podcasts.load, webinars.load, newsletter.load, search.load]
