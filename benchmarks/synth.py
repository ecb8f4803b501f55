"""A synthetic series of Swedish evaluation reports, written as text in fynd's input layout.

Run: python benchmarks/synth.py --reports N --findings-per-report K --out DIR [--seed S]

Writes ``DIR/catalog.toml``, one ``rNNNN-full.txt`` per report (and a ``-short.txt`` for
some), ``DIR/judged.toml`` (the links and statuses of the recommendations, in the format
of ``tests/lineage_gold.toml``, for ``fynd evaluate``) and ``DIR/expected.json`` (how many
findings of each type each report states, for checking extraction).

What the texts hold, as real reports do:

* headings (``Framgångsfaktorer``, ``Risker och hinder``, ``Rekommendationer``, ...) and
  filler sections (``Inledning``, ``Metod``, ``Resultat``), paragraphs wrapped at ~75
  characters;
* numbered and bulleted lists (with lead-in sentences ``... följande:``), **boxes** (a list
  under a heading in capitals that interrupts running text, which resumes in lower case),
  a **column-wise table** whose tab-separated header cells name types, and **prose**
  findings (``En central rekommendation är att ...``, ``... betraktas som en risk.``);
* **PDF damage** in a share of the documents, as the shipped short versions show it:
  ligature glyphs (``Ɵ`` for *ti*, ``Ʃ`` for *tt*, ``Ō`` for *ft*), letters dropped as a
  gap of spaces (``a   ta``), and split ligatures (``fi nns``);
* from report to report each finding **persists** (nearly the same words), **evolves**
  (reworded: a share of its content words replaced, the rest reordered), is **dropped**,
  and **new** findings appear.  Short versions restate their full report's recommendations.

The vocabulary is the Swedish word list of ``wordfreq`` (which fynd already depends on):
content words are drawn from its most frequent words, minus stop words, any word that
holds a type cue (so only the sentences meant to state a finding do), and the crude,
sexual, violent and group words of the stop list ``unsuitable_sv.txt``.  The grammar words
that glue a phrase (``att``, ``för``, ``med`` ...) and the section headings are the only
fixed words; nothing is taken from the shipped reports.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

TYPES = ("success-factor", "risk", "proposal", "recommendation")
#: Share of each type among a report's findings.
MIX = {"success-factor": 0.2, "risk": 0.25, "proposal": 0.2, "recommendation": 0.35}
#: What becomes of a finding in the next report (the rest is dropped).
PERSIST, EVOLVE = 0.35, 0.25
GLUE = ("och", "för", "med", "genom", "i", "av", "på", "till", "inom", "mellan", "om")
HEADINGS = {
    "success-factor": ("Framgångsfaktorer", "Upplevda framgångsfaktorer"),
    "risk": ("Risker och hinder", "Upplevda riskfaktorer", "Utmaningar"),
    "proposal": ("Förbättringsförslag", "Förslag till förbättringar"),
    "recommendation": ("Rekommendationer", "Våra rekommendationer"),
}
LEAD_INS = {
    "success-factor": "Följande framgångsfaktorer lyftes fram av de intervjuade:",
    "risk": "Följande risker och hinder identifierades:",
    "proposal": "Följande förbättringsförslag framkom:",
    "recommendation": "Utifrån resultaten ger vi följande rekommendationer:",
}
BOX_HEADINGS = {"success-factor": "FRAMGÅNGSFAKTORER I KORTHET",
                "recommendation": "REKOMMENDATIONER I KORTHET"}
TABLE_HEADERS = {"success-factor": "Framgångsfaktorer", "risk": "Risker",
                 "proposal": "Förbättringsförslag"}
PROSE = {
    "recommendation": ("En central rekommendation är att {x}.", "Vi rekommenderar att {x}.",
                       "En viktig rekommendation är att {x}."),
    "risk": ("{X} betraktas som en risk.", "{X} ses som en risk."),
    "success-factor": ("{X} anses vara en framgångsfaktor.",),
    "proposal": ("{X} framfördes som ett förbättringsförslag.",),
}
FILLER_SECTIONS = ("Inledning", "Bakgrund", "Metod och genomförande", "Resultat",
                   "Diskussion", "Avslutande reflektioner")


def vocabulary(size: int = 30_000) -> list[str]:
    """Content words: wordfreq's most frequent Swedish words that are plain lower-case
    words of 4-14 letters, entries of the Hunspell Swedish dictionary (``hunspell-sv``),
    not stop words, holding no type cue, not pointing at a list (``nedan``) and fit for
    a report (:func:`suitable`).

    >>> words = vocabulary(3000)
    >>> len(words) > 1000 and all(w.isalpha() and w.islower() for w in words)
    True
    """
    from wordfreq import top_n_list

    from graph.ingest.lexicon import find_hunspell_files
    from graph.lang.profile import load_profile

    profile = load_profile("sv")
    stops = profile.stop_words()
    plain = re.compile(r"^[a-zåäöé]{4,14}$")
    # Not a word that points at a list either ("nedan", "följande"): a sentence holding
    # one is not read as a prose finding, by design.
    words = [w for w in top_n_list("sv", size) if plain.match(w) and w not in stops
             and profile.cue_type(w) is None and not profile.pointer.search(w)
             and not any(c in w for group in profile.cues.values() for c in group)]
    # Nor a word that, with the glue after it, states a finding in prose ("föreslås",
    # "brister i"): only the sentences meant to state one do.
    patterns = [p for group in profile.patterns.values() for p in group]
    words = [w for w in words if suitable(w) and not any(
        p.search(f"{w} {glue} ord") for p in patterns for glue in ("", *GLUE))]
    found = find_hunspell_files("sv_SE")
    if found is None:
        return words
    # Hunspell's lower-case entries are Swedish words; names and the English words of
    # wordfreq's web text (capitalised or absent there) are left out.
    with open(found[1], encoding="utf-8") as dic:
        swedish = {line.split("/", 1)[0].strip() for line in dic}
    return [w for w in words if w in swedish]


#: Words a report of this kind would not use (``unsuitable_sv.txt`` beside this file).
UNSUITABLE = Path(__file__).with_name("unsuitable_sv.txt")


@functools.lru_cache(maxsize=1)
def _unsuitable() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    exact, prefixes, inside = set(), [], []
    for line in UNSUITABLE.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry.startswith("*") and entry.endswith("*"):
            inside.append(entry.strip("*"))
        elif entry.endswith("*"):
            prefixes.append(entry[:-1])
        elif entry:
            exact.add(entry)
    return frozenset(exact), tuple(prefixes), tuple(inside)


def suitable(word: str) -> bool:
    """Is *word* fit for a generated evaluation report?  Not crude, sexual, a slur, about
    violence, crime or drugs, nor naming a people, faith or group (the stop list
    ``benchmarks/unsuitable_sv.txt``: whole words, stems ending in ``*`` and parts of a
    compound between two ``*``).

    >>> suitable("samverkan"), suitable("skitbra"), suitable("horisont"), suitable("hora")
    (True, False, True, False)
    >>> suitable("herrejävlar"), suitable("automatvapen")
    (False, False)
    """
    exact, prefixes, inside = _unsuitable()
    return word not in exact and not word.startswith(prefixes) and not any(
        part in word for part in inside)


@dataclass
class Item:
    """One finding as the generator wrote it: its content words and their wording."""

    type: str
    words: list[str]
    ident: int                       # the family (first ancestor) it belongs to
    parent: Item | None = None
    kind: str = ""                   # persists / evolves from the parent; "" for new
    method: str = ""
    text: str = ""                   # the wording as written (set when laid out)
    document: str = ""
    key: str = ""                    # its key in the graph: type code, rank in reading order
    children: list[Item] = field(default_factory=list)
    also: list[Item] = field(default_factory=list)  # other parents merged into this one


class Writer:
    """Sentences from content words and grammar words, deterministically from a seed."""

    def __init__(self, vocab: list[str], rng: random.Random) -> None:
        self.vocab, self.rng = vocab, rng

    def content(self, low: int = 5, high: int = 9) -> list[str]:
        return self.rng.sample(self.vocab, self.rng.randint(low, high))

    def phrase(self, words: list[str]) -> str:
        """Content words glued with grammar words: 'a b för c d med e'."""
        out: list[str] = []
        for i, w in enumerate(words):
            if i and self.rng.random() < 0.35:
                out.append(self.rng.choice(GLUE))
            out.append(w)
        return " ".join(out)

    def sentence(self, words: list[str] | None = None) -> str:
        text = self.phrase(words or self.content(6, 14))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def reword(self, words: list[str], keep: float) -> list[str]:
        """Keep a share of *words* (in a new order), replace the rest with new ones."""
        n_keep = max(1, round(len(words) * keep))
        kept = self.rng.sample(words, n_keep)
        fresh = self.rng.sample(self.vocab, len(words) - n_keep + self.rng.randint(0, 2))
        out = kept + fresh
        self.rng.shuffle(out)
        return out

    def paraphrase(self, words: list[str], synonyms: dict[str, list[str]]) -> list[str]:
        """The same content in other words: each word that has a synonym in the
        thesaurus (:func:`thesaurus`) is replaced by one, the rest kept; reordered."""
        out = [self.rng.choice(synonyms[w]) if synonyms.get(w) else w for w in words]
        self.rng.shuffle(out)
        return out

    def persist(self, words: list[str]) -> list[str]:
        """Nearly the same words: one replaced or one added, at most."""
        out = list(words)
        if self.rng.random() < 0.5:
            out[self.rng.randrange(len(out))] = self.rng.choice(self.vocab)
        else:
            out.insert(self.rng.randrange(len(out) + 1), self.rng.choice(self.vocab))
        return out


#: The Swedish thesaurus of LibreOffice (Debian package ``mythes-sv``, MPL-2.0).
THESAURUS = Path("/usr/share/mythes/th_sv_SE_v2.dat")


def thesaurus(vocab: list[str], path: Path = THESAURUS) -> dict[str, list[str]]:
    """Word -> its one-word synonyms in the thesaurus at *path* that share no stem and
    no first five letters with it (a paraphrase, not an inflection) and pass the stop
    list (:func:`suitable`); empty when the thesaurus is not installed."""
    from graph.lang.words import stem

    if not path.is_file():
        return {}
    lines = path.read_bytes().decode("latin-1").splitlines()
    wanted, out = set(vocab), {}
    k = 1
    while k < len(lines):
        head, _, count = lines[k].partition("|")
        n = int(count) if count.isdigit() else 0
        if head in wanted:
            syns = {w for line in lines[k + 1:k + 1 + n] for w in line.split("|")[1:]}
            good = sorted(w for w in syns if re.fullmatch(r"[a-zåäöé]{4,14}", w)
                          and stem(w) != stem(head) and w[:5] != head[:5] and suitable(w))
            if good:
                out[head] = good
        k += 1 + n
    return out


def wrap(text: str, width: int = 75) -> str:
    """Break *text* into lines of at most *width* characters (at spaces)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def evolve_series(n_reports: int, per_report: int, writer: Writer, paraphrased: float = 0.0,
                  synonyms: dict[str, list[str]] | None = None, *, merges: float = 0.0,
                  splits: float = 0.0) -> list[list[Item]]:
    """The findings of each report: continuations of the report before, then new ones.
    A share *paraphrased* of the evolving ones is said in other words (:meth:`Writer
    .paraphrase`, with *synonyms*) rather than partly reworded.  A share *splits* of the
    evolving ones gets a twin (a second child taking half its parent's words), and a
    share *merges* also takes in half the words of a finding that would otherwise be
    dropped (a merge of two parents), as final reports fold earlier recommendations
    together.  With both 0 the series is the one earlier versions wrote."""
    rng = writer.rng
    quota = {t: max(1, int(per_report * MIX[t])) for t in TYPES}
    quota["recommendation"] += max(0, per_report - sum(quota.values()))
    series: list[list[Item]] = []
    previous: list[Item] = []
    ident = 0
    for _r in range(n_reports):
        current: list[Item] = []
        for t in TYPES:
            mine: list[Item] = []
            for parent in (p for p in previous if p.type == t):
                if len(mine) >= quota[t]:
                    break
                x = rng.random()
                if x < PERSIST:
                    child = Item(t, writer.persist(parent.words), parent.ident, parent,
                                 "persists")
                elif x < PERSIST + EVOLVE and synonyms and rng.random() < paraphrased:
                    child = Item(t, writer.paraphrase(parent.words, synonyms), parent.ident,
                                 parent, "evolves")
                elif x < PERSIST + EVOLVE:
                    child = Item(t, writer.reword(parent.words, 0.3), parent.ident, parent,
                                 "evolves")
                else:
                    continue
                parent.children.append(child)
                mine.append(child)
                if splits and child.kind == "evolves" and len(mine) < quota[t] \
                        and rng.random() < splits:
                    twin = Item(t, writer.reword(parent.words, 0.5), parent.ident, parent,
                                "evolves")
                    parent.children.append(twin)
                    mine.append(twin)
            if merges:
                _merge(mine, [p for p in previous if p.type == t and not p.children],
                       writer, merges)
            while len(mine) < quota[t]:
                ident += 1
                mine.append(Item(t, writer.content(), ident))
            rng.shuffle(mine)
            current.extend(mine)
        series.append(current)
        previous = current
    return series


def _merge(children: list[Item], dropped: list[Item], writer: Writer, share: float) -> None:
    """Fold a share of the *dropped* parents into evolving *children* (one each)."""
    rng = writer.rng
    for child in children:
        if not dropped or child.kind != "evolves" or child.parent is None \
                or len(child.parent.children) > 1 or rng.random() >= share:
            continue
        other = dropped.pop(rng.randrange(len(dropped)))
        child.words = child.words + writer.reword(other.words, 0.5)[:max(2, len(other.words) // 2)]
        child.also.append(other)
        other.children.append(child)


def _methods(items: list[Item], rng: random.Random) -> None:
    weights = {"success-factor": (("list", 0.5), ("table", 0.3), ("box", 0.1), ("prose", 0.1)),
               "risk": (("list", 0.5), ("table", 0.35), ("prose", 0.15)),
               "proposal": (("list", 0.4), ("table", 0.5), ("prose", 0.1)),
               "recommendation": (("list", 0.6), ("box", 0.2), ("prose", 0.2))}
    for item in items:
        methods, w = zip(*weights[item.type])
        item.method = rng.choices(methods, w)[0]
    tabled = {i.type for i in items if i.method == "table"}
    if len(tabled) < 2:  # a table needs two columns to be a table
        for item in items:
            if item.method == "table":
                item.method = "list"


def _chunks(items: list[Item], rng: random.Random, most: int = 10) -> list[list[Item]]:
    out, k = [], 0
    while k < len(items):
        n = rng.randint(3, most)
        out.append(items[k:k + n])
        k += n
    return out


def lay_out(items: list[Item], title: str, writer: Writer) -> str:
    """The full text of one report: filler sections, lists, boxes, a table and prose."""
    rng = writer.rng
    _methods(items, rng)
    blocks: list[str] = [title, "", "Inledning", "", wrap(writer.paragraph(3))]

    def lists(t: str, method: str) -> None:
        mine = [i for i in items if i.type == t and i.method == method]
        for chunk in _chunks(mine, rng):
            numbered = rng.random() < 0.5
            blocks.extend(["", rng.choice(HEADINGS[t]), ""])
            if rng.random() < 0.5:
                blocks.extend([wrap(writer.paragraph(1) + " " + LEAD_INS[t]), ""])
            for n, item in enumerate(chunk, 1):
                item.text = writer.sentence(item.words)
                marker = f"{n}." if numbered else "•"
                blocks.append(wrap(f"{marker} {item.text}"))

    for t in TYPES:
        lists(t, "list")
    tabled = {t: [i for i in items if i.type == t and i.method == "table"] for t in TYPES}
    columns = [t for t in TYPES if tabled[t]]
    rng.shuffle(columns)
    if columns:
        blocks.extend(["", "Resultat", "", wrap(writer.paragraph(2)), "",
                       "Tabell 1. Sammanställning av resultaten", "",
                       "\t".join(TABLE_HEADERS[t] for t in columns)])
        for row in range(max(len(tabled[t]) for t in columns)):
            cells = []
            for t in columns:
                if row < len(tabled[t]):
                    tabled[t][row].text = writer.sentence(tabled[t][row].words)
                    cells.append(tabled[t][row].text)
                else:
                    cells.append("")
            blocks.append("\t".join(cells))
    blocks.extend(["", "Diskussion", ""])
    for t in TYPES:
        for item in (i for i in items if i.type == t and i.method == "prose"):
            phrase = writer.phrase(item.words)
            item.text = rng.choice(PROSE[t]).format(x=phrase, X=phrase[0].upper() + phrase[1:])
            blocks.extend([wrap(f"{writer.sentence()} {item.text} {writer.sentence()}"), ""])
    for t, box_heading in BOX_HEADINGS.items():
        boxed = [i for i in items if i.type == t and i.method == "box"]
        if not boxed:
            continue
        # Running text interrupted mid-sentence by a box, resumed in lower case after it.
        blocks.extend([wrap(writer.sentence() + " " + writer.phrase(writer.content(4, 6))),
                       "", box_heading, ""])
        for item in boxed:
            item.text = writer.sentence(item.words)
            blocks.append(wrap(f"• {item.text}"))
        blocks.extend(["", wrap(writer.phrase(writer.content(4, 8)) + ". "
                                + writer.paragraph(1)), ""])
    blocks.extend(["", rng.choice(FILLER_SECTIONS), "", wrap(writer.paragraph(3)), ""])
    _rank(items, "\n".join(blocks))
    return "\n".join(blocks)


def _rank(items: list[Item], text: str) -> None:
    """Each item's key as fynd makes it: its type's code and its rank in reading order."""
    from graph.findings import FindingType

    flat = " ".join(text.split())
    where = {id(i): flat.find(" ".join(i.text.split())) for i in items}
    for t in TYPES:
        mine = sorted((i for i in items if i.type == t), key=lambda i: where[id(i)])
        for n, item in enumerate(mine, 1):
            item.key = f"{FindingType(t).code}-{n}"


def short_version(items: list[Item], title: str, writer: Writer) -> str:
    """A short version restating the full report's recommendations as one list."""
    recs = [i for i in items if i.type == "recommendation"]
    lines = [title, "", "Om rapporten", "", wrap(writer.paragraph(2)), "",
             "Rekommendationer i korthet", ""]
    for n, item in enumerate(recs, 1):
        lines.append(wrap(f"{n}. {writer.sentence(item.words)}"))
    return "\n".join(lines + ["", "Läs mer", "", wrap(writer.paragraph(1)), ""])


#: PDF damage: (letters, what extraction made of them) per style.
DAMAGE = {
    "glyphs": (("ti", "Ɵ "), ("tt", "Ʃ "), ("ft", "Ō "), ("fi", "fi "), ("fl", "fl ")),
    "gaps": (("ti", "  "), ("tt", "  "), ("ft", "  ")),
}


def damage(text: str, style: str, rng: random.Random) -> str:
    """Damage *text* as PDF extraction does: ligatures inside lower-case words become an
    unknown glyph and a space, a gap of spaces, or a split (``fi nns``).

    >>> damage("att fortsätta", "gaps", random.Random(1))
    'a   fortsä  a'
    """
    for letters, made in DAMAGE[style]:
        split = letters in ("fi", "fl")
        # A split ligature only inside a word, and for 7 in 10 of them; a glyph or gap
        # wherever the letters are drawn as a ligature (a letter, space or end follows).
        pattern = (rf"(?<=[a-zåäö]){letters}(?=[a-zåäö])|^{letters}(?=[a-zåäö])" if split
                   else rf"{letters}(?=[a-zåäö\s]|$)")

        def swap(m: re.Match[str], made: str = made, split: bool = split) -> str:
            return made if not split or rng.random() < 0.7 else m.group(0)

        text = re.sub(pattern, swap, text, flags=re.MULTILINE)
    return text


def _iri(item: Item) -> str:
    from graph.rdf.vocab import finding_iri

    return finding_iri(item.document, item.key).value


def _said(item: Item, words: int = 8) -> str:
    return " ".join(item.text.split()[:words])


def _statuses(series: list[list[Item]]) -> dict[int, str]:
    last = len(series) - 1
    out: dict[int, str] = {}
    for r, items in enumerate(series):
        for item in items:
            if r == last:
                out[id(item)] = {"persists": "persisted", "evolves": "evolved"}.get(
                    item.kind, "new")
                continue
            kinds, node, depth = [], item, r
            while node.children:
                node = node.children[0]
                kinds.append(node.kind)
                depth += 1
            out[id(item)] = ("dropped" if depth < last else "persisted"
                             if all(k == "persists" for k in kinds) else "evolved")
    return out


def judged(series: list[list[Item]], scope: str = "recommendation") -> str:
    """The judged-links TOML (``tests/lineage_gold.toml`` format) of what was generated."""
    out = ["# What benchmarks/synth.py generated: the true lineage of the recommendations.",
           "# Findings are named by IRI (a repaired word may differ from the one written);",
           "# 'why' quotes the start of each wording as the generator wrote it.",
           f'scope = "{scope}"', ""]
    dump = lambda s: json.dumps(s, ensure_ascii=False)  # a TOML basic string
    for items in series[1:]:
        for item in items:
            if item.type != scope or item.parent is None:
                continue
            for parent, kind in [(item.parent, item.kind)] + [(x, "evolves") for x in item.also]:
                why = f"{kind}: {_said(parent)} -> {_said(item)}"
                out += ["[[link]]", f"source = {dump(_iri(parent))}",
                        f"target = {dump(_iri(item))}", f'kind = "{kind}"',
                        f"why = {dump(why)}", ""]
    out.append("[status]")
    status = _statuses(series)
    for items in series:
        out += [f'{dump(_iri(i))} = "{status[id(i)]}"  # {_said(i, 5)}'
                for i in items if i.type == scope]
    # The whole wording of each judged finding: a benchmark matches it to what the build
    # extracted, since a finding the build missed shifts the ordinals (and IRIs) after it.
    out += ["", "[wording]"]
    for items in series:
        out += [f"{dump(_iri(i))} = {dump(i.text)}" for i in items if i.type == scope]
    return "\n".join(out) + "\n"


def generate(out: str | Path, reports: int, per_report: int, seed: int = 1, *,
             damaged: float = 0.2, short: float = 0.2, vocab_size: int = 30_000,
             paraphrased: float = 0.0, merges: float = 0.0, splits: float = 0.0
             ) -> dict[str, object]:
    """Write a synthetic corpus to *out*; return what it holds (also in expected.json).

    Parameters
    ----------
    out
        The reports directory to write (created; files of an earlier run replaced).
    reports, per_report
        How many reports, and how many findings each states.
    seed
        The same seed gives the same corpus.
    damaged
        Share of documents with PDF damage (half glyphs, half gaps).
    short
        Share of reports that also have a short version.
    paraphrased
        Share of the evolving findings said in other words: their words replaced by
        synonyms of the Swedish thesaurus (``mythes-sv``), so they share few words with
        their parent.  With it, content words are drawn from the words that have a
        synonym there, so every finding can be paraphrased.
    merges, splits
        Shares of the evolving findings that merge in a finding that would be dropped, or
        get a twin (:func:`evolve_series`).
    """
    rng = random.Random(seed)
    vocab = vocabulary(vocab_size)
    synonyms = thesaurus(vocab) if paraphrased else {}
    if synonyms:
        vocab = [w for w in vocab if w in synonyms]
    writer = Writer(vocab, rng)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    series = evolve_series(reports, per_report, writer, paraphrased, synonyms, merges=merges,
                           splits=splits)
    catalog = [("# A synthetic series written by benchmarks/synth.py "
                f"(--reports {reports} --findings-per-report {per_report} --seed {seed})"), ""]
    docs: list[str] = []
    expected: dict[str, dict[str, int]] = {}
    damage_of: dict[str, str] = {}
    for r, items in enumerate(series, 1):
        rid = f"r{r:04d}"
        year = 2000 + (r - 1) * 25 // max(reports, 1)
        title = f"Delrapport {r} om {writer.phrase(writer.content(2, 3))}"
        catalog += ["[[report]]", f'id = "{rid}"', f'title = "{title}"', f'issued = "{year}"',
                    f"series = {r}", 'authors = ["Synthetic Author"]',
                    'publisher = "fynd benchmarks"', ""]
        full = f"{rid}-full"
        text = lay_out(items, title, writer)
        for item in items:
            item.document = full
        versions = [(full, text, "full")]
        if rng.random() < short:
            versions.append((f"{rid}-short", short_version(items, title, writer), "short"))
        for doc, body, version in versions:
            if rng.random() < damaged:
                damage_of[doc] = rng.choice(("glyphs", "gaps"))
                body = damage(body, damage_of[doc], rng)
            (out / f"{doc}.txt").write_text(body, encoding="utf-8")
            docs += ["[[document]]", f'file = "{doc}.txt"', f'report = "{rid}"',
                     f'version = "{version}"', 'language = "sv"']
            if version == "short":
                docs.append(f'restates = "{full}"')
            docs.append("")
        expected[rid] = {t: sum(1 for i in items if i.type == t) for t in TYPES}
    (out / "catalog.toml").write_text("\n".join(catalog + docs), encoding="utf-8")
    (out / "judged.toml").write_text(judged(series), encoding="utf-8")
    summary: dict[str, object] = {
        "reports": reports, "findings": sum(len(s) for s in series), "seed": seed,
        "counts": expected, "damaged": damage_of,
        "links": sum(1 + len(i.also) for s in series for i in s if i.parent is not None),
    }
    (out / "expected.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--findings-per-report", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--damaged", type=float, default=0.2,
                        help="share of documents with PDF damage [0.2]")
    parser.add_argument("--paraphrased", type=float, default=0.0,
                        help="share of evolving findings said in other words (thesaurus) [0]")
    parser.add_argument("--merges", type=float, default=0.0,
                        help="share of evolving findings that merge in a dropped one [0]")
    parser.add_argument("--splits", type=float, default=0.0,
                        help="share of evolving findings that get a twin [0]")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.reports, args.findings_per_report, args.seed,
                       damaged=args.damaged, paraphrased=args.paraphrased,
                       merges=args.merges, splits=args.splits)
    print(f"Wrote {args.out}: {summary['reports']} reports, {summary['findings']} findings, "
          f"{summary['links']} links, {len(summary['damaged'])} damaged documents")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
