"""Private files are served only after the check of their page or collection (issue 12 #2),
by the site itself (embedded default) and through nginx's X-Accel-Redirect (production)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    audio_file,
)

SECRET = b"%PDF-1.4 compte rendu confidentiel"


@pytest.fixture
def documents(db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Conseil")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="conseil"
    )
    Document = get_document_model()
    secret = Document.objects.create(
        title="Compte rendu", file=ContentFile(SECRET, name="compte-rendu.pdf"), collection=private
    )
    public = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf")
    )
    return secret, public


@pytest.fixture
def episodes(home):
    show = PodcastShowPageFactory(parent=PodcastIndexPageFactory(parent=home))
    public = PodcastEpisodePageFactory(parent=show, audio=audio_file("tone.mp3"))
    private = PodcastEpisodePageFactory(parent=show, audio=audio_file("tone.m4a"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    soon = timezone.now() + timedelta(days=3)
    future = PodcastEpisodePageFactory(
        parent=show, audio=audio_file("tone.ogg"), first_published_at=soon
    )
    return public, private, future


def body(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
def test_a_private_document_is_not_served_from_media(client, documents):
    secret, public = documents
    response = client.get(secret.file.url)
    assert SECRET not in body(response)
    assert response.status_code == 302 and response["Location"] == secret.url
    form = client.get(secret.url)
    assert SECRET not in body(form) and 'name="password"' in form.content.decode()
    assert body(client.get(public.file.url, follow=True)) == b"%PDF-1.4 programme"


@pytest.mark.django_db
def test_a_private_document_is_served_once_its_password_is_given(client, documents):
    secret, _public = documents
    restriction = CollectionViewRestriction.objects.get()
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "conseil", "return_url": secret.url},
    )
    assert body(client.get(secret.url)) == SECRET


@pytest.mark.django_db
def test_audio_of_private_and_future_episodes_is_not_served(client, episodes):
    public, private, future = episodes
    response = client.get(public.audio.file.url, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 206
    assert response["Cache-Control"].startswith("public")
    assert client.get(private.audio.file.url).status_code == 404
    assert client.get(future.audio.file.url).status_code == 404


@pytest.mark.django_db
def test_audio_of_a_private_episode_follows_its_password(client, episodes):
    _public, private, _future = episodes
    restriction = PageViewRestriction.objects.get(page=private)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "x", "return_url": private.url},
    )
    response = client.get(private.audio.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_editors_hear_the_audio_of_an_episode_they_prepare(client, episodes):
    _public, _private, future = episodes
    editor = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(editor)
    assert client.get(future.audio.file.url).status_code == 200


@pytest.mark.django_db
def test_behind_nginx_the_site_checks_and_nginx_sends(client, episodes, documents, settings):
    settings.MEDIA_INTERNAL_URL = "/internal-media/"
    public, private, _future = episodes
    response = client.get(public.audio.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/internal-media/" + public.audio.file.name
    refused = client.get(private.audio.file.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    secret, public_document = documents
    assert "X-Accel-Redirect" not in client.get(secret.url)
    sent = client.get(public_document.url)
    assert sent["X-Accel-Redirect"] == "/internal-media/" + public_document.file.name


@pytest.fixture
def recordings(home):
    from wagtailmedia.models import get_media_model

    from tests.factories import WebinarIndexPageFactory, WebinarPageFactory

    index = WebinarIndexPageFactory(parent=home)

    def session_with_recording(name: str, **fields):
        video = get_media_model().objects.create(
            title=name,
            type="video",
            duration=3,
            file=ContentFile(b"webm " + name.encode(), name=f"{name}.webm"),
        )
        return WebinarPageFactory(parent=index, recording=video, **fields)

    public = session_with_recording("publique")
    private = session_with_recording("privee")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="y")
    draft = session_with_recording("brouillon", live=False)
    return public, private, draft


@pytest.mark.django_db
def test_recordings_of_private_and_unpublished_sessions_are_not_served(client, recordings):
    public, private, draft = recordings
    response = client.get(public.recording.file.url, HTTP_RANGE="bytes=0-3")
    assert response.status_code == 206 and body(response) == b"webm"
    assert response["Cache-Control"].startswith("public")
    assert client.get(private.recording.file.url).status_code == 404
    assert client.get(draft.recording.file.url).status_code == 404

    restriction = PageViewRestriction.objects.get(page=private)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "y", "return_url": private.url},
    )
    past_the_password = client.get(private.recording.file.url)
    assert body(past_the_password) == b"webm privee"
    assert past_the_password["Cache-Control"] == "private, no-store"
    assert client.get(draft.recording.file.url).status_code == 404

    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.org", "pw"))
    assert body(client.get(draft.recording.file.url)) == b"webm brouillon"
