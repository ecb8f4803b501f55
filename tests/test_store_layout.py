"""The store directory: fynd's own marker, versions swapped by an atomic pointer, the
build lock, readers' leases and garbage collection (graph/rdf/store.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest

from graph.errors import StoreError
from graph.rdf import store as st

from .small_reports import debris


def _quad(value: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal(value))


def _write(path, value, **kwargs):
    with st.atomic_store(path, **kwargs) as store:
        store.add(_quad(value))


def _values(path):
    opened = st.open_store(path)
    try:
        return [q.object.value for q in opened.quads_for_pattern(None, None, None)]
    finally:
        st.close_store(opened)


def test_a_build_writes_the_marker_and_one_version(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    marker = json.loads((where / st.MARKER).read_text())
    assert marker["fynd_store"] == 1 and marker["format"] == st.STORE_FORMAT
    assert marker["pyoxigraph"] == ox.__version__
    assert [p.name for p in (where / "versions").iterdir()] == [marker["current"]]
    assert st.current_version(where) == where / "versions" / marker["current"]


def test_the_next_build_swaps_and_removes_the_old_version(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    old = st.current_version(where)
    _write(where, "two")
    assert _values(where) == ["two"]
    assert not old.exists()
    assert debris(where) == []


def test_a_leased_version_survives_a_build_and_is_collected_after(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    with st.leased_version(where) as version:
        _write(where, "two")
        assert version.is_dir()  # a reader holds it: the build kept it
        assert len(ox.Store.read_only(str(version))) == 1
    assert st.collect_garbage(where) == [version.name]
    assert not version.exists()


def test_open_store_keeps_its_lease_until_closed(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    opened = st.open_store(where)
    version = st.current_version(where)
    _write(where, "two")
    assert version.exists() and [q.object.value for q in opened] == ["one"]
    st.close_store(opened)
    _write(where, "three")
    assert not version.exists()


def test_a_failed_build_keeps_the_old_graph_and_leaves_no_debris(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    with pytest.raises(RuntimeError), st.atomic_store(where) as store:
        store.add(_quad("half"))
        raise RuntimeError("boom")
    assert _values(where) == ["one"]
    assert debris(where) == []


def test_debris_of_a_dead_build_is_removed_by_the_next(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (where / "versions" / f".building-{dead}-x").mkdir()
    (where / "versions" / f".building-{dead}-x" / "CURRENT").write_text("")
    (where / f"{st.MARKER}.tmp-{dead}").write_text("{}")
    (where / "versions" / "20200101T000000-1-abcd").mkdir()  # a version never made current
    _write(where, "two")
    assert debris(where) == []


_HOLD_LOCK = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\\n".encode(), 0)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
""")


def test_a_second_build_waits_then_names_the_pid_holding_the_lock(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(where / st.BUILD_LOCK),
                               "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=f"another build \\(pid {holder.pid}\\)"):
            _write(where, "two", wait=0.3)
    finally:
        holder.kill()
        holder.wait()
    assert _values(where) == ["one"]


def test_a_second_build_that_waits_long_enough_goes_on(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(where / st.BUILD_LOCK),
                               "0.5"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    _write(where, "two", wait=20)
    holder.wait()
    assert _values(where) == ["two"]


@pytest.mark.parametrize("content", ["file", "dir", "symlink"])
def test_a_user_directory_is_refused_and_kept(tmp_path, content):
    where = tmp_path / "mine"
    where.mkdir()
    if content == "file":
        (where / "thesis.txt").write_text("x")
    elif content == "dir":
        (where / "chapters").mkdir()
    else:
        (where / "link").symlink_to(tmp_path)
    with pytest.raises(StoreError, match="is not empty and is not a fynd store"):
        _write(where, "one")
    assert [p.name for p in where.iterdir()] == [
        {"file": "thesis.txt", "dir": "chapters", "symlink": "link"}[content]]


def test_an_old_style_store_is_migrated_and_its_files_removed(tmp_path):
    where = tmp_path / "store"
    old = ox.Store(str(where))
    old.add(_quad("legacy"))
    old.flush()
    del old
    assert st.is_legacy_store(where)
    assert _values(where) == ["legacy"]  # still readable before the first new build
    _write(where, "new")
    assert _values(where) == ["new"]
    assert sorted(p.name for p in where.iterdir()) == [".build.lock", st.MARKER, "versions"]


def test_a_store_of_another_pyoxigraph_minor_says_to_rebuild(tmp_path):
    where = tmp_path / "store"
    _write(where, "one")
    marker = json.loads((where / st.MARKER).read_text())
    (where / st.MARKER).write_text(json.dumps({**marker, "pyoxigraph": "0.4.11"}))
    with pytest.raises(StoreError, match="pyoxigraph 0.4.11.*run 'fynd build' again"):
        st.open_store(where)
    from typer.testing import CliRunner

    from graph.cli import app

    result = CliRunner().invoke(app, ["findings", "--store", str(where)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == (f"Error: the graph at {where} was written with pyoxigraph "
                                     f"0.4.11, this fynd uses {ox.__version__}: run 'fynd "
                                     "build' again")
    _write(where, "two")
    assert _values(where) == ["two"]


def test_no_graph_yet_says_to_build(tmp_path):
    with pytest.raises(StoreError, match="run 'fynd build' first"):
        st.open_store(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_the_lock_file_names_the_building_pid(tmp_path):
    where = tmp_path / "store"
    with st.atomic_store(where) as store:
        store.add(_quad("one"))
        assert (where / st.BUILD_LOCK).read_text().strip() == str(os.getpid())
