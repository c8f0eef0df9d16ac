"""Who claims a figure, stated as rules of the claimant convention (beat_gold/README.md) on
hand-written sentences of the Korea beat, for the "claims" row of benchmarks/mutation_score.py
(`claim_actors.py`, `claim_choice.py`, `claim_cues.py`, `claim_follow.py`, `claim_phrases.py`).

What these pin:
- a speaker named after its verb ("..., said the military") is the speaker, an unnamed one
  ("..., said military officials") names no one, and what was reported before the comma
  ("... to Russia, said ...") never speaks;
- a name set off by commas ("The North Korean leader, Kim Jong Un, said") or opening an aside
  ("Budanov, who heads ..., said") is the verb's subject; a body "of" its state speaks, not
  the state; of states joined by "and" the first named speaks for the list;
- an aside citing unnamed sources ("Yonhap, citing military sources, said") leaves the relay
  as the claimant (rule 2);
- a cue inside a longer word is no cue ("per day", "数据");
- a person or body heading a sentence with a colon states what follows;
- state bodies described by their state ("South Korea's spy agency"), and a body named in lower
  case before its people ("a unification ministry official"), claim for that body (rule 3);
- follow-on sentences carry the source before only when their words say so (rule 5).
Names are marked by hand (as the entity pass would link them), through `claimant` of
tests/enrich/test_claimants.py.
"""

from __future__ import annotations

from tests.enrich.test_claimants import claimant

NK = ("North Korea", "country:north-korea")
NORTH_KOREAN = ("North Korean", "country:north-korea")
RUSSIA = ("Russia", "country:russia")
SOUTH_KOREA = ("South Korea", "country:south-korea")
UKRAINE = ("Ukraine", "country:ukraine")
JAPAN = ("Japan", "country:japan")
YONHAP = ("Yonhap", "org:yonhap")
NIS = ("National Intelligence Service", "org:nis")
KIM = ("Kim Jong Un", "person:kim-jong-un")
BUDANOV = ("Budanov", "person:kyrylo-budanov")
ZELENSKY = ("Zelensky", "person:volodymyr-zelensky")
JCS = ("Joint Chiefs of Staff", "org:jcs")


# --- a speaker after its verb ---------------------------------------------------------------


def test_unnamed_officials_after_the_verb_name_no_claimant():
    text = "North Korea has sent 10,000 troops to Russia, said military officials."
    assert claimant(text, [NK, RUSSIA], "10,000") is None


def test_unnamed_officials_after_the_verb_in_a_headline_without_a_stop():
    text = "North Korea has sent 10,000 troops to Russia, say officials"
    assert claimant(text, [NK, RUSSIA], "10,000") is None


def test_the_military_after_the_verb_points_back_at_the_body_named_before():
    text = (
        "The Joint Chiefs of Staff said North Korea fired 200 shells on Monday.\n"
        "About 40 drones crossed the border on Tuesday, said the military."
    )
    assert claimant(text, [JCS, NK], "About 40") == "org:jcs"


def test_an_unlinked_outlet_after_the_verb_leaves_the_reported_country_out():
    text = "North Korea has sent 10,000 troops to Russia, reports Bloomberg."
    assert claimant(text, [NK, RUSSIA], "10,000") is None


def test_a_day_after_the_verb_is_no_speaker():
    text = (
        "Zelensky, speaking in Kyiv, said Monday that 3,000 North Korean soldiers had been killed."
    )
    names = [ZELENSKY, ("Kyiv", "country:ukraine"), NORTH_KOREAN]
    assert claimant(text, names, "3,000") == "person:volodymyr-zelensky"


# --- the subject of the verb before it -------------------------------------------------------


def test_a_person_opening_an_aside_speaks_not_the_state_in_it():
    text = (
        "Budanov, who heads Ukraine's military intelligence, said 3,000 North Korean soldiers "
        "had been killed."
    )
    assert claimant(text, [BUDANOV, UKRAINE, NORTH_KOREAN], "3,000") == "person:kyrylo-budanov"


def test_a_body_before_a_relative_clause_speaks():
    text = "The NIS, which monitors North Korea, said 3,000 soldiers had been killed."
    assert claimant(text, [("NIS", "org:nis"), NK], "3,000") == "org:nis"


def test_a_person_before_his_title_speaks_not_the_state_of_the_title():
    text = (
        "Kim Yong-hyun, the defense minister of South Korea, said 3,000 soldiers had been killed."
    )
    names = [("Kim Yong-hyun", "person:kim-yong-hyun"), SOUTH_KOREA]
    assert claimant(text, names, "3,000") == "person:kim-yong-hyun"


def test_a_name_set_off_by_commas_is_the_subject_of_the_verb_after_it():
    text = "The North Korean leader, Kim Jong Un, said 600 soldiers had died in Russia."
    assert claimant(text, [NORTH_KOREAN, KIM, RUSSIA], "600") == "person:kim-jong-un"
    text = (
        "At talks with Putin, the North Korean leader, Kim Jong Un, said 600 of his soldiers "
        "had died in Russia."
    )
    names = [("Putin", "person:vladimir-putin"), NORTH_KOREAN, KIM, RUSSIA]
    assert claimant(text, names, "600") == "person:kim-jong-un"


def test_a_clause_after_an_opening_phrase_is_reported_not_set_off():
    text = "In Kursk, North Korean troops have lost 1,000 men, said Budanov."
    assert claimant(text, [NORTH_KOREAN, BUDANOV], "1,000") == "person:kyrylo-budanov"


def test_a_body_of_its_state_speaks_not_the_state():
    text = (
        "North Korea has lost 1,100 soldiers in Kursk, the National Intelligence Service of "
        "South Korea estimated."
    )
    assert claimant(text, [NK, NIS, SOUTH_KOREA], "1,100") == "org:nis"


def test_an_outlet_reporting_a_states_estimate_relays_it():
    text = "Yonhap reported that Seoul estimated 10,000 North Korean troops were in Russia."
    names = [YONHAP, ("Seoul", "country:south-korea"), NORTH_KOREAN, RUSSIA]
    assert claimant(text, names, "10,000") == "country:south-korea"


def test_the_first_of_states_joined_by_and_speaks_for_them():
    text = "South Korea and Japan said North Korea fired 10 missiles."
    assert claimant(text, [SOUTH_KOREA, JAPAN, NK], "10") == "country:south-korea"
    text = "South Korea, Japan and Australia said North Korea fired 10 missiles."
    names = [SOUTH_KOREA, JAPAN, ("Australia", "country:australia"), NK]
    assert claimant(text, names, "10") == "country:south-korea"


def test_a_comma_before_the_speaker_closes_the_clause_not_a_list():
    text = "North Korea has sent 10,000 troops to Russia, South Korea said."
    assert claimant(text, [NK, RUSSIA, SOUTH_KOREA], "10,000") == "country:south-korea"


# --- relays and asides ------------------------------------------------------------------------


def test_an_aside_citing_unnamed_sources_leaves_the_relay_as_claimant():
    text = (
        "Yonhap news agency, citing anonymous military sources, said that North Korea had sent "
        "1,500 troops."
    )
    assert claimant(text, [YONHAP, NK], "1,500") == "org:yonhap"


# --- cues inside longer words ------------------------------------------------------------------


def test_per_day_is_a_rate_not_a_source():
    text = "Russia fires about 10,000 shells per day at Ukraine."
    assert claimant(text, [RUSSIA, UKRAINE], "10,000") is None


def test_data_in_chinese_holds_according_to_and_is_no_cue():
    text = "数据显示朝鲜向俄罗斯运送了约10000个集装箱。"
    names = [("朝鲜", "country:north-korea"), ("俄罗斯", "country:russia")]
    assert claimant(text, names, "10000", "zh") is None


# --- a source heading the sentence ---------------------------------------------------------------


def test_a_body_or_person_heading_a_sentence_with_a_colon_states_it():
    text = "Japanese Ministry of Defense: The missile flew 1,000 km."
    names = [("Japanese Ministry of Defense", "org:japan-mod")]
    assert claimant(text, names, "1,000 km") == "org:japan-mod"
    text = "Zelensky said so. Budanov : 3,000 North Korean soldiers have been killed."
    assert claimant(text, [ZELENSKY, BUDANOV], "3,000") == "person:kyrylo-budanov"


def test_a_state_heading_a_sentence_is_its_topic_not_its_source():
    text = "Russia: 1,000 North Korean soldiers have been killed in Kursk."
    assert claimant(text, [RUSSIA, NORTH_KOREAN], "1,000") is None


def test_a_person_opening_a_sentence_without_a_colon_states_nothing():
    text = "Budanov visited the front where 3,000 North Korean soldiers had died."
    assert claimant(text, [BUDANOV, NORTH_KOREAN], "3,000") is None


# --- more on the speaker after its verb ------------------------------------------------------


def test_a_day_closing_the_sentence_after_the_verb_is_no_speaker():
    text = "3,000 North Korean soldiers have been killed, Zelensky, speaking in Kyiv, said Monday."
    names = [NORTH_KOREAN, ZELENSKY, ("Kyiv", "country:ukraine")]
    assert claimant(text, names, "3,000") == "person:volodymyr-zelensky"


def test_up_to_three_words_of_unnamed_officials_after_the_verb_name_no_one():
    text = "North Korea has sent 10,000 troops to Russia, said senior military officials."
    assert claimant(text, [NK, RUSSIA], "10,000") is None


def test_a_noun_whose_topic_follows_names_no_speaker():
    text = "Estimates of North Korean losses vary from 1,000 to 3,000."
    assert claimant(text, [NORTH_KOREAN], "1,000") is None


def test_a_passive_verb_has_no_speaker_before_it():
    text = "Some 11,000 North Korean troops are believed to be in Russia."
    assert claimant(text, [NORTH_KOREAN, RUSSIA], "11,000") is None
    text = "Pyongyang was believed to have sent 11,000 troops."
    assert claimant(text, [("Pyongyang", "country:north-korea")], "11,000") is None


def test_a_passive_word_earlier_in_the_clause_does_not_silence_the_speaker():
    text = "About 3,000 North Korean soldiers are dead and the toll is rising, Kyiv says."
    names = [NORTH_KOREAN, ("Kyiv", "country:ukraine")]
    assert claimant(text, names, "About 3,000") == "country:ukraine"


def test_a_place_is_never_a_claimant():
    text = "1,000 North Korean soldiers have been killed, the governor of Kursk said."
    assert claimant(text, [NORTH_KOREAN, ("Kursk", "place:kursk")], "1,000") is None


# --- state bodies described by their state (rule 3) ---------------------------------------------


def test_a_states_spy_agency_heading_a_sentence_is_that_agency():
    text = "South Korea's spy agency: 10,000 North Korean troops are in Russia."
    assert claimant(text, [SOUTH_KOREA, NORTH_KOREAN, RUSSIA], "10,000") == "org:nis"


def test_a_linked_body_holding_an_intelligence_word_stays_itself():
    text = (
        "Ukraine says Western intelligence agencies estimate that 10,000 North Korean troops "
        "are in Russia."
    )
    names = [UKRAINE, ("Western intelligence agencies", "org:western-intelligence")]
    names += [NORTH_KOREAN, RUSSIA]
    assert claimant(text, names, "10,000") == "org:western-intelligence"


def test_a_spy_agency_that_told_an_outlet_claims_not_the_outlet():
    text = "South Korea's spy agency told Yonhap that 10,000 North Korean troops are in Russia."
    assert claimant(text, [SOUTH_KOREA, YONHAP, NORTH_KOREAN, RUSSIA], "10,000") == "org:nis"


def test_a_described_agency_after_a_named_one_is_its_own_states():
    text = (
        "Ukraine's Main Intelligence Directorate put North Korean losses at 3,000. "
        "South Korea's spy agency said 1,100 had died."
    )
    names = [UKRAINE, ("Main Intelligence Directorate", "org:main-intelligence-directorate")]
    names += [NORTH_KOREAN, SOUTH_KOREA]
    assert claimant(text, names, "1,100") == "org:nis"
    text = (
        "Japan's spy agency estimated 5,000 troops. South Korea's spy agency said 1,100 had died."
    )
    assert claimant(text, [JAPAN, SOUTH_KOREA], "1,100") == "org:nis"


def test_a_spy_agency_speaking_after_a_report_takes_no_state_from_it():
    text = "North Korea has lost 1,100 troops in Russia, said the spy agency."
    assert claimant(text, [NK, RUSSIA], "1,100") is None


def test_intelligence_data_cited_by_a_states_lawmaker_is_that_states_agency():
    text = (
        "South Korean lawmaker Lee Seong-kweun, citing intelligence data, said 1,100 North "
        "Korean soldiers had died."
    )
    names = [("South Korean", "country:south-korea"), ("Lee Seong-kweun", "person:lee-seong-kweun")]
    assert claimant(text, [*names, NORTH_KOREAN], "1,100") == "org:nis"


def test_a_spy_agency_is_of_the_state_beside_it_not_of_the_speaker_before():
    text = (
        "Ukraine says South Korea's spy agency estimated that 1,100 North Korean soldiers had died."
    )
    assert claimant(text, [UKRAINE, SOUTH_KOREA, NORTH_KOREAN], "1,100") == "org:nis"
    text = "The spy agency of South Korea said 1,100 soldiers had died."
    assert claimant(text, [SOUTH_KOREA], "1,100") == "org:nis"
    text = "Russia has lost 1,100 North Korean soldiers in Kursk, South Korea's spy agency said."
    assert claimant(text, [RUSSIA, NORTH_KOREAN, SOUTH_KOREA], "1,100") == "org:nis"


def test_a_later_intelligence_agency_is_the_one_described_before():
    text = (
        "Russia denied it. South Korea's spy agency briefed lawmakers on Tuesday. "
        "The intelligence agency said 1,100 North Korean soldiers had died."
    )
    assert claimant(text, [RUSSIA, SOUTH_KOREA, NORTH_KOREAN], "1,100") == "org:nis"


def test_the_spy_agency_is_the_agency_named_before():
    text = (
        "The NIS briefed lawmakers in Seoul on Tuesday. The spy agency said 1,100 North Korean "
        "soldiers had died in Russia."
    )
    names = [("NIS", "org:nis"), ("Seoul", "country:south-korea"), NORTH_KOREAN, RUSSIA]
    assert claimant(text, names, "1,100") == "org:nis"


def test_an_outlet_relaying_a_described_agency_gives_the_agency():
    text = (
        "Yonhap reported that South Korea's spy agency estimated 1,100 North Korean soldiers "
        "had died."
    )
    assert claimant(text, [YONHAP, SOUTH_KOREA, NORTH_KOREAN], "1,100") == "org:nis"


def test_intelligence_sources_an_outlet_cites_are_of_no_state():
    text = (
        "Yonhap reported that North Korea has lost 1,100 troops in Russia, citing intelligence "
        "sources."
    )
    assert claimant(text, [YONHAP, NK, RUSSIA], "1,100") == "org:yonhap"
    text = (
        "Kim Jong Un met Putin. North Korea has lost 1,100 troops in Russia, The Korea Times "
        "reported, citing intelligence sources."
    )
    names = [KIM, ("Putin", "person:vladimir-putin"), NK, RUSSIA]
    names += [("The Korea Times", "org:korea-times")]
    assert claimant(text, names, "1,100") == "org:korea-times"


def test_an_outlet_in_an_earlier_sentence_does_not_silence_a_states_intelligence():
    text = (
        "Yonhap reported the launch. South Korean lawmakers, citing intelligence data, said "
        "1,100 North Korean soldiers had died."
    )
    names = [YONHAP, ("South Korean", "country:south-korea"), NORTH_KOREAN]
    assert claimant(text, names, "1,100") == "org:nis"


# --- a body named in lower case before its people (rule 3) ----------------------------------


def test_a_lower_case_body_before_its_official_claims_over_a_place_named_after():
    text = "According to a unification ministry official in Seoul, 181 defectors arrived this year."
    names = [("Seoul", "country:south-korea")]
    assert claimant(text, names, "181") == "org:unification-ministry"


def test_the_official_points_back_at_the_body_of_the_last_official_not_any_state():
    text = (
        "A Unification Ministry official said 181 defectors arrived this year, most via China. "
        "The official said 76 arrived in July."
    )
    names = [("Unification Ministry", "org:unification-ministry"), ("China", "country:china")]
    assert claimant(text, names, "76") == "org:unification-ministry"
    text = (
        "A South Korean official said 181 defectors arrived this year.\n"
        "The official said 76 arrived in July."
    )
    assert claimant(text, [("South Korean", "country:south-korea")], "76") == (
        "country:south-korea"
    )
    text = (
        "A pentagon official said 10,000 troops were sent. A unification ministry official "
        "said 181 defectors arrived. The official said 76 arrived in July."
    )
    assert claimant(text, [], "10,000") == "org:pentagon"
    assert claimant(text, [], "76") == "org:unification-ministry"


# --- which claim of several (claim_choice.py) -----------------------------------------------


def test_of_two_speakers_in_a_sentence_the_nearest_claims_each_figure():
    text = "South Korea said 10 missiles were fired, and Japan said 2 landed in its waters."
    assert claimant(text, [SOUTH_KOREA, JAPAN], "10") == "country:south-korea"
    assert claimant(text, [SOUTH_KOREA, JAPAN], "2") == "country:japan"


def test_the_last_source_line_of_the_page_speaks():
    text = "North Korea fired 10 missiles on Monday.\nPhoto source: Reuters\nSource: Yonhap"
    assert claimant(text, [NK, ("Reuters", "org:reuters"), YONHAP], "10") == "org:yonhap"


def test_a_person_speaking_after_the_figure_is_not_relayed_away_by_an_outlet_before_it():
    text = "According to Yonhap, 2,000 were killed, Budanov said."
    assert claimant(text, [YONHAP, BUDANOV], "2,000") == "person:kyrylo-budanov"


def test_a_person_citing_a_body_passes_on_the_bodys_figure():
    text = (
        "1,100 North Korean soldiers have died, according to lawmaker Lee Seong-kweun, citing "
        "the NIS."
    )
    names = [NORTH_KOREAN, ("Lee Seong-kweun", "person:lee-seong-kweun"), ("NIS", "org:nis")]
    assert claimant(text, names, "1,100") == "org:nis"


def test_a_survey_author_in_the_next_sentence_does_not_claim_this_one():
    text = (
        "North Korea fired 10 missiles, South Korea said. A poll by Gallup Korea found 70% were "
        "worried."
    )
    names = [NK, SOUTH_KOREA, ("Gallup Korea", "org:gallup-korea")]
    assert claimant(text, names, "10") == "country:south-korea"
    assert claimant(text, names, "70%") == "org:gallup-korea"


# --- follow-on sentences (rule 5) -------------------------------------------------------------

MOD = ("UK Ministry of Defence", "org:uk-ministry-of-defence")
MOD_SAYS = "According to the UK Ministry of Defence, around 4,000 have died. "


def test_a_quoted_sentence_pointing_back_goes_on():
    text = MOD_SAYS + '"These losses represent more than a third of the troops."'
    assert claimant(text, [MOD], "more than a third") == "org:uk-ministry-of-defence"


def test_also_after_the_subject_goes_on():
    text = MOD_SAYS + "Russia also lost 300 tanks."
    assert claimant(text, [MOD, RUSSIA], "300") == "org:uk-ministry-of-defence"


def test_reportedly_goes_on_with_the_source_right_before():
    text = MOD_SAYS + "Some 1,100 were reportedly captured."
    assert claimant(text, [MOD], "Some 1,100") == "org:uk-ministry-of-defence"


def test_unnamed_officials_telling_reporters_go_on():
    text = MOD_SAYS + "Officials told reporters 300 were captured."
    assert claimant(text, [MOD], "300") == "org:uk-ministry-of-defence"


# --- more of the same rules, other shapes -----------------------------------------------------


def test_a_body_of_its_state_opening_the_sentence_speaks():
    text = (
        "The National Intelligence Service of South Korea estimated that 1,100 North Korean "
        "soldiers had been killed."
    )
    assert claimant(text, [NIS, SOUTH_KOREA, NORTH_KOREAN], "1,100") == "org:nis"


def test_the_spy_agency_after_a_named_agency_that_made_no_claim_is_that_agency():
    text = "Lawmakers met the NIS on Tuesday. The spy agency said 1,100 soldiers had died."
    assert claimant(text, [("NIS", "org:nis")], "1,100") == "org:nis"


def test_a_person_opening_an_aside_that_names_more_places_speaks():
    text = (
        "Budanov, who heads Ukraine's military intelligence in Kyiv, said 3,000 North Korean "
        "soldiers had been killed."
    )
    names = [BUDANOV, UKRAINE, ("Kyiv", "country:ukraine"), NORTH_KOREAN]
    assert claimant(text, names, "3,000") == "person:kyrylo-budanov"


def test_a_spy_agency_speaking_after_a_report_takes_no_state_from_it_in_any_sentence():
    text = "North Korea has lost 1,100 troops in Russia, said the spy agency. Ukraine disputes it."
    assert claimant(text, [NK, RUSSIA, UKRAINE], "1,100") is None
    text = "North Korea has lost 900 troops in Russia, said the spy agency."
    assert claimant(text, [NK, RUSSIA], "900") is None


def test_an_outlet_of_a_state_citing_intelligence_sources_claims_them():
    text = "South Korea's Yonhap cited intelligence sources as saying 10,000 troops were sent."
    assert claimant(text, [SOUTH_KOREA, YONHAP], "10,000") == "org:yonhap"
    text = (
        "Kim Jong Un met Putin. North Korea has lost 1,100 troops in Russia, The Korea Times "
        "reported, citing intelligence sources. Seoul has not confirmed it."
    )
    names = [KIM, ("Putin", "person:vladimir-putin"), NK, RUSSIA]
    names += [("The Korea Times", "org:korea-times"), ("Seoul", "country:south-korea")]
    assert claimant(text, names, "1,100") == "org:korea-times"


def test_the_official_and_the_ministry_outrank_a_place_after_them():
    text = (
        "A Unification Ministry official said 181 defectors arrived this year.\n"
        "According to the official in Seoul, 76 arrived in July."
    )
    names = [("Unification Ministry", "org:unification-ministry"), ("Seoul", "country:south-korea")]
    assert claimant(text, names, "76") == "org:unification-ministry"
    text = (
        "The Ministry of National Defense proposes to raise the budget by 3.6%. According to "
        "the ministry in Seoul, the budget will exceed 60 trillion won."
    )
    names = [("Ministry of National Defense", "org:defense-ministry-south-korea")]
    names += [("Seoul", "country:south-korea")]
    assert claimant(text, names, "60 trillion won") == "org:defense-ministry-south-korea"


def test_words_after_the_verb_that_are_no_plural_people_leave_the_speaker_before():
    names = [NK, RUSSIA, ("Kim Yong-hyun", "person:kim-yong-hyun")]
    head = (
        "North Korea has sent 3,000 more troops to Russia, Kim Yong-hyun, the defense "
        "minister, said "
    )
    for end in ("yesterday.", "in an address.", "during the crisis."):
        assert claimant(head + end, names, "3,000") == "person:kim-yong-hyun", end


# --- Korean: the topic speaks (claim_follow.topic_speaker) -----------------------------------


def test_korean_a_name_whose_title_carries_the_topic_marker_speaks():
    text = "젤렌스키 우크라이나 대통령은 북한군 3000명이 사망했다고 밝혔다."
    names = [("젤렌스키", "person:volodymyr-zelensky"), ("우크라이나", "country:ukraine")]
    assert claimant(text, names, "3000", "ko") == "person:volodymyr-zelensky"


def test_korean_a_subject_marker_names_the_speaker_right_after_a_quote():
    text = "북한이 1만1000명을 파병했다고 쇼이구 서기가 밝혔다."
    names = [("북한", "country:north-korea"), ("쇼이구", "person:sergei-shoigu")]
    assert claimant(text, names, "1만1000명", "ko") == "person:sergei-shoigu"


def test_korean_background_after_a_sourced_sentence_is_the_publishers():
    text = "북한이 1만1000명을 파병했다고 국정원은 밝혔다. 북한은 2019년에 미사일 3발을 발사했다."
    names = [
        ("북한", "country:north-korea"),
        ("국정원", "org:nis"),
        ("북한", "country:north-korea"),
    ]
    assert claimant(text, names, "3발", "ko") is None


# --- a quote's speaker (claim_choice.quote_speakers) ------------------------------------------


def test_the_speaker_right_after_a_quote_claims_it_not_a_briefing_named_further_on():
    names = [ZELENSKY, ("Syrskyi", "person:oleksandr-syrskyi")]
    text = (
        "“The number of killed North Korean soldiers exceeds 3,000,” said Zelensky on Monday, "
        "following a briefing by Syrskyi."
    )
    assert claimant(text, names, "exceeds 3,000") == "person:volodymyr-zelensky"
    text = (
        "“The number of killed North Korean soldiers exceeds 3,000,” Zelensky said on Monday "
        "after a briefing by Syrskyi."
    )
    assert claimant(text, names, "exceeds 3,000") == "person:volodymyr-zelensky"
