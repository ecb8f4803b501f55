"""Packaging step: copy the shipped files into the wheel as ``graph/_shipped/``.

The top-level ``ontology/`` and ``data/`` stay where they are in the source tree (the
design card puts them there); a wheel carries copies, found by ``graph/resources.py``.
Everything else is declared in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: source (relative to the project root) -> destination (relative to graph/_shipped)
SHIPPED = {
    "ontology": "ontology",
    "data/reports": "data/reports",
    "data/curation.toml": "data/curation.toml",
    "tests/lineage_gold.toml": "lineage_gold.toml",
}


class BuildWithShippedFiles(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the source tree itself
            return
        target = Path(self.build_lib) / "graph" / "_shipped"
        shutil.rmtree(target, ignore_errors=True)
        for source, dest in SHIPPED.items():
            src, dst = ROOT / source, target / dest
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
            elif src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
            else:
                raise FileNotFoundError(f"shipped file missing: {source}")


setup(cmdclass={"build_py": BuildWithShippedFiles})
