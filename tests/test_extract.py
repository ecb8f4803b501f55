"""Extraction on tiny fixtures: each test builds the report shape it checks."""

from graph.extract import blocks, extract, link_restatements, prose_type, type_of
from graph.findings import FindingType

TABLE = (
    "Diskussion\n\n"
    "Tabell 1. Sammanställning\n\n"
    "Framgångsfaktorer\tRisker och hinder\tFörbättringsförslag\n"
    "Bred representation\tMånga huvudmän\tMer enhetlig information\n"
    "Politiskt stöd\t\t\n"
    "\n"
    "¹ Tabellen läses kolumnvis.\n"
    "\n"
    "Tidig rekrytering\tOmsättning bland personal\tMer dialog\n"
    "\tFörändringar i omvärlden\tFler workshops\n"
    "\n"
    "Efter tabellen kommer text.\n"
)


def _by_type(findings, ftype):
    return [f.label for f in findings if f.type is ftype]


def test_table_reads_column_wise_across_a_page_break_and_footnote():
    found = extract(TABLE, "doc")
    assert _by_type(found, FindingType.SUCCESS_FACTOR) == [
        "Bred representation", "Politiskt stöd", "Tidig rekrytering"]
    assert _by_type(found, FindingType.RISK) == [
        "Många huvudmän", "Omsättning bland personal", "Förändringar i omvärlden"]
    assert _by_type(found, FindingType.IMPROVEMENT_PROPOSAL) == [
        "Mer enhetlig information", "Mer dialog", "Fler workshops"]
    assert all(f.method == "table" for f in found)
    assert not any("kolumnvis" in f.label for f in found)
    risks = [f for f in found if f.type is FindingType.RISK]
    assert [f.ordinal for f in risks] == [1, 2, 3]


def test_quotes_are_exact_slices_of_the_text():
    for f in extract(TABLE, "doc"):
        for span in f.evidence:
            assert TABLE[span.start:span.end] == span.quote


def test_table_of_contents_is_not_a_table():
    text = "Innehåll\n\nRisker och hinder.....\t8\nFörbättringsförslag\t10\n"
    assert [b.kind for b in blocks(text)] == ["heading", "toc", "toc"]
    assert extract(text, "doc") == []


def test_numbered_list_takes_its_type_from_the_lead_in_sentence():
    text = ("Sammanfattning\n\nStudien visar mycket. Några övergripande rekommendationer:\n\n"
            "1. Att ha mer fokus på målen\n2. Mer dialog med\nskolorna.\n")
    found = extract(text, "doc")
    assert [(f.key, f.label, f.ordinal) for f in found] == [
        ("rec-1", "Att ha mer fokus på målen", 1), ("rec-2", "Mer dialog med skolorna.", 2)]
    assert found[0].section == "Sammanfattning"


def test_list_under_a_heading_without_a_type_cue_is_not_a_finding():
    text = "Syfte och frågeställningar\n\n1. Hur gick starten?\n2. Vilka är riskerna?\n"
    assert extract(text, "doc") == []


def test_bullet_item_goes_on_over_a_blank_line_in_lower_case():
    text = ("Upplevda framgångsfaktorer\n• En delad övertygelse om att länet \n\n"
            "behöver utvecklingsarbete. \n\n• Ett engagemang hos politiker. \n")
    assert _by_type(extract(text, "doc"), FindingType.SUCCESS_FACTOR) == [
        "En delad övertygelse om att länet behöver utvecklingsarbete.",
        "Ett engagemang hos politiker."]


def test_box_interleaved_in_running_text_is_a_box_and_the_section_resumes():
    text = ("Upplevda riskfaktorer\nÄven omsättning i personal ses som en risk. Att arbeta\n\n"
            "NÅGRA REKOMMENDATIONER\n\n• Mer fokus på målen \n\n• Tydlig information. \n\n"
            "praktiskt tillsammans bedöms som viktigt. Personalbrist ses som en risk.\n")
    found = extract(text, "doc")
    recs = [f for f in found if f.type is FindingType.RECOMMENDATION]
    assert [f.label for f in recs] == ["Mer fokus på målen", "Tydlig information."]
    assert {f.method for f in recs} == {"box"}
    assert {f.section for f in recs} == {"NÅGRA REKOMMENDATIONER"}
    risks = [f for f in found if f.type is FindingType.RISK]
    assert [f.section for f in risks] == ["Upplevda riskfaktorer"] * 2
    assert {f.method for f in risks} == {"prose"}
    assert all(f.confidence < 1 for f in risks)


def test_a_list_stated_twice_gives_one_finding_with_two_spans():
    text = ("Sammanfattning\n\nNågra rekommendationer:\n\n1. Mer fokus på projektets mål\n"
            "2. Tydlig information till aktörer\n\nDiskussion och rekommendationer\n\n"
            "Nedan våra rekommendationer:\n\n1. Mer fokus på projektets mål jämfört med "
            "effektmål.\n2. Vi rekommenderar tydlig information till berörda aktörer.\n")
    recs = extract(text, "doc")
    assert [f.label for f in recs] == [
        "Mer fokus på projektets mål", "Tydlig information till aktörer"]
    assert [len(f.evidence) for f in recs] == [2, 2]
    assert recs[0].evidence[1].section == "Diskussion och rekommendationer"


def test_prose_sentence_restating_a_table_cell_is_more_evidence_not_a_finding():
    text = ("Risker\n\nBalansgången mellan kostnader och vinster anses också vara en risk.\n\n"
            + TABLE.replace("Många huvudmän", "Balansgången mellan kostnader och vinster"))
    risks = [f for f in extract(text, "doc") if f.type is FindingType.RISK]
    assert len(risks) == 3
    balance = risks[0]
    assert balance.method == "table" and len(balance.evidence) == 2
    assert balance.evidence[0].quote.startswith("Balansgången mellan kostnader och vinster anses")


def test_prose_type_needs_a_finding_stated_outright():
    assert prose_type("Även omsättning ses som en risk.") is FindingType.RISK
    assert prose_type("Intervjupersonerna ser engagemang som viktiga framgångsfaktorer.") \
        is FindingType.SUCCESS_FACTOR
    assert prose_type("En generell rekommendation är att resultaten används.") \
        is FindingType.RECOMMENDATION
    assert prose_type("Det handlar om att förebygga risker och hinder.") is None
    assert prose_type("Vilka är riskerna och hindren?") is None
    assert prose_type("Våra rekommendationer är följande:") is None


def test_type_cues_cover_compounds_and_english():
    assert type_of("Upplevda riskfaktorer") is FindingType.RISK
    assert type_of("Farhågor") is FindingType.RISK
    assert type_of("Förbättringsförslag för det fortsatta arbetet") \
        is FindingType.IMPROVEMENT_PROPOSAL
    assert type_of("Key recommendations", "en") is FindingType.RECOMMENDATION
    assert type_of("Metod") is None


def test_short_version_findings_restate_the_full_report_one_to_one():
    full = extract("Rekommendationer\n\n1. Mer fokus på projektets målsättningar\n"
                   "2. Kartläggning av inkludering av berörda aktörer\n", "full")
    short = extract("NÅGRA REKOMMENDATIONER\n\n• Att ha mer fokus på projektets "
                    "målsättningar\n\n• Kartläggning om inkludering av aktörer\n\n"
                    "• Något helt annat och nytt\n", "short")
    assert link_restatements(short, full) == 2
    assert [f.restates for f in short] == [("full", "rec-1"), ("full", "rec-2"), None]


def test_a_sentence_goes_on_over_a_blank_line_in_lower_case():
    text = ("Rekommendationer\nEn generell rekommendation är att identifierade risker och \n\n"
            "förbättringsförslag tas som utgångspunkt. Se rutan nedan.\n")
    recs = extract(text, "doc")
    assert [f.label for f in recs] == [
        ("En generell rekommendation är att identifierade risker och förbättringsförslag "
         "tas som utgångspunkt.")]
