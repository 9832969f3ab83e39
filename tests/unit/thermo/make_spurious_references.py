#!/usr/bin/python3
# Dimer and hairpin references for SpuriousTest.cpp (primer3 2.4 ntthal, 1 M Na+, 25 C).
# Run from tests/unit/thermo: /usr/bin/python3 make_spurious_references.py
import random, subprocess
random.seed(1515)

def rc(s):
    return s[::-1].translate(str.maketrans("ACGT", "TGCA"))

def ntthal(args):
    out = subprocess.run(["ntthal", "-mv", "1000", "-dv", "0", "-n", "0", "-d", "50",
                          "-t", "25"] + args, capture_output=True, text=True).stdout
    line = out.splitlines()[0]
    if "No secondary structure" in line:
        return 0.0
    f = dict(p.split(" = ") for p in line.split("\t")[1:] if " = " in p)
    return float(f["dG"]) / 1000.0

def rnd(n):
    return "".join(random.choice("ACGT") for _ in range(n))

with open("NtthalDimers.inc", "w") as out:
    for _ in range(12):
        # a planted complementary stretch of 6-10 bp, with random flanks
        core = rnd(random.randint(6, 10))
        a = rnd(random.randint(3, 10)) + core + rnd(random.randint(3, 10))
        b = rnd(random.randint(3, 10)) + rc(core) + rnd(random.randint(3, 10))
        out.write('    {"%s", "%s", %.3f},\n' % (a, b, ntthal(["-a", "ANY", "-s1", a, "-s2", b])))
with open("NtthalHairpins.inc", "w") as out:
    for _ in range(8):
        stem = rnd(random.randint(5, 8))
        s = rnd(random.randint(2, 6)) + stem + rnd(random.randint(4, 8)) + rc(stem) + rnd(random.randint(2, 6))
        out.write('    {"%s", %.3f},\n' % (s, ntthal(["-a", "HAIRPIN", "-s1", s])))
