"""Report shapes the shipped texts do not have, each on a tiny text built here."""

from __future__ import annotations

from graph.extract import blocks, extract, prose_type, type_of
from graph.findings import FindingType

REC, RISK, SF = FindingType.RECOMMENDATION, FindingType.RISK, FindingType.SUCCESS_FACTOR


def _labels(text, ftype=REC, lang="sv"):
    return [f.label for f in extract(text, "d", lang) if f.type is ftype]


def test_numbered_heading_is_a_section_not_a_one_item_list():
    text = ("3. Metod\n\nVi intervjuade personal.\n\n4. Rekommendationer\n\n"
            "Vi har sett mycket under året.\n\n1. Inför en rutin.\n2. Följ upp målen.\n")
    found = extract(text, "d")
    assert [f.label for f in found] == ["Inför en rutin.", "Följ upp målen."]
    assert {f.section for f in found} == {"4. Rekommendationer"}


def test_nested_and_lettered_items_are_items():
    text = ("Rekommendationer\n\n5.1 Stärk samverkan.\n5.2 Sätt mål.\n\n"
            "Förslag\n\na) Mer dialog.\nb) Fler möten.\n\n(i) Tydligare roller.\n(ii) Mindre byråkrati.\n")
    assert _labels(text) == ["Stärk samverkan.", "Sätt mål."]
    props = _labels(text, FindingType.IMPROVEMENT_PROPOSAL)
    assert props == ["Mer dialog.", "Fler möten.", "Tydligare roller.", "Mindre byråkrati."]


def test_recommendation_n_blocks_are_one_item_each_and_end_at_the_next_heading():
    text = ("Recommendation 1: Train staff\nThe agency should train all staff.\nIt should"
            " do so yearly.\n\nRecommendation 2\nThe agency should publish data.\n\n"
            "Agency comments\n\nThe agency agreed.\n")
    recs = _labels(text, lang="en")
    assert recs == ["Train staff The agency should train all staff. It should do so yearly.",
                    "The agency should publish data."]


def test_rekommendation_n_colon_blocks_in_swedish():
    text = "Rekommendation 1:\nSäkerställ tillsynen.\n\nRekommendation 2:\nUtvärdera arbetet.\n"
    assert _labels(text) == ["Säkerställ tillsynen.", "Utvärdera arbetet."]


def test_one_paragraph_per_recommendation_under_a_heading_naming_the_type():
    text = ("Rekommendationer riktade till kommunerna\n\nKommunerna bör ta fram rutiner för"
            " tillsynen.\n\nKommunerna bör följa upp tillsynen årligen.\n\nBilagor\n\nText.\n")
    assert _labels(text) == ["Kommunerna bör ta fram rutiner för tillsynen.",
                             "Kommunerna bör följa upp tillsynen årligen."]
    assert {f.method for f in extract(text, "d")} == {"list"}


def test_headed_paragraphs_under_a_heading_naming_the_type():
    text = ("Rekommendationer\n\nStärk samverkan\nSamverkan behöver stärkas.\n\n"
            "Tydliga mål\nMålen behöver bli tydliga.\n")
    assert _labels(text) == ["Stärk samverkan Samverkan behöver stärkas.",
                             "Tydliga mål Målen behöver bli tydliga."]


def test_interview_paragraphs_under_a_proposals_heading_are_not_items():
    text = ("Förbättringsförslag\n\nJag tycker att vi borde träffas mer.\n\n"
            "Det var svårt i början, men nu går det bättre för mig.\n")
    assert not [f for f in extract(text, "d") if f.method == "list"]


def test_a_lead_in_one_sentence_before_the_list():
    text = ("Bakgrund\n\nRiksdagen bör ge regeringen i uppdrag att agera. Bland annat att:\n\n"
            "• se över lagen\n• stärka tillsynen\n")
    listed = [f.label for f in extract(text, "d") if f.type is REC and f.method == "list"]
    assert listed == ["se över lagen", "stärka tillsynen"]


def test_bullets_in_a_symbol_font_are_bullets():
    text = "Risker\n\n\uf0b7 Hög personalomsättning\n\uf0a7 Brist på lokaler\n\uf076 Oklara mål\n"
    assert _labels(text, RISK) == ["Hög personalomsättning", "Brist på lokaler", "Oklara mål"]


def test_unmarked_items_after_an_open_lead_in():
    text = ("Sammanfattning\n\nRiksrevisionen rekommenderar regeringen att\n\n"
            "säkerställa att tillsynen fungerar\n\nförtydliga syftet med uppföljningen\n\n"
            "Regeringen instämmer.\n")
    assert _labels(text) == ["säkerställa att tillsynen fungerar",
                             "förtydliga syftet med uppföljningen"]


def test_inline_enumeration_in_a_recommending_sentence():
    text = ("What we recommend\n\nWe recommend that CMS (1) review claims; (2) train staff;"
            " and (3) report yearly. CMS concurred.\n")
    assert _labels(text, lang="en") == ["(1) review claims", "(2) train staff",
                                        "(3) report yearly."]


def test_space_aligned_table_with_a_plain_digit_footnote_and_a_repeated_header():
    text = ("Tabell 1\n\n"
            "Framgångsfaktorer      Risker                 Förbättringsförslag\n"
            "Politiskt stöd         Omsättning             Mer dialog\n"
            "Tidig rekrytering      Brist på tid           Fler möten\n"
            "4 Tabellen läses kolumnvis.\n"
            "\f\n"
            "Framgångsfaktorer      Risker                 Förbättringsförslag\n"
            "Engagemang             Oklara mål             Tydligare roller\n"
            "                       Valet                  \n\n"
            "Efter tabellen kommer text.\n")
    found = extract(text, "d")
    assert _labels(text, SF) == ["Politiskt stöd", "Tidig rekrytering", "Engagemang"]
    assert _labels(text, RISK) == ["Omsättning", "Brist på tid", "Oklara mål", "Valet"]
    assert {f.method for f in found} == {"table"}
    assert not any("kolumnvis" in f.label for f in found)


def test_running_headers_footers_and_page_numbers_are_skipped_and_offsets_kept():
    page = "Rapport 2025:4 | Tillsyn\n{body}\n2024-05-03 14:22 Rapport\n{n}\n"
    text = "\n\f\n".join([
        page.format(body="Rekommendationer\n\n• Stärk tillsynen av skolor och", n=1),
        page.format(body="förskolor i hela länet.\n• Följ upp målen.", n=2),
        page.format(body="Bilagor\n\nInget mer.", n=3)])
    found = extract(text, "d")
    assert [f.label for f in found] == ["Stärk tillsynen av skolor och förskolor i hela länet.",
                                        "Följ upp målen."]
    assert "Rapport" not in found[0].label and "14:22" not in found[0].label
    for f in found:
        assert text[f.start:f.end] == f.quote


def test_an_item_does_not_run_on_into_the_next_paragraph_or_section():
    text = ("Rekommendationer\n"
            "• Säkerställ att det finns tid för arbetet i alla verksamheter och på alla\n"
            "nivåer.\n"
            "Studien bygger på intervjuer med personal och chefer i kommunerna under\n"
            "hösten.\n")
    assert _labels(text) == [("Säkerställ att det finns tid för arbetet i alla verksamheter"
                              " och på alla nivåer.")]


def test_cues_are_nouns_of_a_finding_not_any_word_containing_one():
    assert type_of("Barn som riskerar att fara illa") is None
    assert type_of("Metod och riskhantering") is None
    assert type_of("Styrkor och svagheter").value == "success-factor"
    assert prose_type("Kommunen ses som en framgångsrik aktör.") is None
    assert extract("Barn som riskerar att fara illa\n\n• Barn i skolan\n• Barn hemma\n",
                   "d") == []


def test_prose_findings_from_the_profile_patterns():
    assert prose_type("Riksrevisionen rekommenderar regeringen att se över reglerna.") is REC
    assert prose_type("Enligt Riksrevisionen bör regeringen se över reglerna.") is REC
    assert prose_type("Risken är stor att arbetet avstannar.") is RISK
    assert prose_type("Bristen på lokaler är ett hinder för samverkan.") is RISK
    assert prose_type("Det finns brister i uppföljningen av tillsynen.") is RISK
    assert prose_type("Vi föreslår att en samordnare utses.") is FindingType.IMPROVEMENT_PROPOSAL
    assert prose_type("Det bör noteras att urvalet var litet.") is None
    assert prose_type("We recommend that the board publishes its minutes.", "en") is REC
    assert prose_type("The agency should publish its data.", "en") is REC
    assert prose_type("It should be noted that the sample was small.", "en") is None


def test_a_prose_finding_that_restates_a_list_item_is_merged_with_it():
    text = ("Rekommendationer\n\n• Inför tydliga rutiner för överlämning mellan skolor.\n\n"
            "Diskussion\n\nVi rekommenderar att kommunen inför tydliga rutiner för "
            "överlämning mellan skolor.\n")
    recs = [f for f in extract(text, "d") if f.type is REC]
    assert len(recs) == 1 and len(recs[0].evidence) == 2 and recs[0].method == "list"


def test_english_list_under_an_english_heading():
    text = "Key risks\n\n• Staff turnover\n• Unclear goals\n\nStrengths\n\n• Broad support\n"
    assert _labels(text, RISK, "en") == ["Staff turnover", "Unclear goals"]
    assert _labels(text, SF, "en") == ["Broad support"]


def test_blocks_kinds_of_the_new_shapes():
    text = "4. Risker\n\na) Tid\nb) Pengar\n\nRekommendation 1\nGör det.\n"
    assert [b.kind for b in blocks(text)] == ["heading", "list", "entry"]
