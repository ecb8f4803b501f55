"""A warmed-up process that forks ``fynd build`` children on request (for the kill test).

Loading the Swedish dictionary takes 15-40 s in a fresh interpreter, so twenty fresh
``fynd build`` processes would take many minutes.  This process loads it once (by reading
and repairing a tiny reports directory, without opening any Oxigraph store: RocksDB's
background threads do not survive a fork) and then, for each line
``REPORTS STORE FAULT`` on stdin, forks a child that runs the ``fynd build`` command (the
Typer app) and prints ``pid PID``; when the child ends it prints ``exit PID CODE``
(``-9`` when killed).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from graph.cli import app
    from graph.ingest.catalog import load_catalog
    from graph.pipeline import process

    process(load_catalog(sys.argv[1]))
    print("ready", flush=True)
    for line in sys.stdin:
        reports, store, fault = line.split()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                if fault != "-":
                    os.environ["FYND_FAULT"] = fault
                app(["build", "--reports", reports, "--store", store], standalone_mode=False)
                code = 0
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    main()
