#!/usr/bin/python3
# Reference values for ThermoReferenceTest.cpp (printed as C++ rows).
# Run from this folder: /usr/bin/python3 make_references.py
# Needs Debian primer3 (oligotm, ntthal; 2.4) and python3-biopython (1.80).
import random, subprocess
from Bio.SeqUtils import MeltingTemp as mt

random.seed(15)
seqs = ["ACGTTGCAGTCCATGA", "CGCGAATTCGCG", "TTCTACCTATGTGAT", "GCATGCATGC",
        "AAAAATTTTTAAAAAT", "GGGACCCTTAGGCCA"]
while len(seqs) < 24:
    n = random.randint(10, 30)
    seqs.append("".join(random.choice("ACGT") for _ in range(n)))

def rc(s):
    return s[::-1].translate(str.maketrans("ACGT", "TGCA"))

def ntthal(s, t):
    out = subprocess.run(["ntthal", "-mv", "1000", "-dv", "0", "-n", "0", "-d", "50",
                          "-t", str(t),
                          "-s1", s, "-s2", rc(s)], capture_output=True, text=True).stdout
    line = out.splitlines()[0]
    f = dict(p.split(" = ") for p in line.split("\t")[1:])
    return float(f["dG"]) / 1000.0

def oligotm(s):
    out = subprocess.run(["oligotm", "-tp", "1", "-sc", "2", "-mv", "50", "-dv", "0",
                          "-n", "0", "-d", "50", s], capture_output=True, text=True).stdout
    return float(out)

for s in seqs:
    sc = s == rc(s)
    k = dict(nn_table=mt.DNA_NN3, saltcorr=7, dnac1=25, dnac2=25, selfcomp=sc)
    na50 = mt.Tm_NN(s, Na=50, **k)
    tae = mt.Tm_NN(s, Na=0, Tris=40, Mg=12.5, **k)
    mg10 = mt.Tm_NN(s, Na=0, Mg=10, **k)
    print('    {"%s", %.3f, %.3f, %.3f, %.3f, %.3f, %.3f},' % (
        s, oligotm(s), na50, tae, mg10, ntthal(s, 37), ntthal(s, 25)))
