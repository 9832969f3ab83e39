# Compares two trace CSVs written by `crnc simulate`: same columns, and the
# largest |a - b| / max(|b|, 1e-3 * max|b|) over every value.
import csv
import sys

a = list(csv.reader(open(sys.argv[1])))
b = list(csv.reader(open(sys.argv[2])))
print("columns equal:", a[0] == b[0])
values_a = [float(x) for row in a[1:] for x in row]
values_b = [float(x) for row in b[1:] for x in row]
scale = max(abs(v) for v in values_b)
worst = max(abs(x - y) / max(abs(y), 1e-3 * scale)
            for x, y in zip(values_a, values_b))
print("max relative difference below 1e-6:", len(values_a) == len(values_b) and worst < 1e-6)
