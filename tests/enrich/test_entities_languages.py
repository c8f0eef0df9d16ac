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
        (  # es: the beat's sources by their Spanish names
            "El Servicio de Inteligencia Nacional y el Ministerio de Unificación de Corea del "
            "Sur citan a Radio Asia Libre; Oleksandr Sirski y Serguéi Shoigú callaron.",
            [
                ("Servicio de Inteligencia Nacional", "org:nis"),
                ("Ministerio de Unificación", "org:unification-ministry"),
                ("Corea del Sur", "country:south-korea"),
                ("Radio Asia Libre", "org:radio-free-asia"),
                ("Oleksandr Sirski", "person:oleksandr-syrskyi"),
                ("Serguéi Shoigú", "person:sergei-shoigu"),
            ],
        ),
        (  # es: the Korean DIA only with its state ("Agencia de Inteligencia de Defensa" alone
            # is the US one's name too); "Departamento de Defensa" is the Pentagon
            "La Agencia de Inteligencia de Defensa de Corea del Sur contó 28.000 contenedores, "
            "según el Departamento de Defensa y Volodimir Zelenski.",
            [
                (
                    "Agencia de Inteligencia de Defensa de Corea del Sur",
                    "org:defense-intelligence-agency-south-korea",
                ),
                ("Departamento de Defensa", "org:pentagon"),
                ("Volodimir Zelenski", "person:volodymyr-zelensky"),
            ],
        ),
        (  # de: ministries and staffs named with their state, a genitive stem, Telegram
            "Das Vereinigungsministerium und das südkoreanische Verteidigungsministerium "
            "widersprachen dem ukrainischen Generalstab, dem Institut für Kriegsstudien und "
            "dem Sprecher des Pentagons; Selenskyj schrieb auf Telegram.",
            [
                ("Vereinigungsministerium", "org:unification-ministry"),
                ("südkoreanische Verteidigungsministerium", "org:defense-ministry-south-korea"),
                ("ukrainischen Generalstab", "org:general-staff-of-the-armed-forces-of-ukraine"),
                ("Institut für Kriegsstudien", "org:institute-for-the-study-of-war"),
                ("Pentagons", "org:pentagon"),
                ("Selenskyj", "person:volodymyr-zelensky"),
                ("Telegram", "org:telegram"),
            ],
        ),
        (  # ru: declined names of bodies and people
            "Национальная разведывательная служба Южной Кореи сообщила депутату Ли Сон Гвону, "
            "что Генштаб ВСУ и Главное управление разведки ошиблись, пишет Ёнхап со ссылкой "
            "на Совбез ООН.",
            [
                ("Национальная разведывательная служба", "org:nis"),
                ("Южной Кореи", "country:south-korea"),
                ("Ли Сон Гвону", "person:lee-seong-kweun"),
                ("Генштаб ВСУ", "org:general-staff-of-the-armed-forces-of-ukraine"),
                ("Главное управление разведки", "org:main-intelligence-directorate"),
                ("Ёнхап", "org:yonhap"),
                ("Совбез ООН", "org:un-security-council"),
            ],
        ),
        (  # uk: "телеграмі" in lower case, as Ukrainian media write it
            "За даними Національної розвідувальної служби, депутати Парк Сун-вон і Лі "
            "Сон-квеун повідомили, що Генштаб ЗСУ написав у телеграмі про Інститут вивчення "
            "війни.",
            [
                ("Національної розвідувальної служби", "org:nis"),
                ("Парк Сун-вон", "person:park-sun-won"),
                ("Лі Сон-квеун", "person:lee-seong-kweun"),
                ("Генштаб ЗСУ", "org:general-staff-of-the-armed-forces-of-ukraine"),
                ("телеграмі", "org:telegram"),
                ("Інститут вивчення війни", "org:institute-for-the-study-of-war"),
            ],
        ),
        (  # ko: the sources a Korean report cites, particles and brackets glued on
            "유엔 안전보장이사회 산하 대북제재위원회는 라자루스 그룹이 체이널리시스와 일립틱 "
            "자료에 나온다고 밝혔고, 자유아시아방송(RFA)과 리아노보스티, 니혼게이자이신문도 "
            "전쟁연구소를 인용했다.",
            [
                ("유엔 안전보장이사회", "org:un-security-council"),
                ("대북제재위원회", "org:un-sanctions-committee"),
                ("라자루스 그룹", "org:lazarus-group"),
                ("체이널리시스", "org:chainalysis"),
                ("일립틱", "org:elliptic"),
                ("자유아시아방송", "org:radio-free-asia"),
                ("RFA", "org:radio-free-asia"),
                ("리아노보스티", "org:ria-novosti"),
                ("니혼게이자이신문", "org:nikkei"),
                ("전쟁연구소", "org:institute-for-the-study-of-war"),
            ],
        ),
        (  # ko: full names of people, and ministries
            "볼로디미르 젤렌스키 대통령과 세르게이 쇼이구 서기, 조태용 국정원장이 "
            "산업통상자원부와 국방정보본부를 언급했다.",
            [
                ("볼로디미르 젤렌스키", "person:volodymyr-zelensky"),
                ("세르게이 쇼이구", "person:sergei-shoigu"),
                ("조태용", "person:cho-tae-yong"),
                ("국정원", "org:nis"),
                ("산업통상자원부", "org:motie"),
                ("국방정보본부", "org:defense-intelligence-agency-south-korea"),
            ],
        ),
        (  # ja: 統一部 as Seoul's Japanese services write it; 日本経済新聞 over 日本
            "韓国統一部と国防情報本部によると、ラザルスはチェイナリシスの推計で、"
            "日本経済新聞が報じた。イ・ソングン議員が述べた。",
            [
                ("韓国", "country:south-korea"),
                ("統一部", "org:unification-ministry"),
                ("国防情報本部", "org:defense-intelligence-agency-south-korea"),
                ("ラザルス", "org:lazarus-group"),
                ("チェイナリシス", "org:chainalysis"),
                ("日本経済新聞", "org:nikkei"),
                ("イ・ソングン", "person:lee-seong-kweun"),
            ],
        ),
        (  # zh (traditional): 聯參 for the JCS; the longer names win over 韓國
            "據韓聯社報道,聯參表示,南韓統一部與韓國國際貿易協會、《韓國時報》及自由亞洲電台"
            "均引述拉撒路案。",
            [
                ("韓聯社", "org:yonhap"),
                ("聯參", "org:jcs"),
                ("南韓統一部", "org:unification-ministry"),
                ("韓國國際貿易協會", "org:korea-international-trade-association"),
                ("韓國時報", "org:korea-times"),
                ("自由亞洲電台", "org:radio-free-asia"),
                ("拉撒路", "org:lazarus-group"),
            ],
        ),
        (  # zh (simplified)
            "据彭博社报道，联参称，乌军总参谋部与俄新社均提到安理会和韩国统一部。",
            [
                ("彭博社", "org:bloomberg"),
                ("联参", "org:jcs"),
                ("乌军总参谋部", "org:general-staff-of-the-armed-forces-of-ukraine"),
                ("俄新社", "org:ria-novosti"),
                ("安理会", "org:un-security-council"),
                ("韩国统一部", "org:unification-ministry"),
            ],
        ),
        (  # it, fr, pt: "Isw" in title case, apostrophes, demonyms after the body
            "Secondo l'Isw, il ministero dell'Unificazione e il Consiglio di Sicurezza; selon "
            "l'Institut pour l'étude de la guerre, l'état-major ukrainien; o Serviço Nacional "
            "de Inteligência e o Ministério da Unificação.",
            [
                ("Isw", "org:institute-for-the-study-of-war"),
                ("ministero dell'Unificazione", "org:unification-ministry"),
                ("Consiglio di Sicurezza", "org:un-security-council"),
                ("Institut pour l'étude de la guerre", "org:institute-for-the-study-of-war"),
                ("état-major ukrainien", "org:general-staff-of-the-armed-forces-of-ukraine"),
                ("Serviço Nacional de Inteligência", "org:nis"),
                ("Ministério da Unificação", "org:unification-ministry"),
            ],
        ),
        (  # ja: no Nikkei in the stock index or in "対日経済"
            "日経平均株価が上がり、対日経済制裁も続く。",
            [],
        ),
        (  # ko: "전문가 패널" alone is any panel of experts
            "전문가 패널이 토론했다.",
            [],
        ),
        (  # ru: a telegram is no Telegram, a bare "Генштаб" any army's staff
            "Он отправил телеграмму, Генштаб молчит.",
            [],
        ),
        (  # es: the sources of figures, China's customs and Seoul's central bank
            "Según la Administración General de Aduanas, el Centro de Estudios Estratégicos e "
            "Internacionales y el Banco de Corea, las exportaciones crecieron un 5%.",
            [
                ("Administración General de Aduanas", "org:general-administration-of-customs"),
                (
                    "Centro de Estudios Estratégicos e Internacionales",
                    "org:center-for-strategic-and-international-studies",
                ),
                ("Banco de Corea", "org:bank-of-korea"),
            ],
        ),
        (  # fr, de: institutes by their own names, bodies with the state that makes them theirs
            "Selon l'Institut coréen pour les analyses de défense et les douanes chinoises; laut "
            "dem Stockholmer Friedensforschungsinstitut Sipri und der chinesischen Zollbehörde.",
            [
                ("Institut coréen pour les analyses de défense", "org:kida"),
                ("douanes chinoises", "org:general-administration-of-customs"),
                (
                    "Stockholmer Friedensforschungsinstitut",
                    "org:stockholm-international-peace-research-institute",
                ),
                ("Sipri", "org:stockholm-international-peace-research-institute"),
                ("chinesischen Zollbehörde", "org:general-administration-of-customs"),
            ],
        ),
        (  # ru: declined names; "РБК-Україна" is not "РБК"
            "По данным Главного таможенного управления КНР, Росстата и СИПРИ, а также Банка "
            "Кореи, пишут РБК и РБК-Україна.",
            [
                ("Главного таможенного управления", "org:general-administration-of-customs"),
                ("Росстата", "org:rosstat"),
                ("СИПРИ", "org:stockholm-international-peace-research-institute"),
                ("Банка Кореи", "org:bank-of-korea"),
                ("РБК", "org:rbc"),
                ("РБК-Україна", "org:rbc-ukraine"),
            ],
        ),
        (  # ko: institutes and pollsters, particles glued on; "러시아 통계청" is Rosstat
            "해관총서와 통계청, 한국은행에 따르면 한국국방연구원과 통일연구원, 한국갤럽, "
            "리얼미터, 엠브레인퍼블릭, 서울대 통일평화연구원, 최종현학술원이 러시아 통계청 "
            "자료를 인용했다.",
            [
                ("해관총서", "org:general-administration-of-customs"),
                ("통계청", "org:statistics-korea"),
                ("한국은행", "org:bank-of-korea"),
                ("한국국방연구원", "org:kida"),
                ("통일연구원", "org:korea-institute-for-national-unification"),
                ("한국갤럽", "org:gallup-korea"),
                ("리얼미터", "org:realmeter"),
                ("엠브레인퍼블릭", "org:embrain"),
                ("서울대 통일평화연구원", "org:institute-for-peace-and-unification-studies"),
                ("최종현학술원", "org:chey-institute-for-advanced-studies"),
                ("러시아 통계청", "org:rosstat"),
            ],
        ),
        (  # ko: foreign research groups and papers; the CSIS and the IISS differ by word order
            "핵과학자회보와 미국과학자연맹(FAS), 38노스, 전략국제문제연구소, "
            "국제전략문제연구소, 한국개발연구원(KDI), 코트라가 월스트리트저널을 인용했다.",
            [
                ("핵과학자회보", "org:bulletin-of-the-atomic-scientists"),
                ("미국과학자연맹", "org:federation-of-american-scientists"),
                ("FAS", "org:federation-of-american-scientists"),
                ("38노스", "org:38-north"),
                ("전략국제문제연구소", "org:center-for-strategic-and-international-studies"),
                ("국제전략문제연구소", "org:international-institute-for-strategic-studies"),
                ("한국개발연구원", "org:korea-development-institute"),
                ("KDI", "org:korea-development-institute"),
                ("코트라", "org:korea-trade-investment-promotion-agency"),
                ("월스트리트저널", "org:wall-street-journal"),
            ],
        ),
        (  # ja: the customs office with its state, 韓国銀行 over 韓国
            "中国税関総署によると、韓国銀行とストックホルム国際平和研究所の数字を共同通信が報じた。",
            [
                ("中国税関総署", "org:general-administration-of-customs"),
                ("韓国銀行", "org:bank-of-korea"),
                (
                    "ストックホルム国際平和研究所",
                    "org:stockholm-international-peace-research-institute",
                ),
                ("共同通信", "org:kyodo"),
            ],
        ),
        (  # zh: 中国海关总署 over 中国, 韩国央行 over 韩国
            "中国海关总署数据显示，韩国央行、战略与国际研究中心和共同社均引述《华尔街日报》。",
            [
                ("中国海关总署", "org:general-administration-of-customs"),
                ("韩国央行", "org:bank-of-korea"),
                ("战略与国际研究中心", "org:center-for-strategic-and-international-studies"),
                ("共同社", "org:kyodo"),
                ("华尔街日报", "org:wall-street-journal"),
            ],
        ),
        (  # ko, de: customs, statistics and institutes are no names without whose they are
            "세관이 발표한 통계를 연구원들이 분석했다. Die Zollbehörde meldete höhere Zölle.",
            [],
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
