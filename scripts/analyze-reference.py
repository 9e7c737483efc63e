#!/usr/bin/env python3
"""An independent check of `pathfit analyze`, with the tools assessment
authors use: pingouin's cronbach_alpha and numpy's correlations.

  generate BANK N SEED > class.csv
      A synthetic class: every respondent has a level on each dimension
      (standard normal) and answers each statement from it plus noise, on
      the bank's five-point scale; statements marked `keyed: minus` in BANK
      are answered the other way round. One answer in thirty is skipped.

  reference BANK class.csv > reference.json
      The figures `pathfit analyze --format json` reports, computed with
      pingouin and numpy, keying the answers as BANK says.

Needs numpy, pandas, pingouin and pyyaml, e.g. in a virtual environment:
  python3 -m venv target/pyref && target/pyref/bin/pip install numpy pandas pingouin pyyaml
"""
import csv
import json
import sys

import numpy as np
import yaml


def likert_items(bank):
    """(dimension id, [(question id, keyed minus)]) in bank order."""
    dims = []
    for d in bank["dimensions"]:
        items = [
            (q["id"], q.get("keyed") == "minus", q.get("weight", 1))
            for q in bank["questions"]
            if q["kind"] == "likert" and q["dimension"] == d["id"]
        ]
        dims.append((d["id"], items))
    return dims


def generate(bank, n, seed):
    rng = np.random.default_rng(seed)
    dims = likert_items(bank)
    questions = [q for _, items in dims for q, _, _ in items]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["respondent"] + questions)
    cuts = [-1.5, -0.5, 0.5, 1.5]
    for r in range(n):
        row = [f"r{r + 1:04d}"]
        for _, items in dims:
            level = rng.standard_normal()
            for _, minus, _ in items:
                x = (-level if minus else level) + rng.normal(0.0, 0.9)
                value = 1 + int(np.searchsorted(cuts, x))
                row.append("" if rng.random() < 1 / 30 else str(value))
        out.writerow(row)


def reference(bank, path):
    import pandas as pd
    import pingouin as pg

    table = pd.read_csv(path, dtype={"respondent": str})
    result = {}
    for dim, items in likert_items(bank):
        cols = [q for q, _, _ in items]
        scores = pd.DataFrame(
            {q: w * ((6 - table[q]) if minus else table[q]) for q, minus, w in items}
        )
        listwise = scores.dropna()
        n, k = listwise.shape
        alpha, _ = pg.cronbach_alpha(data=listwise)
        corr = np.corrcoef(listwise.to_numpy().T)
        mean_r = corr[np.triu_indices(k, 1)].mean()
        alpha_std = k * mean_r / (1 + (k - 1) * mean_r)
        low = sum(w * 1 for _, _, w in items)
        high = sum(w * 5 for _, _, w in items)
        total = listwise.sum(axis=1)
        score = (total - low) / (high - low)
        sem = score.std(ddof=1) * np.sqrt(1 - alpha)
        per_item = {}
        for q in cols:
            rest = total - listwise[q]
            r_drop = np.corrcoef(listwise[q], rest)[0, 1]
            without, _ = pg.cronbach_alpha(data=listwise.drop(columns=q))
            answered = scores[q].dropna()
            per_item[q] = {
                "mean": answered.mean(),
                "sd": answered.std(ddof=1),
                "r_drop": r_drop,
                "alpha_if_dropped": without,
            }
        result[dim] = {
            "k": k,
            "n": n,
            "alpha": alpha,
            "alpha_std": alpha_std,
            "mean_r": mean_r,
            "sem": sem,
            "spearman_brown": {
                "half": 0.5 * alpha / (1 - 0.5 * alpha),
                "double": 2 * alpha / (1 + alpha),
            },
            "items": per_item,
        }
    json.dump(
        {"tools": f"pingouin {pg.__version__}, numpy {np.__version__}", "dimensions": result},
        sys.stdout,
        indent=2,
        default=float,
    )
    print()


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "generate" and len(sys.argv) == 5:
        with open(sys.argv[2]) as f:
            generate(yaml.safe_load(f), int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "reference":
        with open(sys.argv[2]) as f:
            reference(yaml.safe_load(f), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
