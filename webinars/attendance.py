"""Attendance from the CSV that videoconference tools export (Zoom, BigBlueButton, Teams...).

Those files differ in separator, encoding and column names, but all carry the participants'
email addresses; any column whose header names an email is read, and registrations of the
session with those addresses are marked as attended.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.dispatch import Signal
from django.utils.translation import gettext as _

from webinars.models import Registration, RegistrationStatus

EMAIL_HEADERS = ("email", "e-mail", "courriel", "mail", "adresse électronique")
MAX_BYTES = 5 * 1024 * 1024
# Sent with ``session`` once an import has marked attendance (``update()`` sends no post_save).
attendance_marked = Signal()


@dataclass
class ImportResult:
    marked: int = 0
    already: int = 0
    unknown: list[str] = field(default_factory=list)


def emails_from_csv(content: bytes) -> set[str]:
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ValidationError(_("The file could not be read as text."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header_index = next(
        (
            index
            for index, row in enumerate(rows[:20])
            if any(cell.strip().lower() in EMAIL_HEADERS or "email" in cell.lower() for cell in row)
        ),
        None,
    )
    if header_index is None:
        raise ValidationError(
            _("No email column was found. The file needs a column named “Email” or “E-mail”.")
        )
    header = [cell.strip().lower() for cell in rows[header_index]]
    columns = [
        index for index, name in enumerate(header) if name in EMAIL_HEADERS or "email" in name
    ]
    emails = set()
    for row in rows[header_index + 1 :]:
        for index in columns:
            value = row[index].strip().lower() if index < len(row) else ""
            try:
                validate_email(value)
            except ValidationError:
                continue
            emails.add(value)
    return emails


def mark_attendance(session, emails: set[str]) -> ImportResult:
    result = ImportResult()
    registrations = {
        registration.email.lower(): registration
        for registration in Registration.objects.filter(session=session).exclude(
            status=RegistrationStatus.CANCELLED
        )
    }
    to_mark = []
    for email in sorted(emails):
        registration = registrations.get(email)
        if registration is None:
            result.unknown.append(email)
        elif registration.attended:
            result.already += 1
        else:
            to_mark.append(registration.pk)
    result.marked = Registration.objects.filter(pk__in=to_mark).update(attended=True)
    attendance_marked.send(sender=Registration, session=session, marked=result.marked)
    return result
