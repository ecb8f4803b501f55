"""Where fynd's shipped files are: the ontology, the shipped reports and their curation,
and the hand-judged lineage.

In a source checkout they are the top-level ``ontology/``, ``data/`` and
``tests/lineage_gold.toml`` (where the design card puts them).  A wheel cannot reach
those, so the build step of ``setup.py`` copies them into the package as
``graph/_shipped/`` (``ontology/``, ``data/reports/``, ``data/curation.toml``,
``lineage_gold.toml``); this module looks there first, then in the source tree.
The named queries live in the package itself (``graph/rdf/queries/*.rq``).

>>> (ontology_dir() / "fynd.ttl").is_file()
True
>>> (shipped_reports() / "catalog.toml").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import FyndError

PACKAGE = Path(__file__).resolve().parent
#: The copies an installed wheel carries (absent in a source checkout).
SHIPPED = PACKAGE / "_shipped"
#: The project root of a source checkout (or site-packages, when installed).
SOURCE_ROOT = PACKAGE.parent
#: Where a build looks for reports unless --reports says otherwise: this, when it exists
#: in the working directory, else the shipped reports.
LOCAL_REPORTS = Path("data") / "reports"


def resource(*parts: str) -> Path:
    """The shipped file or directory *parts* (e.g. ``"ontology", "fynd.ttl"``).

    Raises
    ------
    FyndError
        If neither the installed package nor the source tree has it.
    """
    for base in (SHIPPED, SOURCE_ROOT):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FyndError(f"fynd's own file {'/'.join(parts)} is missing: reinstall fynd")


def ontology_dir() -> Path:
    """The directory of ``fynd.ttl``, ``shapes.ttl`` and ``themes.ttl``."""
    return resource("ontology")


def shipped_reports() -> Path:
    """The reports directory shipped with fynd (catalog, texts, README)."""
    return resource("data", "reports")


def default_reports() -> Path:
    """``data/reports`` of the working directory if there is one, else the shipped reports.

    >>> default_reports().name
    'reports'
    """
    return LOCAL_REPORTS if LOCAL_REPORTS.exists() else shipped_reports()


def judged_lineage() -> Path:
    """The hand-judged lineage of the shipped reports (``fynd evaluate``'s default)."""
    local = Path("tests") / "lineage_gold.toml"
    if local.is_file():
        return local
    try:
        return resource("lineage_gold.toml")
    except FyndError:
        return resource("tests", "lineage_gold.toml")
