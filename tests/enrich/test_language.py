"""Language per article with py3langid."""

from __future__ import annotations

from newsdesk.enrich import detect_language, enrich_text


def test_every_english_fixture_is_english_with_high_confidence(enriched):
    english = {k: v for k, v in enriched.items() if not k.startswith("wire06")}
    assert english
    for result in english.values():
        assert result.language.code == "en"
        assert result.language.confidence > 0.9


def test_korean_article_is_korean_and_left_alone(enriched):
    result = enriched["wire06_korean_language_missile"]
    assert result.language.code == "ko"
    assert result.language.confidence > 0.9
    # English rules are not applied; Korean figures are read by ko.toml, and "8일" is a date
    assert result.figures == [] and result.keywords == []
    assert result.skipped == ["keywords: language ko"]


def test_other_languages_and_no_letters():
    assert (
        detect_language("Die Bundesregierung hat am Montag neue Sanktionen beschlossen.").code
        == "de"
    )
    assert detect_language("Правительство объявило о новых санкциях против КНДР.").code == "ru"
    assert detect_language("2025-05-08 10:42 +0900").code == "und"
    assert detect_language("").confidence == 0.0


def test_an_unsure_guess_still_gets_the_english_rules():
    result = enrich_text("Kim")  # py3langid guesses Esperanto, with almost no confidence
    assert result.language.code != "en" and result.language.confidence < 0.5
    assert result.skipped == []
