#!/usr/bin/python3
"""Benchmark: `crnc enumerate` side by side with Peppercorn on the same PIL.

Systems: Nuskell's soloveichik2010 (SSW2010) PIL of the 50-step cascade
Xi + Yi -> Xi+1, crnc's design of examples/lotka_volterra.crn (with map-rates'
buffer modules), crnc's designs of random CRNs of 20, 100 and 1000
reactions (seeded), and of one catalyst shared by 8, 16 and 32 reactions. Both tools get Nuskell's settings (release cutoff 7,
complexes of at most 10 strands); Peppercorn keeps Nuskell's count limits
(5000 complexes, 10000 reactions), crnc gets room to finish. Prints wall
times, the ratio, and whether the condensed networks are equal (resting
macrostates up to naming, condensed reactions, rates within 1 %, compared
under --peppercorn-rates). Needs Nuskell and Peppercorn on PYTHONPATH for the
peer column and the cascade; without them only crnc's column is filled.

  /usr/bin/python3 tests/bench/enumerate_vs_peppercorn.py --crnc build/bin/crnc \
      --peers /path/to/peer/packages [--timeout 900] [--only lotka_volterra] [--repeat 3]
"""
import argparse, os, random, re, resource, subprocess, sys, tempfile, time

SETTINGS = ['--max-complex-size', '10', '--release-cutoff', '7']
PEPPERCORN_LIMITS = ['--max-complex-count', '5000', '--max-reaction-count', '10000']
CRNC_LIMITS = ['--max-complex-count', '5000000', '--max-reaction-count', '50000000']
UNITS = {'M': 1.0, 'mM': 1e-3, 'uM': 1e-6, 'nM': 1e-9, 'pM': 1e-12}


def random_crn(reactions, seed):
    """Random formal CRN: reactions/2 species at 10 nM, one or two reactants
    and products per reaction, drawn uniformly."""
    rng = random.Random(seed)
    species = [f'S{i}' for i in range(max(3, reactions // 2))]
    lines = ['species ' + ', '.join(f'{s} = 10 nM' for s in species)]
    for _ in range(reactions):
        lhs = rng.sample(species, rng.choice([1, 2, 2]))
        rhs = rng.sample(species, rng.choice([1, 2, 2]))
        lines.append(' + '.join(lhs) + ' -> ' + ' + '.join(rhs))
    return '\n'.join(lines) + '\n'


def catalyst_crn(reactions):
    """One catalyst C in every reaction A_i + C -> B_i + C: every gate's
    history variant of C binds every gate that takes C, so the network grows
    with the square of the reactions (the clock of a Neural CRN model)."""
    lines = ['species C = 10 nM, ' + ', '.join(f'A{i} = 10 nM' for i in range(reactions))]
    lines += [f'A{i} + C -> B{i} + C' for i in range(reactions)]
    return '\n'.join(lines) + '\n'


def canonical(kernel):
    """(domains, strand cuts, partners) of the smallest strand rotation."""
    doms, partner, strands, cur, stack = [], [], [], [], []
    for tok in kernel.split():
        if tok == '+':
            strands.append(cur); cur = []; continue
        if tok == ')':
            q = stack.pop()
            d = doms[q]
            doms.append(d[:-1] if d.endswith('*') else d + '*')
            partner.append(q); partner[q] = len(doms) - 1
        else:
            if tok.endswith('('):
                stack.append(len(doms)); tok = tok[:-1]
            doms.append(tok); partner.append(None)
        cur.append(len(doms) - 1)
    strands.append(cur)
    best = None
    for r in range(len(strands)):
        order = [i for k in range(len(strands)) for i in strands[(r + k) % len(strands)]]
        pos = {old: new for new, old in enumerate(order)}
        cuts = tuple(len(strands[(r + k) % len(strands)]) for k in range(len(strands)))
        key = (tuple(doms[i] for i in order), cuts,
               tuple(-1 if partner[i] is None else pos[partner[i]] for i in order))
        best = key if best is None or key < best else best
    return best


def condensed_network(path):
    complexes, macrostates, reactions = {}, {}, {}
    lines = [l.split('#')[0].strip() for l in open(path)]
    for line in lines:
        m = re.match(r'(\S+)\s*=\s*([^@\[]*)', line)
        if m and not line.startswith(('length', 'macrostate', 'reaction', 'sequence', 'domain')):
            complexes[m.group(1)] = canonical(m.group(2))
    for line in lines:
        m = re.match(r'macrostate\s+(\S+)\s*=\s*\[(.*)\]', line)
        if m:
            names = [x.strip() for x in m.group(2).split(',') if x.strip()]
            macrostates[m.group(1)] = tuple(sorted(set(complexes[n] for n in names)))
    for line in lines:
        m = re.match(r'reaction\s*\[\s*condensed\s*=\s*(\S+)\s*([^\]]*)\]\s*(.*)->(.*)', line)
        if not m:
            continue
        k = float(m.group(1))
        for unit in [p for p in m.group(2).split('/') if p.strip()][:-1]:
            k /= UNITS[unit.strip()]
        side = lambda s: tuple(sorted(macrostates[x.strip()] for x in s.split('+') if x.strip()))
        key = (side(m.group(3)), side(m.group(4)))
        reactions[key] = reactions.get(key, 0) + k
    return set(macrostates.values()), reactions


def equal(a, b):
    ma, ra = condensed_network(a)
    mb, rb = condensed_network(b)
    if ma != mb or set(ra) != set(rb):
        return False
    return all(abs(ra[k] - rb[k]) <= 0.01 * max(ra[k], rb[k]) for k in ra)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd, env=None, timeout=None):
    """(result, wall s, status, cpu s of the child)."""
    start, cpu = time.time(), children_cpu()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.time() - start, 'timeout', children_cpu() - cpu
    return r, time.time() - start, None, children_cpu() - cpu


def inputs(args, work, env):
    crn = os.path.join(work, 'x.crn')
    if env:
        cascade = '\n'.join(f'X{i} + Y{i} -> X{i+1}' for i in range(50)) + '\n'
        base = os.path.join(work, 'cascade50')
        subprocess.run(['/usr/bin/python3', '-c', 'from nuskell.framework import main; main()',
                        '--ts', 'soloveichik2010.ts', '--pilfile', '-o', base],
                       input=cascade, text=True, env=env, capture_output=True)
        if os.path.exists(base + '_sys.pil'):
            yield 'cascade50 (Nuskell SSW2010)', base + '_sys.pil'
    sources = [('lotka_volterra (crnc)', open(os.path.join(args.examples, 'lotka_volterra.crn')).read())]
    sources += [(f'random{n} (crnc)', random_crn(n, seed=n)) for n in (20, 100, 1000)]
    sources += [(f'catalyst{n} (crnc)', catalyst_crn(n)) for n in (8, 16, 32)]
    for name, text in sources:
        open(crn, 'w').write(text)
        pil = os.path.join(work, name.split()[0] + '.pil')
        r = subprocess.run([args.crnc, 'compile', crn, '--emit=pil'], capture_output=True, text=True)
        open(pil, 'w').write(r.stdout)
        yield name, pil


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--crnc', default='build/bin/crnc')
    p.add_argument('--examples', default='examples')
    p.add_argument('--peers', default=os.environ.get('CRNC_PEERS', ''))
    p.add_argument('--timeout', type=float, default=900)
    p.add_argument('--only', default='')
    p.add_argument('--repeat', type=int, default=3)
    args = p.parse_args()
    env = dict(os.environ, PYTHONPATH=args.peers) if args.peers else None
    print(f'load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; '
          f'wall seconds, CPU seconds in parentheses; crnc: best of {args.repeat} runs')
    print(f"{'system':30} {'complexes':>9} {'reactions':>9} {'crnc s':>15} {'peppercorn s':>17} {'ratio':>7}  equal")
    with tempfile.TemporaryDirectory() as work:
        for name, pil in inputs(args, work, env):
            if args.only and args.only not in name:
                continue
            out = pil[:-4] + '.crnc.pil'
            # crnc's best of --repeat runs (its small runs are shorter than the
            # scheduling noise of a loaded machine); Peppercorn runs once.
            best = None
            for _ in range(args.repeat):
                attempt = run([args.crnc, 'enumerate', *SETTINGS, '--drop-oversized',
                               *CRNC_LIMITS, pil, '-o', out])
                if best is None or attempt[1] < best[1]:
                    best = attempt
            r, t_crnc, _, c_crnc = best
            m = re.search(r'(\d+) complexes .* (\d+) detailed', r.stdout) if r else None
            size = m.groups() if m else ('-', '-')
            if r is None or r.returncode:
                print(f'{name:30} crnc failed: {r.stderr.strip() if r else ""}')
                continue
            pep, t_pep, status, same, c_pep = pil[:-4] + '.pep.pil', None, 'no peers', '', 0
            if env:
                rp, t_pep, status, c_pep = run(['/usr/bin/python3', '-c',
                                         'from peppercornenumerator.peppercorn import main; main()',
                                         *SETTINGS, *PEPPERCORN_LIMITS, '-c', pil, '-o', pep],
                                        env=env, timeout=args.timeout)
                if rp is not None:
                    status = 'ok' if rp.returncode == 0 else (
                        'limit' if 'Polymerization' in rp.stderr else 'error')
                if status == 'ok':
                    compat = pil[:-4] + '.compat.pil'
                    subprocess.run([args.crnc, 'enumerate', '--peppercorn-rates', *SETTINGS,
                                    '--drop-oversized', *CRNC_LIMITS, pil, '-o', compat],
                                   capture_output=True)
                    same = 'yes' if equal(pep, compat) else 'NO'
            mine = f'{t_crnc:.3f} ({c_crnc:.2f})'
            peer = f'{t_pep:.2f} ({c_pep:.1f})' if status == 'ok' else \
                f'{status} {t_pep or 0:.0f}s ({c_pep:.0f})'
            ratio = f'{t_pep / t_crnc:7.0f}' if status == 'ok' else f'{"-":>7}'
            print(f'{name:30} {size[0]:>9} {size[1]:>9} {mine:>15} {peer:>17} {ratio}  {same}',
                  flush=True)


if __name__ == '__main__':
    main()
