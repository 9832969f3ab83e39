#!/usr/bin/python3
"""Benchmark: `crnc verify` side by side with `nuskell --verify crn-bisimulation`.

Systems: the 50-step cascade Xi + Yi -> Xi+1 and random CRNs of 20, 100 and
1000 reactions (random_crn of enumerate_vs_peppercorn.py, seeded by size).
Per system, in the same run, one process at a time:
  nuskell   `nuskell --ts soloveichik2010.ts --verify crn-bisimulation`
            (compile, enumerate with Peppercorn, verify), wall time;
  crnc pil  `crnc verify --formal x.crn --pil x_sys.pil` on the same Nuskell
            design (enumerate with crnc, verify): the same work as Nuskell's;
  crnc      `crnc verify x.crn --scheme S` (compile, enumerate, verify crnc's
            own design);
  compile   `crnc compile x.crn -o out/ --verify-max-complexes 1000000
            --verify-max-reactions 10000000
            --no-sequences` (the user's path: every artifact, enumeration, CRN
            bisimulation, pathway decomposition, re-simulation), wall time and
            the two verdicts.
Ratios are Nuskell's wall time over crnc's where both reached a verdict.
crnc runs with the enumeration limits raised so that size, not a limit,
decides. Nuskell runs under `nice -n 19`, one process at a time. Each
process gets --timeout seconds and --memory GB.

  PYTHONPATH=/path/to/peers /usr/bin/python3 tests/bench/verify_vs_nuskell.py \\
      --crnc build/bin/crnc [--timeout 600] [--only cascade50] [--scheme qian2011]
"""
import argparse, importlib.util, os, resource, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from enumerate_vs_peppercorn import random_crn  # noqa: E402

NUSKELL = ['nice', '-n', '19', '/usr/bin/python3', '-c',
           'from nuskell.framework import main; main()']
LIMITS = ['--max-complex-count', '100000000', '--max-reaction-count', '1000000000']


def systems(only):
    cascade = ''.join(f'X{i} + Y{i} -> X{i + 1}\n' for i in range(50))
    out = [('cascade50', cascade)]
    out += [(f'random{n}', random_crn(n, seed=n)) for n in (20, 100, 1000)]
    return [(name, text) for name, text in out if not only or only == name]


def run(cmd, timeout, memory_gb, stdin=None, cwd=None, env=None):
    def limit():
        size = int(memory_gb * 2 ** 30)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    start = time.time()
    try:
        r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=cwd,
                           env=env, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return 'timeout', time.time() - start, ''
    return r, time.time() - start, r.stdout + r.stderr


def nuskell_verdict(result, text):
    if result == 'timeout':
        return 'timeout'
    if 'Verification result: True' in text:
        return 'correct'
    if 'Verification result: False' in text:
        return 'incorrect'
    if 'Polymerization' in text:
        return 'failed (PolymerizationError)'
    if 'MemoryError' in text or result.returncode < 0:
        return 'failed (memory)'
    if 'Verification result: None' in text or 'timeout' in text.lower():
        return 'timeout (verifier)'
    return 'failed (' + (text.strip().splitlines() or ['?'])[-1][:60] + ')'


def crnc_verdict(result, text):
    if result == 'timeout':
        return 'timeout'
    for line in text.splitlines():
        if line.startswith('crn-bisimulation:'):
            verdict = line.split(':', 1)[1].split('(')[0].strip()
            if 'stopped:' in text:
                verdict += ' (enumeration limit)'
            return verdict
    if result.returncode < 0 or 'bad_alloc' in text:
        return 'failed (memory)'
    return 'failed (' + (text.strip().splitlines() or ['?'])[-1][:60] + ')'


def compile_verdicts(result, text):
    if result == 'timeout':
        return 'timeout'
    found = {}
    for line in text.splitlines():
        for notion in ('crn-bisimulation', 'pathway-decomposition'):
            if line.startswith(notion + ':'):
                found[notion] = line.split(':', 1)[1].split('(')[0].strip()
    if not found:
        return 'failed (' + (text.strip().splitlines() or ['?'])[-1][:60] + ')'
    return '/'.join(found.get(n, '-') for n in ('crn-bisimulation', 'pathway-decomposition'))


def modules(text):
    for line in text.splitlines():
        if line.startswith('crn-bisimulation modules:'):
            return line.split(':', 1)[1].split(',')[0].split('(')[0].strip()
    return '-'


def ratio(t_peer, v_peer, t_crnc, v_crnc):
    if v_peer in ('correct', 'incorrect') and v_crnc in ('correct', 'incorrect'):
        return f'{t_peer / t_crnc:.0f}x'
    return '-'


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--crnc', default='build/bin/crnc')
    p.add_argument('--scheme', default='soloveichik2010',
                   help="scheme of crnc's own design (Nuskell always uses soloveichik2010)")
    p.add_argument('--timeout', type=float, default=600)
    p.add_argument('--memory', type=float, default=6, help='GB per process')
    p.add_argument('--nuskell-max', type=int, default=100,
                   help='largest system given to Nuskell (it fails from 20 reactions on)')
    p.add_argument('--only', default='')
    args = p.parse_args()
    crnc = os.path.abspath(args.crnc)
    peers = importlib.util.find_spec('nuskell') is not None
    print(f"{'system':10} {'nuskell s':>10} {'nuskell':>28} | {'crnc pil s':>10} {'crnc pil':>12} "
          f"{'ratio':>7} | {'crnc s':>8} {'crnc (' + args.scheme + ')':>24} {'modules':>7} {'ratio':>7} "
          f"| {'compile s':>9} {'bisim/pathway':>22}")
    for name, text in systems(args.only):
        with tempfile.TemporaryDirectory() as work:
            crn = os.path.join(work, name + '.crn')
            open(crn, 'w').write(text)
            plain = ''.join(l + '\n' for l in text.splitlines() if '->' in l)
            formal = os.path.join(work, name + '.formal.crn')
            open(formal, 'w').write(plain)
            t_n, v_n = 0.0, 'not run'
            size = sum(1 for l in plain.splitlines())
            if peers and size <= args.nuskell_max:
                r, t_n, out = run(NUSKELL + ['--ts', 'soloveichik2010.ts', '--verify',
                                             'crn-bisimulation', '--verify-timeout',
                                             str(int(args.timeout))],
                                  args.timeout, args.memory, stdin=plain, cwd=work)
                v_n = nuskell_verdict(r, out)
            t_p, v_p = 0.0, 'no design'
            if peers:
                run(NUSKELL + ['--ts', 'soloveichik2010.ts', '--pilfile', '-o', name],
                    args.timeout, args.memory, stdin=plain, cwd=work)
                pil = os.path.join(work, name + '_sys.pil')
                if os.path.exists(pil):
                    r, t_p, out = run([crnc, 'verify', '--formal', formal, '--pil', pil,
                                       '--notion', 'crn-bisimulation', *LIMITS],
                                      args.timeout, args.memory)
                    v_p = crnc_verdict(r, out)
            r, t_c, out = run([crnc, 'verify', crn, '--scheme', args.scheme,
                               '--notion', 'crn-bisimulation', *LIMITS],
                              args.timeout, args.memory)
            v_c = crnc_verdict(r, out)
            mods = modules(out)
            r, t_k, out = run([crnc, 'compile', crn, '-o', os.path.join(work, 'out'),
                               '--scheme', args.scheme, '--verify-max-complexes', '1000000',
                               '--verify-max-reactions', '10000000',
                               '--no-sequences'], args.timeout, args.memory)
            v_k = compile_verdicts(r, out)
            print(f'{name:10} {t_n:10.2f} {v_n:>28} | {t_p:10.2f} {v_p:>12} '
                  f'{ratio(t_n, v_n, t_p, v_p):>7} | {t_c:8.2f} {v_c:>24} {mods:>7} '
                  f'{ratio(t_n, v_n, t_c, v_c):>7} | {t_k:9.2f} {v_k:>22}', flush=True)


if __name__ == '__main__':
    main()
