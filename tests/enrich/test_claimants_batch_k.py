"""Who claims a figure, from what the fifth batch of real text showed (the `-k-` excerpts):
a quote's speaker over a source named further on, "placed the total number ... at", and in
Korean a speaker whose marker closes a title after the name ("젤렌스키 우크라이나 대통령은"),
or who is named right after reported speech ("...했다고 쇼이구 서기가 밝혔다").

Sentences are written for these tests in the style of the beat; the expected claimants are
read off them by the convention in benchmarks/data/beat_gold/README.md.
"""

from __future__ import annotations

from newsdesk.enrich import enrich_text


def claimants(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.claimant_entity_id) for f in enrich_text(text).figures]


def test_the_speaker_of_a_quote_claims_it_not_a_briefing_named_after_it():
    text = (
        "“The number of killed and wounded North Korean soldiers already exceeds 3,000,” "
        "said Zelenskyy on Monday, following a briefing by Kyiv's top commander, Oleksandr "
        "Syrskyi."
    )
    assert claimants(text) == [("exceeds 3,000", "person:volodymyr-zelensky")]


def test_placed_the_total_number_at_names_its_speaker():
    text = (
        "Ukrainian President Volodymyr Zelenskyy placed the total number of killed or wounded "
        "North Korean soldiers at 4,000."
    )
    assert claimants(text) == [("4,000", "person:volodymyr-zelensky")]


def test_a_korean_speaker_marked_after_a_title_is_the_person():
    text = (
        "볼로디미르 젤렌스키 우크라이나 대통령은 쿠르스크 전선에서 전사하거나 부상한 북한군이 "
        "3천 명을 넘어섰다고 주장했습니다."
    )
    ((_, claimant),) = claimants(text)
    assert claimant == "person:volodymyr-zelensky"


def test_a_korean_speaker_named_after_reported_speech_claims_it():
    text = (
        "김정은 국무위원장이 쿠르스크에 군사 건설 인력 총 6000명을 파견하기로 결정했다고 "
        "세르게이 쇼이구 러시아 국가안보회의 서기가 17일 밝혔다."
    )
    ((_, claimant),) = claimants(text)
    assert claimant == "person:sergei-shoigu"


def test_a_korean_subject_that_acts_is_no_speaker():
    # "북한이 ... 파병했다": the subject marker marks who sent the troops, not a speaker
    text = "북한이 지난해 러시아에 병력 1만1000명을 파병했다."
    ((_, claimant),) = claimants(text)
    assert claimant is None


def test_a_korean_word_ending_like_a_marker_is_no_title():
    # "또는" ends in "는", but is no title: North Korea's army is not the speaker
    text = (
        "합동참모본부는 북한군 1,100여 명의 사상자가 발생했다며 북한군은 교대 또는 증원 "
        "파병을 준비하고 있다고 밝혔습니다."
    )
    ((_, claimant),) = claimants(text)
    assert claimant == "org:jcs"


def test_a_person_of_a_body_speaks_not_the_body():
    text = "Cho Tae-yong of the NIS said 3,000 North Korean soldiers had been killed."
    assert claimants(text) == [("3,000", "person:cho-tae-yong")]


def test_a_body_alone_still_speaks():
    text = "The head of the NIS said 3,000 North Korean troops were deployed."
    assert claimants(text) == [("3,000", "org:nis")]


def test_the_speaker_before_the_opening_quote_claims_it_not_a_briefing_after_it():
    text = (
        "Zelensky said: “The number of killed North Koreans exceeds 3,000,” following a "
        "briefing by Oleksandr Syrskyi."
    )
    assert claimants(text) == [("exceeds 3,000", "person:volodymyr-zelensky")]
