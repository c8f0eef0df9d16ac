"""The US Treasury by the names the beat's English press gives it (`data/knowledge/
neighbours.toml`): "the Treasury" alone is the US one; Britain's is named as such."""

from __future__ import annotations

from newsdesk.enrich import enrich_text


def linked(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity_id) for m in enrich_text(text).mentions]


def test_the_treasury_alone_is_the_us_treasury():
    text = "North Korea oversees thousands of IT workers in China, the Treasury said on Tuesday."
    assert ("Treasury", "org:us-treasury") in linked(text)


def test_the_treasury_department_is_the_us_treasury():
    text = "The Treasury Department sanctioned two North Korean banks on Monday."
    assert ("Treasury Department", "org:us-treasury") in linked(text)


def test_the_british_treasury_is_named_as_such():
    text = "HM Treasury froze the assets of a North Korean trading company in London."
    assert ("HM Treasury", "org:hm-treasury") in linked(text)
