"""Numbers in more languages and in more shapes (`numbers.py`, `number_filters.py`,
`number_units.py` and the lexicon files), as a batch of real text labelled before the system
saw it (the beat gold set's `*-g-*` excerpts) showed them missing: Dutch, Czech and
Slovenian; "tens of thousands" and "several million" as lower bounds; calibres; Turkish
"6 bin 700" and "yüzde 30"; ordinals written with a dot; spans of time that date an event
("two days ago"); declined and collective number words.

Every sentence is written for these tests in the style of the beat; values, units and
qualifiers are read off by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit, f.qualifier) for f in found]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # a language is taught by its lexicon file: Dutch, Czech, Slovenian
        (
            "nl",
            "Er zijn ruim 1.200 soldaten gesneuveld.",
            [("ruim 1.200 soldaten", 1200.0, "soldiers", "at least")],
        ),
        (
            "nl",
            "Ze stuurden zo'n 5000 militairen.",
            [("zo'n 5000 militairen", 5000.0, "soldiers", "approximately")],
        ),
        (
            "cs",
            "Do bojů bylo vysláno 12 tisíc vojáků.",
            [("12 tisíc vojáků", 12000.0, "soldiers", None)],
        ),
        (
            "cs",
            "Zemřelo přibližně 400 vojáků.",
            [("přibližně 400 vojáků", 400.0, "soldiers", "approximately")],
        ),
        (
            "sl",
            "Umrlo je okoli 300 vojakov.",
            [("okoli 300 vojakov", 300.0, "soldiers", "approximately")],
        ),
        # "tens of thousands", "several million": lower bounds, as English reads them
        (
            "es",
            "Llegaron decenas de miles de soldados.",
            [("decenas de miles de soldados", 20000.0, "soldiers", "at least")],
        ),
        ("ko", "포탄 수십만 발이 넘어갔다.", [("수십만 발", 200000.0, "shells", "at least")]),
        ("ja", "砲弾は数百万発に上る。", [("数百万発", 2000000.0, "shells", "at least")]),
        ("zh", "前線部署了數十萬名士兵。", [("數十萬名", 200000.0, "soldiers", "at least")]),
        # "about ten thousand", "about a hundred": a round number written as a noun
        (
            "fr",
            "Une dizaine de milliers de soldats sont partis.",
            [("Une dizaine de milliers de soldats", 10000.0, "soldiers", None)],
        ),
        (
            "es",
            "Recibió un centenar de misiles.",
            [("un centenar de misiles", 100.0, "missiles", None)],
        ),
        # a calibre names a kind of shell, and the noun after it says what is counted
        (
            "es",
            "Envió 5 millones de proyectiles de 152 milímetros.",
            [("5 millones de proyectiles", 5000000.0, "shells", None)],
        ),
        (
            "ru",
            "Передали 2 миллиона 122-миллиметровых снарядов.",
            [("2 миллиона 122-миллиметровых снарядов", 2000000.0, "shells", None)],
        ),
        ("tr", "Konteynerler 152 milimetrelik mermi taşıyabilir.", []),
        ("ja", "122ミリ砲弾を送った。", []),
        # Turkish adds the number after a scale word, and writes the percent first
        (
            "tr",
            "Toplam 4 bin 500 asker gönderildi.",
            [("4 bin 500 asker", 4500.0, "soldiers", None)],
        ),
        (
            "tr",
            "Bütçe 1 milyon 200 bin dolar.",
            [("1 milyon 200 bin dolar", 1200000.0, "USD", None)],
        ),
        (
            "tr",
            "Fabrikalar yaklaşık yüzde 40 kapasiteyle çalışıyor.",
            [("yaklaşık yüzde 40", 40.0, "percent", "approximately")],
        ),
        (
            "tr",
            "Üç milyondan fazla mermi gönderdi.",
            [("Üç milyondan fazla mermi", 3000000.0, "shells", "at least")],
        ),
        # a number with a dot before a word is an ordinal where the language writes them so
        ("pl", "Żołnierze 12. Brygady wrócili do domu.", []),
        ("pl", "Wysłano 300 żołnierzy.", [("300 żołnierzy", 300.0, "soldiers", None)]),
        (
            "de",
            "Die 7. Division und 500 Soldaten kamen.",
            [("500 Soldaten", 500.0, "soldiers", None)],
        ),
        # a span of time that dates an event is no figure; one that lasts is
        (
            "pt",
            "Há três dias chegaram, e ficaram durante cinco dias.",
            [("cinco dias", 5.0, "days", None)],
        ),
        ("pt", "O anúncio veio dois dias atrás.", []),
        ("de", "Vor zwei Wochen kamen sie für drei Wochen.", [("drei Wochen", 3.0, "weeks", None)]),
        ("nl", "Twee dagen geleden vertrokken ze.", []),
        # declined and collective number words
        ("pl", "Zginęło siedmiu żołnierzy.", [("siedmiu żołnierzy", 7.0, "soldiers", None)]),
        ("uk", "Загинули п’ятеро військових.", [("п’ятеро військових", 5.0, "soldiers", None)]),
        (
            "uk",
            "Прибуло однієї тисячі контейнерів.",
            [("однієї тисячі контейнерів", 1000.0, "containers", None)],
        ),
        # Korean native words for a span of days or a month; "이틀 전" dates an event
        ("ko", "약 한 달 만에 돌아왔다.", [("약 한 달", 1.0, "months", "approximately")]),
        ("ko", "이틀 동안 회담했고 사흘 전에 도착했다.", [("이틀", 2.0, "days", None)]),
        ("ko", "두 달간 훈련했다.", [("두 달간", 2.0, "months", None)]),
        # a share written in traditional characters
        ("zh", "幾乎折損半數兵力。", [("半數", 50.0, "percent", None)]),
    ],
)
def test_numbers_in_more_languages_and_shapes(language, sentence, expected):
    assert read(language, sentence) == expected


def test_the_stage_reads_dutch_names_and_figures():
    text = "Noord-Korea stuurde ongeveer 3000 soldaten naar Koersk, aldus de Zuid-Koreaanse dienst."
    result = enrich_text("Bericht\n\n" + text)
    assert result.language.code == "nl"
    assert ("Noord-Korea", "country:north-korea") in [
        (m.text, m.entity_id) for m in result.mentions
    ]
    assert ("Koersk", "place:kursk") in [(m.text, m.entity_id) for m in result.mentions]
    assert [(f.value, f.unit, f.measure) for f in result.figures] == [
        (3000.0, "soldiers", "deployed")
    ]


@pytest.mark.parametrize(
    ("text", "language", "measure"),
    [
        # the work deployed hands do names them workers, in every language
        ("На розмінуванні полів працюють 500 військових КНДР.", "uk", "workers"),
        ("Przy rozminowaniu terenów pracuje 400 żołnierzy.", "pl", "workers"),
        # deaths written as a noun or a phrase
        ("Los misiles mataron a cuatro personas en la ciudad.", "es", "killed"),
        ("La guerra è già costata la vita ad almeno 300 militari.", "it", "killed"),
        ("Misja zakończyła się śmiercią dziewięciu osób.", "pl", "killed"),
        ("Der Generalstab nennt 900 verwundeten oder getöteten Soldaten.", "de", "casualties"),
    ],
)
def test_measure_cues_in_other_languages(text, language, measure):
    result = enrich_text("Report\n\n" + text)
    assert result.language.code == language
    assert [f.measure for f in result.figures] == [measure]
