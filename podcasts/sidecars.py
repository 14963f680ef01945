"""Files that sit beside an episode in the feed: its transcript and its chapters JSON."""

import json

from django.http import Http404, HttpResponse

from media_pages.transcripts import to_webvtt

from .feed import absolute

CACHE_CONTROL = "public, max-age=300"
CHAPTERS_CONTENT_TYPE = "application/json+chapters"


def _sidecar(content: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content.encode(), content_type=content_type)
    response["Cache-Control"] = CACHE_CONTROL
    # Web players on other origins fetch these files too.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def transcript_response(episode, kind: str) -> HttpResponse:
    """``transcript.vtt`` (always, converted when needed) or ``transcript.srt`` (SRT sources)."""
    if not episode.transcript.strip():
        raise Http404
    if kind == "vtt":
        return _sidecar(to_webvtt(episode.transcript_cues()), "text/vtt; charset=utf-8")
    if episode.transcript_format() != "srt":
        raise Http404
    return _sidecar(episode.transcript.lstrip("\ufeff"), "application/x-subrip; charset=utf-8")


def chapters_document(episode, base: str) -> dict:
    """The Podcasting 2.0 JSON chapters format (version 1.2.0)."""
    chapters = []
    for chapter in sorted(episode.chapters.select_related("image"), key=lambda c: c.start):
        item: dict = {"startTime": round(chapter.start.total_seconds(), 3), "title": chapter.title}
        if chapter.url:
            item["url"] = chapter.url
        if chapter.image_id:
            item["img"] = absolute(base, chapter.image.file.url)
        chapters.append(item)
    return {"version": "1.2.0", "chapters": chapters}


def chapters_response(episode, request) -> HttpResponse:
    document = chapters_document(episode, f"{request.scheme}://{request.get_host()}")
    if not document["chapters"]:
        raise Http404
    return _sidecar(json.dumps(document, ensure_ascii=False, indent=1), CHAPTERS_CONTENT_TYPE)
