"""Language profiles: one data file per language, chosen per document, detected when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.extract import extract, type_of
from graph.findings import FindingType
from graph.ingest.catalog import Document, Report
from graph.lang.profile import PROFILE_DIR, available_languages, detect_language, load_profile
from graph.pipeline import with_language


def test_shipped_profiles_are_data_files_with_their_dictionaries():
    assert available_languages() == ["en", "sv"]
    sv, en = load_profile("sv"), load_profile("en")
    assert (sv.hunspell, sv.wordfreq, sv.stemmer_name) == (("sv_SE",), "sv", "swedish")
    assert en.hunspell[0] == "en_US" and en.wordfreq == "en"
    assert "och" in sv.stop_words() and "the" in en.stop_words()
    assert "och" in sv.hyphen_suspenders and "t.ex." in sv.abbreviations


def test_adding_a_language_is_adding_a_file(tmp_path):
    text = (PROFILE_DIR / "en.toml").read_text(encoding="utf-8")
    text = text.replace('code = "en"', 'code = "nb"').replace('"english"', '"norwegian"')
    text = text.replace('recommendation = ["recommend"]', 'recommendation = ["anbefaling"]')
    path = tmp_path / "nb.toml"
    path.write_text(text, encoding="utf-8")
    nb = load_profile(path)
    assert nb.code == "nb" and nb.stem("anbefalinger") == "anbefaling"
    assert type_of("Anbefalinger", nb) is FindingType.RECOMMENDATION
    found = extract("Anbefalinger\n\n• Styrk samarbeidet\n• Følg opp målene\n", "d", nb)
    assert [f.label for f in found] == ["Styrk samarbeidet", "Følg opp målene"]


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(InputError, match="no language profile 'xx'"):
        load_profile("xx")


def test_the_language_decides_the_cues():
    text = "Recommendations\n\n• Train the staff\n• Publish the data\n"
    assert len(extract(text, "d", "en")) == 2
    assert type_of("Rekommendationer", "en") is None


@pytest.mark.parametrize(("text", "language"), [
    ("The review found that the programme was well run and that staff should be trained.",
     "en"),
    ("Granskningen visar att arbetet har fungerat väl men att personalen behöver utbildning.",
     "sv"),
    ("Dženan Šimić och Åsa Öberg skrev att samverkan mellan skolan och socialtjänsten är svag.",
     "sv"),
])
def test_detect_language_by_stop_word_share(text, language):
    assert detect_language(text) == language


def test_a_document_without_language_gets_the_detected_one_with_a_warning():
    report = Report("r", "T", "2024", 1)
    doc = Document("d", Path("d.txt"), report, "T", "full", language="")
    with pytest.warns(UserWarning, match="detected 'en'"):
        assert with_language(doc, "We recommend that the board meets more often.").language \
            == "en"
    given = Document("d", Path("d.txt"), report, "T", "full", language="sv")
    assert with_language(given, "We recommend that the board meets.").language == "sv"
