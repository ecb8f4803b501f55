"""The theme scheme and its assignment rule (stems and compound parts)."""

from __future__ import annotations

import pytest

from graph.analysis.themes import Theme, assign_themes, load_themes
from graph.config import THEMES
from graph.errors import InputError

SCHEME = "https://w3id.org/fynd/themes#"


def names(text: str) -> list[str]:
    return [t.removeprefix(SCHEME) for t in assign_themes(text, load_themes())]


def test_every_concept_has_labels_in_both_languages_and_triggers():
    themes = load_themes()
    assert 8 <= len(themes) <= 12
    for theme in themes:
        assert theme.iri.startswith(SCHEME)
        assert theme.labels.get("sv") and theme.labels.get("en"), theme.iri
        assert theme.labels["sv"] != theme.labels["en"], theme.iri
        assert len(theme.triggers) >= 3, theme.iri


def test_no_trigger_belongs_to_two_themes():
    seen: dict[str, str] = {}
    for theme in load_themes():
        for s in theme.stems:
            assert s not in seen, (s, seen.get(s), theme.name)
            seen[s] = theme.name


def test_inflected_forms_match_by_stem():
    assert names("Omsättning bland personalen") == ["staff"]
    assert "time" in names("Ha tålamod och fortsätt med uthålligheten")
    assert names("Föräldrarna och vårdnadshavarna bjuds in") == ["children"]
    assert names("Kommunerna samverkar") == ["collaboration"]


@pytest.mark.parametrize(("text", "theme"), [
    ("Tydlig informationsspridning", "communication"),    # starts with a trigger
    ("Nya samverkansformer prövas", "collaboration"),
    ("Skolpersonalen", "staff"),                          # ends with a trigger
    ("Barnhälsovården deltar", "children"),               # a four-letter trigger as a part
])
def test_compound_words_match_their_first_or_last_part(text, theme):
    assert names(text) == [theme]


def test_short_triggers_match_whole_words_only():
    assert THEMES.part_min == 4
    assert "politics" not in names("Ett kort intervall")
    assert names("Inför valet") == ["politics"]


def test_a_word_that_is_a_trigger_is_not_split_into_parts():
    # "handledning" is a staff trigger; a trigger ending it ("ledning") must not add a theme
    leading = Theme(SCHEME + "leading", {"en": "leading"}, ("ledning", "chef", "leda"))
    themes = [*load_themes(), leading]
    found = [t.removeprefix(SCHEME) for t in assign_themes("Regelbunden handledning", themes)]
    assert found == ["staff"]
    found = [t.removeprefix(SCHEME) for t in assign_themes("Projektledningen", themes)]
    assert found == ["leading"]


def test_a_text_without_triggers_has_no_theme():
    assert names("Helt annat innehåll här") == []
    assert names("") == []


def test_the_rule_is_the_schemes_not_the_codes(tmp_path):
    path = tmp_path / "mini.ttl"
    path.write_text("""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <http://x/t#weather> skos:prefLabel "väder"@sv, "weather"@en ;
            skos:hiddenLabel "regn", "snö", "sol" .
    """, encoding="utf-8")
    themes = load_themes(path)
    assert [t.label("sv") for t in themes] == ["väder"]
    assert assign_themes("Regnet och snöovädret", themes) == ["http://x/t#weather"]
    assert assign_themes("Tydlig informationsspridning", themes) == []


def test_a_broken_scheme_is_an_input_error_with_its_place(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text('<http://x/a> <http://x/b> "c"\n<http://x/d> .\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_themes(path)
    assert info.value.line == 2 and info.value.path == str(path)
    with pytest.raises(InputError, match="cannot read"):
        load_themes(tmp_path / "missing.ttl")
