#!/usr/bin/python3
"""Comparison corpus: `crnc enumerate` against Peppercorn on every CRN of
tests/data/nuskell-verdicts.json and every example.

Sets: Nuskell's `_sys.pil` under its soloveichik2010, srinivas2015 and
qian2011_3D_var1 schemes, and crnc's PIL (`crnc compile --emit=pil --scheme S`,
every species at 10 nM for the test CRNs) under crnc's four schemes, for the
test CRNs and for examples/*.crn. Both tools get Nuskell's settings
(--max-complex-size 10 --max-complex-count 5000 --max-reaction-count 10000
--release-cutoff 7; crnc with --drop-oversized, as Peppercorn drops). Equal:
the same resting macrostates up to naming, the same condensed reactions,
rates within 1 %, with crnc's own rates ("EQUAL") or under --peppercorn-rates
("EQUAL(peppercorn-rates)"). Peppercorn runs one at a time with a timeout and
is skipped where crnc already exceeds the count limits (its network is the
same, so Peppercorn would stop too; --force runs it anyway). Peppercorn's
outputs are cached by the SHA-1 of the input in --work. Prints one
tab-separated line per system, then the table set x finished x equal.

  /usr/bin/python3 tests/bench/enumerate_corpus.py --crnc build/bin/crnc \
      --peers /path/to/peer/packages --work /tmp/corpus [--sets nuskell,crnc,examples] \
      [--schemes ...] [--range 0:62] [--timeout 120]
"""
import argparse, hashlib, json, os, re, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from enumerate_vs_peppercorn import equal  # noqa: E402

LIMITS = ['--max-complex-size', '10', '--max-complex-count', '5000',
          '--max-reaction-count', '10000', '--release-cutoff', '7']
NUSKELL_SCHEMES = ['soloveichik2010', 'srinivas2015', 'qian2011_3D_var1']
CRNC_SCHEMES = ['soloveichik2010', 'srinivas2015', 'qian2011', 'cardelli2013']


def crnc_enumerate(args, pil, out, extra=()):
    r = subprocess.run([args.crnc, 'enumerate', *LIMITS, '--drop-oversized', *extra,
                        pil, '-o', out], capture_output=True, text=True)
    if r.returncode == 0:
        return 'ok'
    return 'limit' if 'exceeded' in r.stderr else 'error'


def peppercorn(args, env, pil):
    sha = hashlib.sha1(open(pil, 'rb').read()).hexdigest()
    out, status = f'{args.work}/pep/{sha}.pil', f'{args.work}/pep/{sha}.status'
    if os.path.exists(status):
        state, seconds = open(status).read().split()[:2]
        return state, float(seconds), out
    if os.path.exists(out):  # cached without its time
        return 'ok', 0.0, out
    start = time.time()
    try:
        r = subprocess.run(['nice', '/usr/bin/python3', '-c',
                            'from peppercornenumerator.peppercorn import main; main()',
                            *LIMITS, '-c', pil, '-o', out + '.tmp'], env=env,
                           capture_output=True, text=True, timeout=args.timeout)
        if r.returncode == 0 and os.path.exists(out + '.tmp'):
            os.rename(out + '.tmp', out)
            state = 'ok'
        else:
            state = 'limit' if 'olymerization' in r.stderr else 'error'
    except subprocess.TimeoutExpired:
        state = f'timeout{args.timeout:.0f}'
    seconds = time.time() - start
    open(status, 'w').write(f'{state} {seconds:.2f}\n')
    return state, seconds, out


def compare(args, env, setname, key, pil, table):
    if pil is None:
        print(f'{setname}\t{key}\tno-input', flush=True)
        return
    crnc_out = pil[:-4] + '.crnc.pil'
    cstat = crnc_enumerate(args, pil, crnc_out)
    if cstat == 'limit' and not args.force:
        pstat, seconds, pep = 'skipped (crnc: limit)', 0.0, None
    else:
        pstat, seconds, pep = peppercorn(args, env, pil)
    verdict = ''
    if pstat == 'ok' and cstat == 'ok':
        if equal(pep, crnc_out):
            verdict = 'EQUAL'
        else:
            compat = pil[:-4] + '.compat.pil'
            crnc_enumerate(args, pil, compat, ['--peppercorn-rates'])
            verdict = 'EQUAL(peppercorn-rates)' if equal(pep, compat) else 'DIFFER'
    row = table.setdefault(setname, [0, 0, 0])
    row[0] += 1
    row[1] += pstat == 'ok' and cstat == 'ok'
    row[2] += verdict.startswith('EQUAL')
    print(f'{setname}\t{key}\tpeppercorn:{pstat}\tcrnc:{cstat}\t{seconds:.1f}s\t{verdict}', flush=True)


def species(crn):
    return sorted(set(re.findall(r'[A-Za-z_][A-Za-z0-9_]*', crn)))


def crnc_pil(args, name, crn_file, scheme):
    path = f'{args.work}/crnc_{scheme}_{name}.pil'
    r = subprocess.run([args.crnc, 'compile', crn_file, '--emit=pil', '--scheme', scheme],
                       capture_output=True, text=True)
    if r.returncode:
        return None
    open(path, 'w').write(r.stdout)
    return path


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--crnc', default='build/bin/crnc')
    p.add_argument('--repo', default='.')
    p.add_argument('--peers', default=os.environ.get('CRNC_PEERS', ''))
    p.add_argument('--work', required=True)
    p.add_argument('--sets', default='nuskell,crnc,examples')
    p.add_argument('--schemes', default='')
    p.add_argument('--range', default='0:62')
    p.add_argument('--timeout', type=float, default=120)
    p.add_argument('--force', action='store_true')
    args = p.parse_args()
    env = dict(os.environ, PYTHONPATH=args.peers)
    os.makedirs(args.work + '/pep', exist_ok=True)
    crns = [c['crn'] for c in json.load(open(args.repo + '/tests/data/nuskell-verdicts.json'))['crns']]
    lo, hi = (int(x) for x in args.range.split(':'))
    table = {}
    sets = args.sets.split(',')
    only = args.schemes.split(',') if args.schemes else None
    if 'nuskell' in sets:
        for ts in only or NUSKELL_SCHEMES:
            for i in range(lo, hi):
                base = f'{args.work}/nuskell_{ts}_{i:02d}'
                if not os.path.exists(base + '_sys.pil'):
                    subprocess.run(['/usr/bin/python3', '-c', 'from nuskell.framework import main; main()',
                                    '--ts', ts + '.ts', '--pilfile', '-o', base], input=crns[i] + '\n',
                                   text=True, env=env, capture_output=True, cwd=args.work)
                pil = base + '_sys.pil'
                compare(args, env, 'nuskell-' + ts, i, pil if os.path.exists(pil) else None, table)
    if 'crnc' in sets:
        for scheme in only or CRNC_SCHEMES:
            for i in range(lo, hi):
                crn_file = f'{args.work}/crn_{i:02d}.crn'
                with open(crn_file, 'w') as f:
                    f.write('species ' + ', '.join(f'{s} = 10 nM' for s in species(crns[i])) +
                            '\n' + crns[i] + '\n')
                compare(args, env, 'crnc-' + scheme, i, crnc_pil(args, f'{i:02d}', crn_file, scheme), table)
    if 'examples' in sets:
        examples = args.repo + '/examples'
        for scheme in only or CRNC_SCHEMES:
            for f in sorted(os.listdir(examples)):
                if f.endswith('.crn'):
                    pil = crnc_pil(args, f[:-4], os.path.join(examples, f), scheme)
                    compare(args, env, 'examples-' + scheme, f[:-4], pil, table)
    print(f'\n{"set":34} {"systems":>7} {"both finished":>13} {"equal":>6}')
    for name, (n, both, same) in table.items():
        print(f'{name:34} {n:7} {both:13} {same:6}')


if __name__ == '__main__':
    main()
