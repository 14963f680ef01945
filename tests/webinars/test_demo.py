"""The demo sessions: registration open on upcoming ones, a complete archive on the past one."""

import pytest
from lxml import html

pytestmark = pytest.mark.django_db


def test_demo_has_open_upcoming_sessions_and_a_complete_archive(client, demo_content):
    index = html.fromstring(client.get("/webinaires/").content.decode())
    upcoming = index.xpath("//section[@aria-labelledby='upcoming-title']//h3/a/@href")
    assert len(upcoming) == 2
    for path in upcoming:
        page = html.fromstring(client.get(path).content.decode())
        assert page.xpath("//form[@class='registration-form']//input[@name='email']")

    page = html.fromstring(client.get("/webinaires/evaluer-autrement/").content.decode())
    assert page.xpath("//video[@id='session-player']/source/@type") == ["video/webm"]
    assert page.xpath("//track/@kind") == ["captions"]
    assert len(page.xpath("//ol[@class='transcript-cues']/li")) == 5
    assert page.xpath("//p[@class='slides']/a/@href")
    assert page.xpath("//figure[@class='sketch']/img/@alt")[0].startswith("Carte mentale")
    assert len(page.xpath("//section[@class='report']//p[@class='byline']")) == 2
    assert page.xpath("//section[@aria-labelledby='deliverables-title']//a/@href")
    roles = page.xpath("//ul[@class='credits']//span[@class='role']/text()")
    # Each person's chosen form: Claire Dumas and Sophie Nguyen chose the feminine one.
    assert {"Animatrice", "Illustratrice", "Rapporteur objectif", "Rapporteuse subjective"} <= set(
        roles
    )
