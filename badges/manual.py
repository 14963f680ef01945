"""Manual awards by the Animateur: one address, or a CSV of addresses (one per line)."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from badges.awarding import Candidate, award

MAX_BYTES = 1024 * 1024
HEADER_NAMES = {"email", "e-mail", "courriel", "mail", "adresse électronique"}


@dataclass
class ManualResult:
    awarded: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file could not be read as text."))  # pragma: no cover


def _separator(text: str) -> str:
    """The separator most used in the first lines (spreadsheets in French write ``;``)."""
    head = "\n".join(text.splitlines()[:20])
    return max(";,\t", key=head.count) if any(sep in head for sep in ";,\t") else ","


def rows_of(content: bytes) -> list[tuple[int, Candidate | None, str]]:
    """(line number, candidate or None, error) for every non-empty line of the file."""
    text = _text(content)
    found = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=_separator(text)), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        address = cells[0]
        if number == 1 and address.lower() in HEADER_NAMES:
            continue
        name = cells[1] if len(cells) > 1 else ""
        try:
            validate_email(address)
        except ValidationError:
            error = _("Line %(line)s: “%(value)s” is not a valid email address.") % {
                "line": number,
                "value": address[:100],
            }
            found.append((number, None, error))
            continue
        found.append((number, Candidate(email=address.lower(), name=name[:150]), ""))
    return found


def award_many(badge_class, candidates, *, awarded_by, narrative: str = "") -> ManualResult:
    result = ManualResult()
    for candidate in candidates:
        awarded, created = award(badge_class, candidate, awarded_by=awarded_by)
        if created and narrative:
            type(awarded).objects.filter(pk=awarded.pk).update(narrative=narrative)
        (result.awarded if created else result.already).append(candidate.email)
    return result


def award_from_csv(badge_class, content: bytes, *, awarded_by, narrative="") -> ManualResult:
    rows = rows_of(content)
    seen: set[str] = set()
    good = []
    for _line, candidate, _error in rows:
        if candidate is not None and candidate.email not in seen:
            seen.add(candidate.email)
            good.append(candidate)
    result = award_many(badge_class, good, awarded_by=awarded_by, narrative=narrative)
    result.errors = [error for _line, candidate, error in rows if candidate is None]
    return result
