#!/usr/bin/env python3
# The ddG of the intended-mismatch kinds of lib/enumerate/RateModel.h
# (OpeningModel::dGmismatch, dGendMismatch), measured with primer3's ntthal
# (SantaLucia & Hicks 2004 nearest-neighbour and mismatch parameters) at
# 25 C, 50 mM Na+: dG(mismatched) - dG(perfect) of random 20-bp duplexes,
# non-wobble mismatches (A.A, C.C, G.A, T.C against the partner), on the
# second base from one end ("end") and on the middle base ("central"), and
# a G.T wobble near the middle for comparison.
# Usage: scripts/measure_mismatch_ddg.py [duplexes=48] [seed=14]
import random
import re
import statistics
import subprocess
import sys

PAIR = {'A': 'T', 'T': 'A', 'C': 'G', 'G': 'C'}


def reverse_complement(s):
    return ''.join(PAIR[c] for c in reversed(s))


def dg(s1, s2):
    out = subprocess.run(['ntthal', '-s1', s1, '-s2', s2, '-t', '25'],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r'dG = (-?[0-9.]+)', out).group(1)) / 1000


def non_wobble(facing):
    """The base opposite `facing` that pairs with nothing and is no G.T
    (A.A, C.C, G.A, T.C: what backends/sequences writes)."""
    return 'A' if facing == 'G' else 'C' if facing == 'T' else facing


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 48
    random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 14)
    ddg = {'end': [], 'central': [], 'wobble': []}
    for _ in range(n):
        s1 = ''.join(random.choice('ACGT') for _ in range(20))
        s2 = reverse_complement(s1)  # s2[j] pairs with s1[19 - j]
        perfect = dg(s1, s2)
        for kind, j in (('end', 1), ('central', 10)):
            t = list(s2)
            t[j] = non_wobble(s1[19 - j])
            ddg[kind].append(dg(s1, ''.join(t)) - perfect)
        for k in sorted(range(2, 18), key=lambda k: abs(k - 9)):
            if s1[k] in 'GT':
                t = list(s2)
                t[19 - k] = 'T' if s1[k] == 'G' else 'G'
                ddg['wobble'].append(dg(s1, ''.join(t)) - perfect)
                break
    for kind, v in ddg.items():
        print(f'{kind:8s} n={len(v)} mean={statistics.mean(v):.2f} '
              f'min={min(v):.2f} max={max(v):.2f} kcal/mol')


if __name__ == '__main__':
    main()
