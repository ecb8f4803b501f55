"""Benchmark: lineage candidates on a synthetic corpus, block-wise sparse vs a pair loop.

Run: python benchmarks/bench_lineage.py [--findings 100000] [--reports 10]

Makes N synthetic findings (sentences of words drawn from the shipped reports, each
report rewording some findings of the one before), then times in one run:
  1. fynd's block-wise sparse scoring + link choice on all N findings;
  2. a plain Python loop over all pairs (cosine of the same vectors) on a sample,
     extrapolated to N by the pair count, for the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def synthetic(n: int, reports: int, seed: int = 7):
    from graph.analysis.lineage import Node

    rng = random.Random(seed)
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data/reports").glob("*.txt"))
    words = sorted({w for w in re.findall(r"[a-zåäö]{4,}", text.lower())})
    # Swedish glues words together: add compounds of two report words to the vocabulary.
    vocab = words + [a + b for a, b in zip(rng.sample(words, len(words)),
                                           rng.sample(words, len(words)))]
    per = n // reports
    nodes, previous = [], []
    for r in range(reports):
        current = []
        for i in range(per):
            if previous and rng.random() < 0.4:      # a reworded successor
                words = rng.choice(previous).split()
                for _ in range(rng.randint(1, 4)):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
            else:
                words = rng.choices(vocab, k=rng.randint(8, 25))
            sentence = " ".join(words)
            current.append(sentence)
            nodes.append(Node(f"r{r}/f{i}", f"r{r}", r, 2020 + r,
                              rng.choice(["recommendation", "risk", "proposal", "success-factor"]),
                              sentence))
        previous = current
    return nodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()

    from graph.analysis.lineage import candidate_links, choose_links
    from graph.analysis.similarity import vectorize

    nodes = synthetic(args.findings, args.reports)
    t0 = time.perf_counter()
    candidates = candidate_links(nodes)
    t1 = time.perf_counter()
    links = choose_links(nodes, candidates)
    t2 = time.perf_counter()
    print(f"fynd block-wise: {len(nodes):,} findings, {len(candidates):,} candidates, "
          f"{len(links):,} links; scoring {t1 - t0:.1f} s, choice {t2 - t1:.1f} s, "
          f"total {t2 - t0:.1f} s")

    sample = random.Random(1).sample(nodes, args.sample)
    vectors = vectorize([x.compared for x in sample])
    rows = [dict(zip(vectors.matrix[i].indices, vectors.matrix[i].data))
            for i in range(len(sample))]
    t3 = time.perf_counter()
    pairs = 0
    for i, a in enumerate(sample):
        for j in range(i + 1, len(sample)):
            b = sample[j]
            if a.position == b.position or a.type != b.type:
                continue
            ra, rb = rows[i], rows[j]
            sum(w * rb.get(k, 0.0) for k, w in ra.items())
            pairs += 1
    t4 = time.perf_counter()
    loop_rate = pairs / (t4 - t3)
    t_block_sample0 = time.perf_counter()
    candidate_links(sample)
    t_block_sample = time.perf_counter() - t_block_sample0
    # Pairs the full corpus would need in a loop (cross-report, same type: ~1/4 of pairs).
    full_pairs = pairs * (len(nodes) / len(sample)) ** 2
    print(f"pair loop on {len(sample):,} findings: {pairs:,} pairs in {t4 - t3:.2f} s "
          f"(block-wise on the same sample: {t_block_sample:.2f} s, "
          f"ratio {(t4 - t3) / t_block_sample:.0f}x)")
    print(f"pair loop extrapolated to {len(nodes):,} findings: {full_pairs / loop_rate:,.0f} s "
          f"vs fynd {t2 - t0:.1f} s (ratio {full_pairs / loop_rate / (t2 - t0):,.0f}x)")


if __name__ == "__main__":
    main()
