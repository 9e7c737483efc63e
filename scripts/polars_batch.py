#!/usr/bin/env python3
"""What a data-savvy counselor might write instead of `pathfit batch`: the
same scoring contract as a vectorised Polars pipeline (multi-threaded CSV
reader, columnar expressions), to compare speeds side by side. Run it
through scripts/bench-polars.sh, which installs Polars and PyYAML into a
virtual environment under target/.

Usage: polars_batch.py BANK.yaml ANSWERS.csv OUT.csv

The contract, as src/engine/mod.rs scores: per dimension, the answered
questions' contributions, smallest and largest possible sums; a score of
(raw - min) / (max - min), clamped to 0..1, where anything was answered;
each role's fit, 1 - sqrt(weighted squared distance / measured weight),
clamped; the best and second fit, their margin and the verdict. Rows that
pathfit refuses (a cell that is no answer) fail here too (replace_strict
raises), so feed it clean generated respondents (`pathfit sample`).
"""
import sys

import polars as pl
import yaml

TIE = 1e-9


def main(bank_path, answers_path, out_path):
    with open(bank_path) as f:
        bank = yaml.safe_load(f)
    dims = [d["id"] for d in bank["dimensions"]]
    dim_weight = {d["id"]: float(d.get("weight") or 1.0) for d in bank["dimensions"]}
    default_scale = [p["value"] for p in bank.get("scale") or []] or [1, 2, 3, 4, 5]
    thresholds = bank.get("thresholds") or {}
    clear, lean = thresholds.get("clear", 0.10), thresholds.get("lean", 0.03)

    questions = bank["questions"]
    schema = {q["id"]: pl.Utf8 for q in questions}
    schema["respondent"] = pl.Utf8
    df = pl.read_csv(answers_path, schema_overrides=schema)

    # Per dimension: lists of (contribution, min, max) expressions, each
    # null when the question is skipped.
    parts = {d: [] for d in dims}
    for q in questions:
        col = pl.col(q["id"])
        kind = q["kind"]
        weight = float(q.get("weight") or 1.0)
        if kind == "likert":
            scale = [p["value"] for p in q["scale"]] if q.get("scale") else default_scale
            lo, hi = min(scale), max(scale)
            keys = [str(float(v)) for v in scale] + [str(v) for v in scale]
            values = [float(v) for v in scale] * 2
            value = col.replace_strict(keys, values, default=None, return_dtype=pl.Float64)
            if q.get("keyed") == "minus":
                value = lo + hi - value
            parts[q["dimension"]].append((weight * value, weight * lo, weight * hi, col.is_not_null()))
        elif kind == "number":
            lo, hi = float(q["min"]), float(q["max"])
            x = col.cast(pl.Float64)
            parts[q["dimension"]].append((weight * (x - lo) / (hi - lo), 0.0, weight, col.is_not_null()))
        else:
            options = q["options"]
            moved = sorted({d for o in options for d in (o.get("scores") or {})})
            for d in moved:
                scores = [float((o.get("scores") or {}).get(d, 0.0)) for o in options]
                if kind == "choice":
                    if all(s == scores[0] for s in scores):
                        continue
                    value = col.replace_strict(
                        [o["id"] for o in options], scores, default=None, return_dtype=pl.Float64
                    )
                    lo, hi = min(scores), max(scores)
                else:
                    if all(s == 0.0 for s in scores):
                        continue
                    chosen = col.str.split(";")
                    value = pl.sum_horizontal(
                        [chosen.list.contains(o["id"]).cast(pl.Float64) * s for o, s in zip(options, scores)]
                    )
                    lo = sum(min(s, 0.0) for s in scores)
                    hi = sum(max(s, 0.0) for s in scores)
                parts[d].append((value, lo, hi, col.is_not_null()))

    score_cols = []
    for d in dims:
        answered = [a for (_, _, _, a) in parts[d]]
        raw = pl.sum_horizontal([pl.when(a).then(v).otherwise(0.0) for (v, _, _, a) in parts[d]])
        lo = pl.sum_horizontal([pl.when(a).then(pl.lit(l)).otherwise(0.0) for (_, l, _, a) in parts[d]])
        hi = pl.sum_horizontal([pl.when(a).then(pl.lit(h)).otherwise(0.0) for (_, _, h, a) in parts[d]])
        n = pl.sum_horizontal([a.cast(pl.Int32) for a in answered])
        score = pl.when((n > 0) & (hi > lo)).then(((raw - lo) / (hi - lo)).clip(0.0, 1.0))
        score_cols.append(score.alias(f"score:{d}"))
    df = df.select(pl.col("respondent"), *score_cols)

    measured = pl.sum_horizontal(
        [pl.when(pl.col(f"score:{d}").is_not_null()).then(dim_weight[d]).otherwise(0.0) for d in dims]
    )
    fit_cols = []
    for role in bank["roles"]:
        distance = pl.sum_horizontal(
            [
                (dim_weight[d] * (pl.col(f"score:{d}") - float(role["profile"].get(d, 0.0))) ** 2).fill_null(0.0)
                for d in dims
            ]
        )
        fit_cols.append((1.0 - (distance / measured).sqrt()).clip(0.0, 1.0).alias(f"fit:{role['id']}"))
    df = df.with_columns(fit_cols)

    roles = [r["id"] for r in bank["roles"]]
    # The best fit, then the best of the others (the first in bank order
    # among equals, as pathfit's stable sort keeps them).
    fits = pl.concat_list([pl.col(f"fit:{r}") for r in roles])
    best = fits.list.arg_max()
    others = pl.concat_list(
        [pl.when(best == i).then(float("-inf")).otherwise(pl.col(f"fit:{r}")) for i, r in enumerate(roles)]
    )
    second = others.list.arg_max()
    gap = fits.list.max() - others.list.max()
    margin = pl.when(gap < TIE).then(0.0).otherwise(gap)
    df = df.with_columns(
        best.replace_strict(list(range(len(roles))), roles).alias("role"),
        second.replace_strict(list(range(len(roles))), roles).alias("runner_up"),
        margin.alias("margin"),
    ).with_columns(
        pl.when(pl.col("margin") >= clear)
        .then(pl.lit("clear"))
        .when(pl.col("margin") >= lean)
        .then(pl.lit("lean"))
        .otherwise(pl.lit("close"))
        .alias("verdict")
    )
    df.select(
        "respondent",
        "role",
        "runner_up",
        "verdict",
        "margin",
        *[f"fit:{r}" for r in roles],
        *[f"score:{d}" for d in dims],
    ).write_csv(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
