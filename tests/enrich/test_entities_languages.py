"""Known names in text that is not English, matched on the characters as written.

Sentences are hand-written in each language; every expected (text, id) pair can be checked
against `data/knowledge/other_languages.toml` and the rules in `enrich/written_names.py`.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.nlp import entity_docs, get_nlp


def linked(text: str) -> list[tuple[str, str | None]]:
    """(text, id) of every mention, the way the stage links text that is not English."""
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text], ner=False))
    _, mentions = link_entities(doc, knowledge, known_only=True)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.entity_id) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # de: inflected names and lower-case adjectives
            "Nordkorea hat laut Selenskyjs Büro Soldaten in die russische Region Kursk "
            "geschickt; Wolodymyr Selenskyj sprach von nordkoreanischen Verlusten.",
            [
                ("Nordkorea", "country:north-korea"),
                ("Selenskyjs", "person:volodymyr-zelensky"),
                ("russische", "country:russia"),
                ("Kursk", "place:kursk"),
                ("Wolodymyr Selenskyj", "person:volodymyr-zelensky"),
                ("nordkoreanischen", "country:north-korea"),
            ],
        ),
        (  # ru: case endings on every word of a name
            "Северная Корея направила в Курскую область саперов, сообщил секретарь Совета "
            "безопасности РФ Сергей Шойгу.",
            [
                ("Северная Корея", "country:north-korea"),
                ("Курскую область", "place:kursk"),
                ("Совета безопасности", "org:russian-security-council"),
                ("РФ", "country:russia"),
                ("Сергей Шойгу", "person:sergei-shoigu"),
            ],
        ),
        (  # uk: росія and путін as Ukrainian media write them, in lower case
            "За даними ГУР, північнокорейські війська втратили сотні людей у Курській області "
            "росії, заявив путін.",
            [
                ("ГУР", "org:main-intelligence-directorate"),
                ("північнокорейські", "country:north-korea"),
                ("Курській області", "place:kursk"),
                ("росії", "country:russia"),
                ("путін", "person:vladimir-putin"),
            ],
        ),
        (  # ja: no spaces; the longer 北朝鮮 wins over 朝鮮
            "北朝鮮軍はロシアのクルスクに派遣された。国情院が明らかにした。",
            [
                ("北朝鮮", "country:north-korea"),
                ("ロシア", "country:russia"),
                ("クルスク", "place:kursk"),
                ("国情院", "org:nis"),
            ],
        ),
        (  # zh: 朝鲜劳动党 (the party) wins over 朝鲜 (the country)
            "朝鲜劳动党总书记金正恩会见普京。",
            [
                ("朝鲜劳动党", "org:workers-party-of-korea"),
                ("金正恩", "person:kim-jong-un"),
                ("普京", "person:vladimir-putin"),
            ],
        ),
        (  # ko: particles glued on (국정원은, 북한군이, 쿠르스크에)
            "국정원은 북한군이 쿠르스크에 배치됐다고 밝혔다.",
            [("국정원", "org:nis"), ("북한", "country:north-korea"), ("쿠르스크", "place:kursk")],
        ),
        (  # it: acronyms in title case; "Uno" (one) is no UN
            "I soldati nordcoreani sono a Kursk. La Nato e l'Onu tacciono. Uno dei soldati è "
            "morto.",
            [
                ("nordcoreani", "country:north-korea"),
                ("Kursk", "place:kursk"),
                ("Nato", "org:nato"),
                ("Onu", "org:un"),
            ],
        ),
        (  # fr, with the English spelling of a Korean name
            "Plus de 6 000 soldats nord-coréens tués en Russie, selon le ministère britannique "
            "de la Défense; Vladimir Poutine et Kim Jong-un se taisent.",
            [
                ("nord-coréens", "country:north-korea"),
                ("Russie", "country:russia"),
                ("ministère britannique de la Défense", "org:uk-ministry-of-defence"),
                ("Vladimir Poutine", "person:vladimir-putin"),
                ("Kim Jong-un", "person:kim-jong-un"),
            ],
        ),
        (  # es
            "Más de 3.000 soldados norcoreanos murieron, según el Pentágono y Estados Unidos.",
            [
                ("norcoreanos", "country:north-korea"),
                ("Pentágono", "org:pentagon"),
                ("Estados Unidos", "country:united-states"),
            ],
        ),
        (  # pt
            "Soldados norte-coreanos lutam na Rússia contra a Ucrânia, diz a Coreia do Sul.",
            [
                ("norte-coreanos", "country:north-korea"),
                ("Rússia", "country:russia"),
                ("Ucrânia", "country:ukraine"),
                ("Coreia do Sul", "country:south-korea"),
            ],
        ),
    ],
)
def test_names_as_written_in_each_language(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize(
    ("text", "capital", "entity_id"),
    [
        ("Помощь Москве оказывает КНДР.", "Москве", "country:russia"),  # the state helped
        ("Шойгу выступил в Москве.", "Москве", "place:moscow"),  # в: in the city
        ("Seul ha stimato le perdite.", "Seul", "country:south-korea"),
        ("Der Gipfel fand in Moskau statt.", "Moskau", "place:moscow"),
        ("la cumbre fue en Pionyang", "Pionyang", "place:pyongyang"),
        ("平壤正计划派遣更多士兵。", "平壤", "country:north-korea"),
        ("金正恩在平壤会见普京。", "平壤", "place:pyongyang"),  # 在: at
        ("プーチン大統領は平壌に到着した。", "平壌", "place:pyongyang"),  # に到着: arrived in
        ("푸틴 대통령은 평양에서 김정은 위원장을 만났다.", "평양", "place:pyongyang"),  # 에서: in
    ],
)
def test_capitals_in_other_languages_are_the_state_unless_a_locative_word_makes_them_the_city(
    text, capital, entity_id
):
    assert (capital, entity_id) in linked(text)


def test_names_must_be_whole_words_or_stems():
    # "Seoulite" is no whole word "Seoul"; "Kursker" is listed (de), "Kurskville" is not
    assert linked("Ein Seoulite und ein Kursker Bauer trafen sich in Kurskville.") == [
        ("Kursker", "place:kursk")
    ]


def test_korean_names_start_a_word():
    # 북한 inside 남북한 (both Koreas) starts no word: it is not taken for North Korea
    assert linked("남북한 관계가 악화됐다.") == []


def test_the_stage_reads_german_text_with_the_written_names():
    text = (
        "Nordkorea schickt weitere Soldaten nach Russland\n\n"
        "Nordkoreanische Soldaten sind nach Angaben nordkoreanischer Staatsmedien zur "
        "Minenräumung in der russischen Region Kursk eingesetzt worden, sagte Machthaber "
        "Kim Jong Un der staatlichen Nachrichtenagentur KCNA zufolge."
    )
    result = enrich_text(text)
    assert result.language.code == "de"
    assert [(m.text, m.entity_id) for m in result.mentions] == [
        ("Nordkorea", "country:north-korea"),
        ("Russland", "country:russia"),
        ("Nordkoreanische", "country:north-korea"),
        ("nordkoreanischer", "country:north-korea"),
        ("russischen", "country:russia"),
        ("Kursk", "place:kursk"),
        ("Kim Jong Un", "person:kim-jong-un"),
        ("KCNA", "org:kcna"),
    ]


def test_entity_records_show_names_not_stems():
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), ["Путина встретил Ким Чен Ын."], ner=False))
    entities, _ = link_entities(doc, knowledge, known_only=True)
    putin = next(e for e in entities if e.id == "person:vladimir-putin")
    assert "Путина" in putin.aliases  # the form seen
    assert "Путин*" not in putin.aliases and "Putin" in putin.aliases
