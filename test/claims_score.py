#!/usr/bin/env python3
"""Precision and recall of "same claim" at thresholds, per column of scores.

usage: claims_score.py SIMS.tsv NAME:COL... [--at T]
SIMS lines: key_a, key_b, label, how, score columns (0-based COL counts from
the first score). Prints, per named column, the best-F1 threshold and P/R/F1
at the thresholds 0.3 .. 0.9, or only at T with --at.
"""
import sys


def prf(rows, col, t):
    tp = sum(1 for r in rows if r[col] >= t and r[0] == 1)
    fp = sum(1 for r in rows if r[col] >= t and r[0] == 0)
    fn = sum(1 for r in rows if r[col] < t and r[0] == 1)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def main():
    args = sys.argv[1:]
    at = None
    if "--at" in args:
        i = args.index("--at")
        at = float(args[i + 1])
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    rows = []
    with open(args[0], encoding="utf-8") as f:
        for line in f:
            x = line.rstrip("\n").split("\t")
            rows.append([int(x[2])] + [float(v) for v in x[4:]])
    npos = sum(1 for r in rows if r[0] == 1)
    print(f"pairs {len(rows)}, same claim {npos}, not {len(rows) - npos}")
    grid = [at] if at is not None else [round(0.05 * i, 2) for i in range(6, 20)]
    for spec in args[1:]:
        name, col = spec.split(":")
        col = int(col) + 1
        best = max((prf(rows, col, t)[2], t) for t in [i / 100 for i in range(5, 100)])
        print(f"{name}: best F1 {best[0]:.3f} at {best[1]:.2f}")
        for t in grid:
            p, r, f1, tp, fp, fn = prf(rows, col, t)
            print(f"  {name} >= {t:.2f}: P {p:.3f} R {r:.3f} F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
