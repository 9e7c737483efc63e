#!/usr/bin/env python3
"""Writes a valid bank of N questions (default 10,000) over 10 dimensions
and 4 roles, every question kind represented: the same bank as the
benchmark "load and validate a 10,000-question bank" (benches/pathfit.rs).
Usage: scripts/generated-bank.py [N] > big.yaml"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
out = ["id: big\ntitle: Big\nversion: 1\ndimensions:\n"]
for d in range(10):
    out.append(f"  - {{ id: d{d}, name: D{d}, low: low, high: high }}\n")
out.append("roles:\n")
for r in range(4):
    profile = ", ".join(f"d{d}: {((r * 3 + d * 7) % 10) / 10.0}" for d in range(10))
    out.append(f"  - {{ id: r{r}, name: R{r}, summary: s, profile: {{ {profile} }} }}\n")
out.append("questions:\n")
for q in range(n):
    d = q % 10
    kind = q % 4
    if kind in (0, 1):
        keyed = ", keyed: minus" if q % 8 == 1 else ""
        out.append(f"  - {{ id: q{q}, kind: likert, text: Question {q}, dimension: d{d}{keyed} }}\n")
    elif kind == 2:
        out.append(
            f"  - id: q{q}\n    kind: choice\n    text: Question {q}\n    options:\n"
            f"      - {{ id: a, text: A, scores: {{ d{d}: 2 }} }}\n"
            f"      - {{ id: b, text: B, scores: {{ d{(d + 1) % 10}: 2 }} }}\n"
        )
    else:
        out.append(
            f"  - {{ id: q{q}, kind: number, text: Question {q}, dimension: d{d}, min: 0, max: 10 }}\n"
        )
sys.stdout.write("".join(out))
