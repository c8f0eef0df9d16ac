"""Keywords: noun chunks of the lead scored by tf-idf, with an updatable df table."""

from __future__ import annotations

from newsdesk.enrich import DocumentFrequencies, EnrichOptions, enrich_text
from newsdesk.enrich.keywords import lead_text, score_keywords


def terms(result) -> list[str]:
    return [k.term for k in result.keywords]


def test_keywords_name_the_topic(enriched):
    assert terms(enriched["seed003_related_steel_tariffs"])[0] == "steel tariffs"
    assert "washing machines" in terms(enriched["seed003_related_steel_tariffs"])[:5]
    assert "limited options" in terms(enriched["seed000_koreapro_limited_options"])[:3]
    assert "class consciousness" in terms(enriched["seed003_related_anti_us_indoctrination"])[:3]


def test_keywords_leave_out_names_figures_titles_and_dates(enriched):
    for result in enriched.values():
        entity_names = {a.lower() for e in result.entities for a in [e.name, *e.aliases]}
        for k in result.keywords:
            assert k.term not in entity_names
            assert not any(ch.isdigit() for ch in k.term.replace("f-35a", "").replace("kf-21", ""))
            assert k.term not in {"president", "chair", "june", "march"}


def test_df_table_pushes_corpus_wide_terms_down(enriched):
    text = "Report on exports\n\n" + "Exports rose. Exports of chips rose. Steel quotas loom. " * 3
    candidates = [("exports", False), ("chips", False), ("steel quotas", False)]
    plain = score_keywords(text, candidates)
    assert plain[0].term == "exports"  # most frequent wins without a table
    table = DocumentFrequencies()
    for _ in range(50):
        table.add_document(["exports"])
    table.add_document(["steel quotas"])
    weighted = score_keywords(text, candidates, table)
    assert weighted[0].term == "steel quotas"  # rare across the corpus: more telling
    assert table.idf("exports") < table.idf("steel quotas") < table.idf("never seen")


def test_df_table_updates_from_enrichments_and_round_trips(enriched, tmp_path):
    table = DocumentFrequencies()
    for result in enriched.values():
        table.add_document(result.terms)
    assert table.documents == len(enriched)
    # "international sanctions" leads both the Korea Pro seed and the China trade fixture
    assert table.counts["international sanctions"] == 2
    path = tmp_path / "df.json"
    table.save(path)
    assert DocumentFrequencies.load(path) == table


def test_frequencies_option_reaches_the_stage():
    text = (
        "Tariffs and quotas\n\nSteel tariffs rose. Steel tariffs hit exporters. Rice quotas fell."
    )
    table = DocumentFrequencies(documents=100)
    table.counts.update({"steel tariffs": 99})
    plain = enrich_text(text)
    weighted = enrich_text(text, options=EnrichOptions(frequencies=table))
    assert plain.keywords[0].term == "steel tariffs"
    assert weighted.keywords[0].term != "steel tariffs"


def test_lead_cut_falls_on_a_sentence_end():
    text = "Title\n\n" + "One sentence here. " * 100
    lead = lead_text(text, 100, [i + 18 for i in range(7, len(text), 19)])
    assert 100 <= len(lead) < 140 and lead.endswith("here.")
    assert lead_text(text, None) == text
