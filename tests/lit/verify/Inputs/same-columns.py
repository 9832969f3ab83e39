# Compares two trace CSVs written by `crnc simulate` or sbml_ode.py whose
# columns may be in different orders: the same column names, and the largest
# |a - b| / max(|b|, 1e-3 * max|b|) over every value of every column.
import csv
import sys

a = list(csv.reader(open(sys.argv[1])))
b = list(csv.reader(open(sys.argv[2])))
print("same columns:", sorted(a[0]) == sorted(b[0]) and len(a) == len(b))
index = {name: i for i, name in enumerate(a[0])}
scale = max(abs(float(x)) for row in b[1:] for x in row)
worst = 0.0
for ra, rb in zip(a[1:], b[1:]):
    for j, name in enumerate(b[0]):
        x, y = float(ra[index[name]]), float(rb[j])
        worst = max(worst, abs(x - y) / max(abs(y), 1e-3 * scale))
print("max relative difference below 1e-6:", worst < 1e-6)
