"""Checks crnc compile's `readouts:` line: each DNA design readout within a
relative tolerance of the formal CRN's.

usage: readouts_within.py OUTPUT_FILE OUTPUT_TOL WEIGHT_TOL
Exit 1 (with the offending readout printed) when one is off.
"""
import re
import sys

text = open(sys.argv[1]).read()
out_tol, weight_tol = float(sys.argv[2]), float(sys.argv[3])
line = next(l for l in text.splitlines() if l.strip().startswith("readouts"))
num = r"(-?[0-9.]+(?:e[-+]?[0-9]+)?)"
triple = re.compile(r"(\w+) " + num + " / " + num + " / " + num)
body = line.split(":", 1)[1]
outputs, weights = body.split("weight changes", 1)
bad = 0
for part, tol in ((outputs, out_tol), (weights, weight_tol)):
    for name, model, formal, dna in triple.findall(part):
        ratio = float(dna) / float(formal)
        print(f"{name}: DNA / formal = {ratio:.4f}")
        if abs(ratio - 1) > tol:
            print(f"  off by more than {tol:g}")
            bad += 1
sys.exit(1 if bad else 0)
