"""Known names in text that is not English, matched on the characters as written.

Sentences are hand-written in each language; every expected (text, id) pair can be checked
against `data/knowledge/other_languages.toml`, `data/knowledge/languages.toml` and the rules
in `enrich/written_names.py`.
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
        (  # pl: case endings on both words, "Płd." for "Południowej"
            "Korea Północna wysłała żołnierzy do Rosji; według Narodowej Służby Wywiadowczej "
            "Korei Płd. zginęło 2 tys. północnokoreańskich żołnierzy w obwodzie kurskim.",
            [
                ("Korea Północna", "country:north-korea"),
                ("Rosji", "country:russia"),
                ("Narodowej Służby Wywiadowczej", "org:nis"),
                ("Korei Płd.", "country:south-korea"),
                ("północnokoreańskich", "country:north-korea"),
                ("kurskim", "place:kursk"),
            ],
        ),
        (  # tr: suffixes after an apostrophe
            "Kuzey Kore'nin Rusya'ya gönderdiği askerler Ukrayna'da savaşıyor, Güney Kore "
            "istihbaratı açıkladı.",
            [
                ("Kuzey Kore", "country:north-korea"),
                ("Rusya", "country:russia"),
                ("Ukrayna", "country:ukraine"),
                ("Güney Kore", "country:south-korea"),
            ],
        ),
        (  # id
            "Korea Utara mengirim tentara ke Rusia untuk berperang melawan Ukraina, kata "
            "Kementerian Unifikasi Korea Selatan.",
            [
                ("Korea Utara", "country:north-korea"),
                ("Rusia", "country:russia"),
                ("Ukraina", "country:ukraine"),
                ("Kementerian Unifikasi", "org:unification-ministry"),
                ("Korea Selatan", "country:south-korea"),
            ],
        ),
        (  # sl
            "Severna Koreja je v Rusijo poslala vojake; ukrajinska obveščevalna služba pravi, "
            "da so severnokorejski vojaki v Kurski oblasti.",
            [
                ("Severna Koreja", "country:north-korea"),
                ("Rusijo", "country:russia"),
                ("ukrajinska", "country:ukraine"),
                ("severnokorejski", "country:north-korea"),
                ("Kurski oblasti", "place:kursk"),
            ],
        ),
        (  # is
            "Norður-Kórea sendi hermenn til Rússlands til að berjast gegn Úkraínu.",
            [
                ("Norður-Kórea", "country:north-korea"),
                ("Rússlands", "country:russia"),
                ("Úkraínu", "country:ukraine"),
            ],
        ),
        (  # th: no spaces between words, names found inside the run of letters
            "เกาหลีเหนือส่งทหารไปรัสเซียเพื่อสู้กับยูเครน",
            [
                ("เกาหลีเหนือ", "country:north-korea"),
                ("รัสเซีย", "country:russia"),
                ("ยูเครน", "country:ukraine"),
            ],
        ),
        (  # ta: case endings after vowel signs ("ரஷ்யாவிற்கு": to Russia, "உக்ரைனில்": in)
            "வடகொரியா ரஷ்யாவிற்கு படைகளை அனுப்பியது, உக்ரைனில் போர் தொடர்கிறது.",
            [
                ("வடகொரியா", "country:north-korea"),
                ("ரஷ்யாவிற்கு", "country:russia"),
                ("உக்ரைனில்", "country:ukraine"),
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


def test_a_name_does_not_start_after_a_vowel_sign_inside_a_tamil_word():
    # ரஷ்யா (Russia) after the vowel sign of கொ is inside one word, not a name
    assert linked("கொரஷ்யா") == []


def test_thai_names_are_listed_only_when_too_long_to_sit_inside_another_word():
    # โซลาร์ (solar) holds โซล (Seoul); only กรุงโซล (the city of Seoul) names it
    assert linked("พลังงานโซลาร์") == []
    assert [name for name, _ in linked("นักข่าวรายงานจากกรุงโซล")] == ["กรุงโซล"]


def test_korea_alone_is_the_south_but_a_longer_name_with_north_wins():
    assert linked("Korea Utara dan Korea") == [
        ("Korea Utara", "country:north-korea"),
        ("Korea", "country:south-korea"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # nl: Dutch names and demonyms, a hyphen inside the name
            "Noord-Koreaanse troepen vechten in Koersk voor Rusland, zegt Zuid-Korea.",
            [
                ("Noord-Koreaanse", "country:north-korea"),
                ("Koersk", "place:kursk"),
                ("Rusland", "country:russia"),
                ("Zuid-Korea", "country:south-korea"),
            ],
        ),
        (  # cs: the Czech demonym has no "n" ("severokorejský", not Slovenian "severnokorejski")
            "Zahynulo 100 severokorejských vojáků.",
            [("severokorejských", "country:north-korea")],
        ),
        (  # zh: traditional characters, and 俄 alone for Russia
            "北韓在庫斯克州為俄作戰。",
            [
                ("北韓", "country:north-korea"),
                ("庫斯克州", "place:kursk"),
                ("俄", "country:russia"),
            ],
        ),
        (  # people named in Korean, Japanese and Cyrillic scripts
            "신원식 국방부 장관과 박선원 의원",
            [
                ("신원식", "person:shin-won-sik"),
                ("국방부", "org:defense-ministry-south-korea"),
                ("박선원", "person:park-sun-won"),
            ],
        ),
        ("申源湜国防相が述べた。", [("申源湜", "person:shin-won-sik")]),
        (
            "Заявив Джон Кірбі та міністр Шин Вон Сік.",
            [("Джон Кірбі", "person:john-kirby"), ("Шин Вон Сік", "person:shin-won-sik")],
        ),
        (  # places of the shipments, as Korean writes them
            "나진에서 블라디보스토크로",
            [("나진", "place:najin"), ("블라디보스토크", "place:vladivostok")],
        ),
        ("Il Servizio national de renseignement (SNR) a confirmé.", [("SNR", "org:nis")]),
    ],
)
def test_more_names_as_written(text, expected):
    assert linked(text) == expected
