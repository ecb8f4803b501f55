"""Benchmark: fynd's embedded Oxigraph store vs plain rdflib on the same graph and queries.

Run: python benchmarks/bench_store.py [--store .fynd/store] [--repeat 5]

Exports the built graph as N-Quads, then in one run times, side by side:
  loading it into rdflib's Dataset vs into a pyoxigraph Store (what `fynd build` uses);
  each named query (union of graphs) through fynd (pyoxigraph) vs rdflib's SPARQL engine.
Prints the times and the ratios (rdflib / fynd).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pyoxigraph as ox
    import rdflib

    from graph.rdf.queries import list_queries
    from graph.rdf.store import PREFIXES, export, open_store, run_query

    data = export(open_store(args.store), "nq")
    print(f"graph: {len(data.splitlines()):,} quads")

    def load_ox():
        s = ox.Store()
        s.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        return s

    def load_rdflib():
        d = rdflib.Dataset(default_union=True)
        d.parse(data=data, format="nquads")
        return d

    t_ox, t_rdf = best(load_ox, args.repeat), best(load_rdflib, args.repeat)
    print(f"load      fynd/pyoxigraph {t_ox * 1000:8.1f} ms   rdflib {t_rdf * 1000:8.1f} ms   "
          f"ratio {t_rdf / t_ox:6.1f}x")
    store, dataset = load_ox(), load_rdflib()
    init_ns = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}
    for q in list_queries():
        if q.params:
            continue
        t_f = best(lambda text=q.text: run_query(store, text), args.repeat)
        t_r = best(lambda text=q.text: list(dataset.query(text, initNs=init_ns)), args.repeat)
        rows_f = len(run_query(store, q.text).rows)
        rows_r = len(list(dataset.query(q.text, initNs=init_ns)))
        print(f"{q.name:24} fynd {t_f * 1000:8.1f} ms   rdflib {t_r * 1000:8.1f} ms   "
              f"ratio {t_r / t_f:6.1f}x   rows {rows_f} / {rows_r}")


if __name__ == "__main__":
    main()
