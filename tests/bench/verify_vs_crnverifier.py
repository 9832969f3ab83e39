#!/usr/bin/env python3
"""crnc's verification checks against crnverifier's on the same inputs.

Cases: every design in tests/data/verify/verdicts.json (Nuskell's designs of
the 62 test CRNs under three schemes), plus any `--case NAME FORMAL IMPL`
(a formal .crn and an implementation .crn whose constant species are fuels).
For each case and notion (CRN bisimulation searched from scratch, CRN
bisimulation from the names' partial interpretation, pathway decomposition),
bench-verify times crnc in-process (best of 3, a run over 1 s not repeated)
and this script times crnverifier in-process (one run, stopped by SIGALRM
after --timeout wall-clock seconds as its command line does; parsing
excluded for both). Both report CPU seconds of the process (steadier than
wall time on a shared machine).
Prints verdicts, seconds and the ratio crnverifier / crnc side by side, then
per-notion totals and the geometric mean of the ratios where both answered.

Needs crnverifier importable: PYTHONPATH=/path/to/peers /usr/bin/python3 ...
"""
import argparse
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOTIONS = ['crn-bisimulation', 'crn-bisimulation-named', 'pathway-decomposition']


def read_impl(path):
    """Plain reactions (no rates) and the constant species of a .crn file."""
    reactions, fuels = [], []
    for line in open(path):
        line = line.split('#')[0].strip()
        if not line:
            continue
        m = re.match(r'species\s+(\w+)\s*=.*\bconstant\b', line)
        if m:
            fuels.append(m.group(1))
            continue
        if line.startswith('species'):
            continue
        reactions.append(re.sub(r'\[.*\]', '', line).strip())
    return reactions, fuels


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def peer_check(notion, formal_text, impl_lines, fuels, timeout):
    from crnverifier.utils import parse_crn, remove_species
    from crnverifier.crn_bisimulation import crn_bisimulation_test
    from crnverifier.pathway_decomposition import pathway_decomposition_eq
    fcrn, fs = parse_crn(formal_text)
    icrn, ispecies = parse_crn('\n'.join(impl_lines))
    fcrn = remove_species(fcrn, fuels)
    icrn = remove_species(icrn, fuels)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    start = time.process_time()
    try:
        if notion == 'pathway-decomposition':
            v = pathway_decomposition_eq([fcrn, icrn], set(fs), True)
        else:
            inter = None
            if notion == 'crn-bisimulation-named':
                inter = {}
                for x in ispecies:
                    m = re.match(r'^([A-Za-z]\w*?)(_\d+_)?$', x)
                    if m and m.group(1) in fs:
                        inter[x] = [m.group(1)]
            v, _ = crn_bisimulation_test(fcrn, icrn, fs, interpretation=inter,
                                         permissive='graphsearch')
        verdict = 'correct' if v else 'incorrect'
    except Timeout:
        verdict = 'unknown'
    except Exception as e:  # crnverifier's own exceptions
        verdict = 'error'
    finally:
        signal.alarm(0)
    return verdict, time.process_time() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bench', default=os.path.join(ROOT, 'build/bin/bench-verify'))
    ap.add_argument('--timeout', type=int, default=30)
    ap.add_argument('--case', nargs=3, action='append', default=[],
                    metavar=('NAME', 'FORMAL', 'IMPL'))
    ap.add_argument('--no-data', action='store_true', help='skip verdicts.json')
    ap.add_argument('--notions', default=','.join(NOTIONS))
    args = ap.parse_args()
    notions = args.notions.split(',')

    cases = []
    if not args.no_data:
        data = json.load(open(os.path.join(ROOT, 'tests/data/verify/verdicts.json')))
        for c in data['cases']:
            if 'implementation' in c:
                cases.append((c['implementation'], c['crn'],
                              os.path.join(ROOT, 'tests/data/verify', c['implementation'])))
    for name, formal, impl in args.case:
        cases.append((name, open(formal).read(), os.path.abspath(impl)))

    manifest = []
    for name, formal, impl in cases:
        manifest.append({'name': name, 'formal': formal, 'implementation': impl,
                         'fuels': read_impl(impl)[1]})
    with tempfile.TemporaryDirectory() as tmp:
        mpath, rpath = os.path.join(tmp, 'cases.json'), os.path.join(tmp, 'out.json')
        json.dump(manifest, open(mpath, 'w'))
        subprocess.run([args.bench, '--cases', mpath, '-o', rpath,
                        '--time-limit', str(args.timeout)], check=True)
        crnc = {r['name']: r for r in json.load(open(rpath))}

    rows = []
    print(f"{'case':<28} {'notion':<23} {'crnc':>10} {'s':>9} {'crnverifier':>12} {'s':>8} {'ratio':>8}")
    for (name, formal, impl), m in zip(cases, manifest):
        impl_lines, fuels = read_impl(impl)
        for notion in notions:
            cv, cs = crnc[name][notion]['verdict'], crnc[name][notion]['seconds']
            pv, ps = peer_check(notion, formal, impl_lines, fuels, args.timeout)
            ratio = ps / cs if cs > 0 else float('inf')
            rows.append((name, notion, cv, cs, pv, ps, ratio))
            print(f"{name:<28} {notion:<23} {cv:>10} {cs:9.5f} {pv:>12} {ps:8.3f} {ratio:8.0f}"
                  + ('' if cv == pv or pv in ('unknown', 'error') else '  DIFFERENT'),
                  flush=True)
    print()
    for notion in notions:
        sel = [r for r in rows if r[1] == notion]
        both = [r for r in sel if r[2] in ('correct', 'incorrect') and r[4] in ('correct', 'incorrect')]
        agree = sum(r[2] == r[4] for r in both)
        gm = math.exp(sum(math.log(r[6]) for r in both) / len(both)) if both else float('nan')
        only_crnc = sum(1 for r in sel if r[2] in ('correct', 'incorrect') and r[4] not in ('correct', 'incorrect'))
        print(f"{notion}: {len(sel)} cases; both answered {len(both)}, same verdict {agree}; "
              f"crnc {sum(r[3] for r in both):.3f} s vs crnverifier {sum(r[5] for r in both):.1f} s in total "
              f"(ratio {sum(r[5] for r in both) / max(1e-9, sum(r[3] for r in both)):.0f}), "
              f"geometric mean ratio {gm:.0f}, min {min((r[6] for r in both), default=float('nan')):.0f}, "
              f"max {max((r[6] for r in both), default=float('nan')):.0f}; "
              f"answered by crnc only (crnverifier timeout/exception): {only_crnc}")


if __name__ == '__main__':
    main()
