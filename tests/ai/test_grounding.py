"""The grounding check: numbers, names and quotations must be in the cited sources."""

from __future__ import annotations

from newsdesk.ai.grounding import ground, unsupported

SOURCE = (
    "South Korea's military said about 11,000 North Korean troops are in Russia. "
    'Kremlin spokesman Dmitry Peskov said the treaty "is not directed against any third country."'
)


def test_a_sentence_made_of_the_sources_passes() -> None:
    assert unsupported("About 11,000 North Korean troops are in Russia, Seoul says.", [SOURCE]) == [
        "Seoul"
    ]
    assert unsupported("Peskov said the treaty targets no one.", [SOURCE]) == []


def test_an_invented_number_name_or_quotation_is_caught() -> None:
    missing = unsupported(
        'Some 15,000 troops went, Sergei Shoigu said, calling it "a holy war".', [SOURCE]
    )
    assert missing == ["15000", "Sergei", "Shoigu", "“a holy war”"]


def test_ground_keeps_what_passes_and_says_when_too_much_failed() -> None:
    result = ground(
        [
            "About 11,000 North Korean troops are in Russia.",
            "Some 15,000 troops went.",
            "Peskov said 3 things.",
        ],
        [SOURCE],
    )
    assert result.kept == ["About 11,000 North Korean troops are in Russia."]
    assert [missing for _, missing in result.dropped] == [["15000"], ["3"]]
    assert not result.usable  # two of three dropped: show the extractive output instead
