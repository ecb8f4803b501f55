"""Each bad input of the README's "When input is wrong" table, as a user meets it: the
exit code, one line, no traceback, and the previous graph unchanged (export hash)."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

from graph.cli import app

from .small_reports import CATALOG, graph_hash, small_reports, tree


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A graph built from the tiny reports: (reports dir, store, hash of its export)."""
    from graph.pipeline import build

    root = tmp_path_factory.mktemp("previous")
    reports = small_reports(root / "reports")
    build(reports, root / "store")
    return reports, root / "store", graph_hash(root / "store")


def _refused(result, code, *parts):
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    assert "Traceback" not in result.output


def _build(runner, reports, store, *more):
    return runner.invoke(app, ["build", "--reports", str(reports), "--store", str(store),
                               *more])


def _bad_catalog(tmp_path, document_file, **issued):
    reports = small_reports(tmp_path / "bad")
    catalog = CATALOG.replace('file = "r1.txt"', f'file = "{document_file}"')
    if issued:
        catalog = catalog.replace("issued = 2022-06-30", f'issued = "{issued["issued"]}"')
    (reports / "catalog.toml").write_text(catalog, encoding="utf-8")
    return reports


# --- the store is fynd's, and only fynd's, to replace -----------------------------------

def test_store_that_is_a_users_directory_is_refused_and_kept(runner, previous, tmp_path):
    reports, _, _ = previous
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("x")
    result = _build(runner, reports, mine)
    _refused(result, 2, f"{mine}/ is not empty and is not a fynd store")
    assert tree(mine) == {"thesis.txt": b"x"}


def test_store_that_is_a_regular_file_is_refused_and_kept(runner, previous, tmp_path):
    reports, _, _ = previous
    mine = tmp_path / "mine"
    mine.write_text("x")
    _refused(_build(runner, reports, mine), 2, "is a file, not a store directory")
    assert mine.read_text() == "x" and [p.name for p in tmp_path.iterdir()] == ["mine"]


@pytest.mark.parametrize("where", [".", ".."])
def test_store_dot_and_dotdot_are_refused(runner, previous, tmp_path, monkeypatch, where):
    reports, _, _ = previous
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("x")
    monkeypatch.chdir(work)
    before = tree(tmp_path)
    _refused(_build(runner, reports, where), 2,
             "is the working directory or one of its parents")
    assert tree(tmp_path) == before


def test_a_second_build_says_which_pid_holds_the_lock(runner, previous, monkeypatch):
    reports, store, before = previous
    hold = textwrap.dedent("""
        import fcntl, os, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\\n".encode(), 0)
        print("locked", flush=True)
        time.sleep(30)
    """)
    holder = subprocess.Popen([sys.executable, "-c", hold, str(store / ".build.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("FYND_LOCK_WAIT", "0.3")
        _refused(_build(runner, reports, store), 2, f"another build (pid {holder.pid})",
                 "waited 0.3 s")
    finally:
        holder.kill()
        holder.wait()
    assert graph_hash(store) == before


# --- input stays in its box ------------------------------------------------------------

def test_catalog_file_with_dotdot_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    (tmp_path / "secret.txt").write_text("Rekommendationer\n• Hemligt.\n")
    reports = _bad_catalog(tmp_path, "../secret.txt")
    _refused(_build(runner, reports, store), 2, "file '../secret.txt' is outside the reports "
             "directory ('..' is not allowed)")
    assert graph_hash(store) == before


def test_catalog_file_with_an_absolute_path_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    secret = tmp_path / "secret.txt"
    secret.write_text("Rekommendationer\n• Hemligt.\n")
    reports = _bad_catalog(tmp_path, str(secret))
    _refused(_build(runner, reports, store), 2, "is an absolute path")
    assert graph_hash(store) == before


def test_catalog_file_that_links_out_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    secret = tmp_path / "secret.txt"
    secret.write_text("Rekommendationer\n• Hemligt.\n")
    reports = _bad_catalog(tmp_path, "inside.txt")
    (reports / "inside.txt").symlink_to(secret)
    _refused(_build(runner, reports, store), 2, "file 'inside.txt' leads outside the reports "
             f"directory (a symbolic link to {secret.resolve()})")
    assert graph_hash(store) == before


def test_curation_file_that_links_out_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    reports = small_reports(tmp_path / "data" / "reports")
    (tmp_path / "elsewhere.toml").write_text("")
    (tmp_path / "data" / "curation.toml").symlink_to(tmp_path / "elsewhere.toml")
    _refused(_build(runner, reports, store), 2, "curation.toml: a symbolic link to",
             "fynd reads no file out of its box")
    assert graph_hash(store) == before


def test_a_date_that_is_not_a_date_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    reports = _bad_catalog(tmp_path, "r1.txt", issued="2023-13-45")
    _refused(_build(runner, reports, store), 2,
             "report 1: 'issued' is not a real date: '2023-13-45'")
    assert graph_hash(store) == before


def test_a_document_over_the_size_limit_is_refused(runner, previous, tmp_path):
    _, store, before = previous
    reports = _bad_catalog(tmp_path, "huge.txt")
    with open(reports / "huge.txt", "wb") as huge:  # 50 MB, sparse: nothing is written
        huge.truncate(50_000_000)
    _refused(_build(runner, reports, store), 2, "huge.txt holds 50.0 MB of text, more than "
             "the limit of 20 MB per document (raise it with --max-text-mb")
    assert graph_hash(store) == before


def test_the_size_limit_is_an_option(runner, previous, tmp_path):
    reports, store, before = previous
    _refused(_build(runner, reports, store, "--max-text-mb", "0.0001"), 2,
             "more than the limit of 0.0001 MB per document")
    assert graph_hash(store) == before


def test_an_empty_document_is_a_warning_and_the_build_goes_on(runner, tmp_path):
    reports = small_reports(tmp_path / "reports")
    (reports / "empty.txt").write_text("")
    with open(reports / "catalog.toml", "a", encoding="utf-8") as catalog:
        catalog.write('\n[[document]]\nfile = "empty.txt"\nreport = "r1"\nversion = "full"\n')
    result = _build(runner, reports, tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == ("Warning: empty.txt: the document is empty; no findings "
                                     "from it")
    assert "Built" in result.stdout


def test_a_pdf_without_text_says_ocr_is_needed_and_the_build_goes_on(runner, tmp_path):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDF")
    reports = small_reports(tmp_path / "reports")
    scan = fpdf.FPDF()
    scan.add_page()
    scan.rect(20, 20, 100, 60, style="F")  # a picture of a page: no text layer
    scan.output(str(reports / "scan.pdf"))
    with open(reports / "catalog.toml", "a", encoding="utf-8") as catalog:
        catalog.write('\n[[document]]\nfile = "scan.pdf"\nreport = "r1"\nversion = "full"\n')
    result = _build(runner, reports, tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        "Warning: scan.pdf: no text could be extracted (a PDF without a text layer: run OCR "
        "on it first, e.g. ocrmypdf); no findings from it")
    findings = runner.invoke(app, ["findings", "--store", str(tmp_path / "store")])
    assert findings.exit_code == 0 and "r1/rec-1" in findings.stdout


def test_curation_naming_a_document_without_findings_says_so(runner, previous, tmp_path):
    reports, store, before = previous
    curation = tmp_path / "curation.toml"
    curation.write_text('[[link]]\naction = "add"\nsource = "scan: Något"\n'
                        'target = "r1: Säkra"\nnote = "why"\n', encoding="utf-8")
    _refused(_build(runner, reports, store, "--curation", str(curation)), 2,
             "document 'scan' has no findings in the graph")
    assert graph_hash(store) == before


# --- queries stay local ----------------------------------------------------------------

def test_service_is_refused_and_no_request_leaves(runner, previous):
    _, store, before = previous
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        result = runner.invoke(app, [
            "query", "--store", str(store),
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"])
        _refused(result, 2, "query:1:18: SERVICE would query another endpoint over the "
                 "network; fynd queries stay local (pass --allow-service to allow it)")
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert graph_hash(store) == before


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX ex: <http://x/>\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL",
])
def test_updates_are_refused(runner, previous, update):
    _, store, before = previous
    result = runner.invoke(app, ["query", "--store", str(store), update])
    _refused(result, 2, "fynd query is read-only")
    assert graph_hash(store) == before


def test_an_undefined_prefix_is_one_line_with_line_and_column(runner, previous):
    _, store, _ = previous
    result = runner.invoke(app, ["query", "--store", str(store),
                                 "SELECT * WHERE {\n  ?s foo:bar ?o }"])
    _refused(result, 2, "query:2:", "undefined prefix 'foo:'")


def test_a_syntax_error_is_one_line_with_line_and_column(runner, previous):
    _, store, _ = previous
    result = runner.invoke(app, ["query", "--store", str(store),
                                 "SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?x ?) }"])
    _refused(result, 2, "query:3:16: SPARQL syntax error: expected one of")
