"""Attendance: imported from a videoconference CSV in the admin; registrations exported as CSV."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from webinars.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

ZOOM_EXPORT = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Ana,ANA@example.org,11/08/2026 05:01:00 PM,11/08/2026 06:00:00 PM,59,Yes\n"
    "Bob,bob@example.org,11/08/2026 05:03:00 PM,11/08/2026 05:40:00 PM,37,Yes\n"
    "Visiteur,inconnu@example.org,11/08/2026 05:10:00 PM,11/08/2026 05:20:00 PM,10,Yes\n"
    "Sans adresse,,11/08/2026 05:10:00 PM,11/08/2026 05:20:00 PM,10,Yes\n"
)
SEMICOLON_EXPORT = "Nom;Courriel;Durée\nBob;bob@example.org;37\n"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def registered(past_session):
    for name, email in (("Ana", "ana@example.org"), ("Bob", "bob@example.org"),
                        ("Chloé", "chloe@example.org")):  # fmt: skip
        Registration.objects.create(session=past_session, name=name, email=email,
                                    consent_at=timezone.now())  # fmt: skip
    return past_session


def import_csv(client, session, content: str, name="participants.csv"):
    upload = SimpleUploadedFile(name, content.encode("utf-8-sig"), content_type="text/csv")
    return client.post("/admin/webinars/attendance/", {"session": session.pk, "file": upload},
                       follow=True)  # fmt: skip


def test_zoom_export_marks_the_registrants_who_came(client, editor, registered):
    response = import_csv(client, registered, ZOOM_EXPORT)
    assert response.status_code == 200
    attended = set(Registration.objects.filter(attended=True).values_list("email", flat=True))
    assert attended == {"ana@example.org", "bob@example.org"}
    text = response.content.decode()
    assert "2 marqués présents" in text and "inconnu@example.org" in text


def test_semicolon_export_in_french_and_a_second_import_change_nothing(client, editor, registered):
    import_csv(client, registered, SEMICOLON_EXPORT)
    response = import_csv(client, registered, SEMICOLON_EXPORT)
    assert "0 marqués présents, 1 déjà marqués" in response.content.decode()
    assert Registration.objects.filter(attended=True).count() == 1


def test_a_file_without_email_column_is_refused_and_nothing_changes(client, editor, registered):
    response = import_csv(client, registered, "Nom,Durée\nAna,30\n")
    assert "Aucune colonne d’adresse électronique" in response.content.decode()
    assert not Registration.objects.filter(attended=True).exists()


def test_import_needs_the_permission(client, registered):
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(user)
    response = import_csv(client, registered, ZOOM_EXPORT)
    assert not Registration.objects.filter(attended=True).exists()
    assert response.status_code in (302, 403) or "/admin/login/" in response.redirect_chain[-1][0]


def test_registrations_and_attendance_export_as_csv(client, editor, registered):
    Registration.objects.filter(email="bob@example.org").update(
        attended=True, status=RegistrationStatus.CONFIRMED
    )
    response = client.get("/admin/registrations/", {"export": "csv", "session": registered.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 4
    header = rows[0]
    by_email = {row[header.index(next(h for h in header if "lectronique" in h or "mail" in h))]: row
                for row in rows[1:]}  # fmt: skip
    assert set(by_email) == {"ana@example.org", "bob@example.org", "chloe@example.org"}


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://evil.example","Cliquez")', "+1+2", "-2+3", "@SUM(A1)", "\tx"]
)
def test_csv_export_keeps_formulas_typed_in_the_form_as_text(client, editor, registered, typed):
    Registration.objects.filter(email="ana@example.org").update(name=typed, organisation=typed)
    response = client.get("/admin/registrations/", {"export": "csv", "session": registered.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    [ana] = [row for row in rows if "ana@example.org" in row]
    assert ana.count("'" + typed) == 2  # name and organisation, each made inert
    assert typed not in ana
