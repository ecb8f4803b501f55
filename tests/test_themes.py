"""The theme scheme and its assignment rule."""

from __future__ import annotations

from graph.themes import assign_themes, load_themes


def names(text):
    return [t.rsplit("#", 1)[1] for t in assign_themes(text, load_themes())]


def test_every_concept_has_labels_in_both_languages_and_triggers():
    themes = load_themes()
    assert len(themes) >= 8
    for theme in themes:
        assert theme.labels.get("sv") and theme.labels.get("en"), theme.iri
        assert len(theme.triggers) >= 3, theme.iri


def test_inflected_forms_match_by_stem():
    assert names("Omsättning bland personalen") == ["staff"]
    assert "time" in names("Ha tålamod och fortsätt med uthålligheten")


def test_compound_words_match_their_parts():
    assert names("Tydlig informationsspridning") == ["communication"]
    assert "collaboration" in names("Nya samverkansformer prövas")


def test_short_triggers_do_not_match_inside_words():
    assert "politics" not in names("Ett kort intervall")


def test_a_text_without_triggers_has_no_theme():
    assert names("Helt annat innehåll här") == []
