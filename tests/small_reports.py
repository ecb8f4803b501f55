"""A tiny reports directory (one clean document, three findings) for tests that build
many times; ``variant`` changes one finding so two builds can be told apart."""

from __future__ import annotations

import hashlib
from pathlib import Path

TEXT = """Rapport ett

Rekommendationer
• Säkra samverkan genom tydliga rutiner mellan förvaltningarna.
• {second}

Risker
• Personalomsättning hotar arbetet med barnen.
"""
SECONDS = ("Skapa mötesplatser för personalen i kommunerna.",
           "Inför gemensamma utbildningar för personalen i regionen.")
CATALOG = """[[report]]
id = "r1"
title = "Rapport ett"
issued = 2022-06-30
series = 1

[[document]]
file = "r1.txt"
report = "r1"
version = "full"
"""


def small_reports(where: Path, variant: int = 0) -> Path:
    """Write the tiny reports directory at *where* and return it."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "r1.txt").write_text(TEXT.format(second=SECONDS[variant]), encoding="utf-8")
    (where / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    return where


def graph_hash(store: Path) -> str:
    """A hash of the whole graph at *store* (its N-Quads export, sorted)."""
    from graph.rdf.store import close_store, export, open_store

    opened = open_store(store)
    try:
        lines = sorted(export(opened, "nq").splitlines())
    finally:
        close_store(opened)
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def tree(path: Path) -> dict[str, bytes | None]:
    """Every file under *path* with its content (None for directories)."""
    return {str(p.relative_to(path)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(path.rglob("*"))}


def debris(store: Path) -> list[str]:
    """What a store holds beyond the marker, the build lock and the current version with
    its lease file: old versions, builds in progress, temporary markers."""
    import json

    current = json.loads((store / "fynd-store.json").read_text(encoding="utf-8"))["current"]
    keep = {"fynd-store.json", ".build.lock", "versions", f"versions/{current}",
            f"versions/{current}.lease"}
    return sorted(name for name in (str(p.relative_to(store)) for p in store.rglob("*"))
                  if name not in keep and not name.startswith(f"versions/{current}/"))
