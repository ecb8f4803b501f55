"""Screenshots of ``fynd view`` on a built graph, in Debian's Chromium (offline).

Run: python benchmarks/view_screenshot.py [--store .fynd/store] [--out view-screenshot.png]
     [--lang sv|en]

Writes the page, opens it with every non-file:// request aborted, and saves the first
view to OUT, a finding's chain highlighted to OUT-chain.png and the pictures tab to
OUT-pictures.png.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_view import offline_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path("view-screenshot.png"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--finding", default="d1-full/rec-3")
    args = parser.parse_args()

    from graph.rdf.store import open_store
    from graph.views.view_page import make_view

    page_file = Path(tempfile.mkdtemp()) / "fynd-view.html"
    page_file.write_text(make_view(open_store(args.store), lang=args.lang), encoding="utf-8")
    with offline_page(page_file) as (page, _):
        page.screenshot(path=str(args.out))
        page.evaluate(f"window.fynd.focus({args.finding!r})")
        page.wait_for_timeout(200)
        chain = args.out.with_name(args.out.stem + "-chain.png")
        page.screenshot(path=str(chain))
        page.click("#fynd-tab-pictures")
        pictures = args.out.with_name(args.out.stem + "-pictures.png")
        page.screenshot(path=str(pictures), full_page=True)
    for path in (args.out, chain, pictures):
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
