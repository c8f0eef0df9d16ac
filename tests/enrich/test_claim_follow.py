"""Who claims a figure on real page shapes (beat_gold/README.md, the claimant convention):
follow-on sentences (`claim_follow.py`), unnamed people, relays and outlets (`claimants.py`,
`claim_actors.py`), on hand-written sentences with their names marked by hand."""

from __future__ import annotations

from tests.enrich.test_claimants import claimant

MOD = ("UK Ministry of Defence", "org:uk-ministry-of-defence")


def test_a_sentence_pointing_back_goes_on_with_the_source_before():
    text = (
        "According to the UK Ministry of Defence, around 4,000 have died. "
        "These losses represent more than a third of the troops."
    )
    assert claimant(text, [MOD], "more than a third") == "org:uk-ministry-of-defence"


def test_a_sentence_adding_to_the_account_goes_on():
    text = (
        "According to the UK Ministry of Defence, around 4,000 have died. "
        "In addition, 300 were captured. The total also rose by 10 percent."
    )
    assert claimant(text, [MOD], "300") == "org:uk-ministry-of-defence"
    assert claimant(text, [MOD], "10 percent") == "org:uk-ministry-of-defence"


def test_background_after_a_sourced_sentence_is_the_publishers():
    text = (
        "According to the UK Ministry of Defence, around 4,000 have died. "
        "The November launch followed two failed liftoffs."
    )
    assert claimant(text, [MOD], "two") is None


def test_a_new_paragraph_does_not_go_on():
    text = "According to the UK Ministry of Defence, around 4,000 have died.\nThese make up 40%."
    assert claimant(text, [MOD], "40%") is None


def test_reportedly_goes_on_only_from_the_sentence_right_before():
    text = (
        "Dmitry Peskov told Interfax the visit was on. Where they would meet remained secret. "
        "Kim was reportedly traveling in a train that runs up to 80 kilometers per hour."
    )
    names = [("Dmitry Peskov", "person:dmitry-peskov"), ("Interfax", "org:interfax")]
    assert claimant(text, names, "80 kilometers") is None


def test_unnamed_officials_go_on_with_the_source_before():
    text = (
        "North Korea funds half of its missile program with crypto, according to The Wall "
        "Street Journal. Officials described how hackers stole millions of dollars."
    )
    names = [("North Korea", "country:north-korea"), ("Wall Street Journal", "org:wsj")]
    assert claimant(text, names, "millions") == "org:wsj"


def test_unnamed_people_who_told_an_outlet_give_the_outlet():
    text = "Earlier, Western sources told the BBC that at least 1,000 had been killed."
    assert claimant(text, [("BBC", "org:bbc")], "1,000") == "org:bbc"


def test_a_phrase_does_not_end_at_the_dots_of_an_initialism():
    text = "It grew to a 6,000-strong unit, according to a 2020 U.S. military report."
    names = [("U.S.", "country:united-states")]
    assert claimant(text, names, "6,000") == "country:united-states"


def test_per_names_a_source():
    text = "Russia loses more than 1,000 men per day, per U.S. figures."
    names = [("Russia", "country:russia"), ("U.S.", "country:united-states")]
    assert claimant(text, names, "1,000") == "country:united-states"


def test_an_outlet_citing_unnamed_intelligence_is_the_claimant():
    text = (
        "Half of the shells used by Russia come from North Korea, The Times reported, "
        "citing Western intelligence sources."
    )
    names = [
        ("Russia", "country:russia"),
        ("North Korea", "country:north-korea"),
        ("The Times", "org:times"),
    ]
    assert claimant(text, names, "Half") == "org:times"


def test_a_quote_from_a_speaker_is_his_not_the_source_lines():
    text = 'Source: Interfax\nQuote from Shoigu: "Kim decided to send one thousand sappers."'
    names = [("Interfax", "org:interfax"), ("Shoigu", "person:sergei-shoigu")]
    assert claimant(text, names, "one thousand") == "person:sergei-shoigu"


def test_with_reference_to_names_the_source_behind_the_outlet():
    text = (
        "North Korea has shipped 13,000 containers. This was reported by Newsweek with "
        "reference to a report by the Defense Intelligence Agency."
    )
    names = [
        ("North Korea", "country:north-korea"),
        ("Newsweek", "org:newsweek"),
        ("Defense Intelligence Agency", "org:dia"),
    ]
    assert claimant(text, names, "13,000") == "org:dia"


def test_per_an_outlet_leaves_the_speaker_his_claim():
    text = "One South Korean lawmaker estimated that 1 million shells were sent, per Politico."
    names = [("South Korean", "country:south-korea"), ("Politico", "org:politico")]
    assert claimant(text, names, "1 million") == "country:south-korea"


def test_shared_with_an_outlet_is_said_by_the_one_before():
    text = "Its envoy, Dmytro Ponomarenko, shared with Voice of America that 15,000 may go."
    names = [("Dmytro Ponomarenko", "person:dmytro-ponomarenko"), ("Voice of America", "org:voa")]
    assert claimant(text, names, "15,000") == "person:dmytro-ponomarenko"


def test_a_next_sentence_opening_with_this_names_the_source_of_the_one_before():
    text = (
        "North Korean groups reportedly stole $1.34 billion through crypto hacks. This amount "
        "is more than double the previous year's, according to Chainalysis."
    )
    assert claimant(text, [("Chainalysis", "org:chainalysis")], "$1.34 billion") == (
        "org:chainalysis"
    )


def test_a_pointer_after_other_words_does_not_name_the_source_of_the_one_before():
    text = "All 300 lawmakers took part. Of these, 204 voted for it, according to AFP."
    assert claimant(text, [("AFP", "org:afp")], "All 300") is None
