# Checks a `crnc simulate` CSV of Inputs/decay.crnir against A(t) = A0 e^{-kt},
# B = A0 - A, to the relative tolerance given on the command line.
import csv
import math
import sys

path, a0, k, tol = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
with open(path) as f:
    rows = list(csv.reader(f))
assert rows[0] == ["time", "A", "B"], rows[0]
worst = 0.0
for t, a, b in rows[1:]:
    t, a, b = float(t), float(a), float(b)
    want = a0 * math.exp(-k * t)
    worst = max(worst, abs(a - want) / want, abs(b - (a0 - want)) / a0)
print("rows %d worst %.1e %s" % (len(rows) - 1, worst, "ok" if worst < tol else "FAIL"))
