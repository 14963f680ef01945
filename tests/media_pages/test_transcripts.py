import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from media_pages.models import TranscriptCue
from media_pages.transcripts import parse_transcript, replace_cues, timestamp, to_webvtt
from tests.factories import StandardPageFactory

VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.500
Bonjour et bienvenue au webinaire.

00:01:02.250 --> 00:01:05.000
Parlons de l'\xc3\xa9valuation.
"""
SRT = b"""1
00:00:01,000 --> 00:00:04,500
Bonjour et bienvenue au webinaire.

2
00:01:02,250 --> 00:01:05,000
Parlons de l'\xc3\xa9valuation.
"""


@pytest.mark.parametrize(("content", "name"), [(VTT, "t.vtt"), (SRT, "t.srt")])
def test_vtt_and_srt_give_the_same_cues(content, name):
    cues = parse_transcript(content, name)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (1.0, 4.5, "Bonjour et bienvenue au webinaire."),
        (62.25, 65.0, "Parlons de l'évaluation."),
    ]


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (VTT, "transcript.txt", "transcript_format"),
        (b"just some notes, not captions", "t.vtt", "transcript_malformed"),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe\n", "t.vtt", "transcript_encoding"),
        (b"WEBVTT\n", "t.vtt", "transcript_empty"),
        (b"", "t.srt", "transcript_empty"),
    ],
)
def test_unusable_transcripts_are_refused_with_a_reason(content, name, code):
    with pytest.raises(ValidationError) as error:
        parse_transcript(content, name)
    assert error.value.code == code
    assert str(error.value.message)


@pytest.mark.parametrize(
    ("content", "name", "french"),
    [
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nBonjour\n", "t.vtt",
         "Ligne 3 : le minutage « 00:00:01.000 --> 00:00:0x.000 » n’est pas valide"),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBien.\n\nune ligne perdue\n", "t.vtt",
         "Ligne 6 : ce passage n’a pas de ligne de minutage"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:02,000 -> 00:00:03,000\nB\n", "t.srt",
         "Ligne 5 : ce passage n’a pas de ligne de minutage"),
        (b"00:00:01,000 --> 00:00:02,000\nSans numero\n", "t.srt",
         "Ligne 1 : un passage SRT commence par son numéro"),
        (b"Des notes de r\xc3\xa9union, renomm\xc3\xa9es en .vtt\n", "t.vtt",
         "Une transcription WebVTT doit commencer par la ligne « WEBVTT »"),
    ],
)  # fmt: skip
def test_a_cue_the_reader_would_drop_is_refused_with_its_line_in_french(content, name, french):
    """webvtt-py skips a cue with a bad timing line: half a transcript would go unnoticed."""
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        parse_transcript(content, name)
    assert error.value.code == "transcript_malformed"
    assert french in error.value.messages[0]


def test_srt_is_served_as_webvtt_for_the_track_element():
    vtt = to_webvtt(parse_transcript(SRT, "t.srt"))
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n")
    assert [(c.start, c.text) for c in parse_transcript(vtt.encode(), "x.vtt")] == [
        (1.0, "Bonjour et bienvenue au webinaire."),
        (62.25, "Parlons de l'évaluation."),
    ]


@given(st.floats(min_value=0, max_value=36_000, allow_nan=False))
def test_webvtt_timestamps_round_trip_to_the_millisecond(seconds):
    text = timestamp(seconds, vtt=True)
    hours, minutes, rest = text.split(":")
    back = int(hours) * 3600 + int(minutes) * 60 + float(rest)
    assert abs(back - seconds) <= 0.0005 + 1e-9


def test_people_read_short_timestamps():
    assert (timestamp(62.9), timestamp(3723)) == ("1:02", "1:02:03")


@pytest.mark.django_db
def test_replacing_cues_keeps_exactly_the_new_ones(home):
    page = StandardPageFactory(parent=home)
    replace_cues(page, parse_transcript(VTT, "t.vtt"))
    replace_cues(page, parse_transcript(VTT, "t.vtt")[:1])
    assert list(TranscriptCue.objects.filter(page=page).values_list("start", "text")) == [
        (1.0, "Bonjour et bienvenue au webinaire.")
    ]
