#!/usr/bin/python3
"""Oracle: designs made by `crnc compile`, checked by Nuskell.

For every CRN of Nuskell's test set (tests/data/nuskell-verdicts.json) and
every example, under each of crnc's four schemes:

 1. `crnc compile m.crn --scheme S -o DIR` (the user's command; flags after
    `--` are passed on) writes m.pil, m.formal.crnir and m.design.json;
 2. the buffer modules of map-rates (X + LS <=> HS + BS, LS marked
    buffer_of) are not part of the user's CRN: LS and BS are strands held at
    a constant level, renamed f<name> (Nuskell's naming of fuels), HS is
    renamed i<name> (an intermediate Nuskell must interpret); the formal CRN
    given to Nuskell is the design's formal CRN without the buffer reactions;
 3. `nuskell --readpil m.pil --verify crn-bisimulation` gives the verdict
    ("readpil"), with --verify-timeout T;
 4. where it gives none within T (or with --modular always), a second oracle:
    Nuskell enumerates the design (`nuskell --readpil --enumerate`), the
    condensed reactions are split into crnc's modules (each reaction joined
    through intermediates, not through wastes no reaction consumes, to the
    gates, i.e. fuels, of one formal reaction; the rest, buffer modules and
    crosstalk, form one extra module that must interpret to trivial
    reactions; modules that still share a species other than a signal after
    fuels and wastes are removed are an error, not a verdict) and
    crnverifier's `modular-crn-bisimulation` decides (Johnson, Dong &
    Winfree 2019, modularity condition);
 5. Nuskell's own design of the same CRN (`nuskell --ts <scheme file>
    --verify crn-bisimulation`; for a model, whose source has no reactions,
    of the formal CRN that crnc's design implements) is run for the examples
    (--own examples) or every case (--own all); for the test CRNs it is
    otherwise read from tests/data/nuskell-verdicts.json.

One Nuskell process at a time, under `nice -n 19`. Rows are appended to
--out (tab-separated; a case already there is skipped, so a run resumes).

  PYTHONPATH=<peers> /usr/bin/python3 tests/oracle/nuskell_oracle.py run \\
      --crnc build/bin/crnc --work /tmp/oracle --out results.tsv \\
      [--schemes soloveichik2010,...] [--cases tests|examples|all|crn-33,...] \\
      [--timeout 30] [--own none|examples|all] [--modular] [-- crnc flags]
  /usr/bin/python3 tests/oracle/nuskell_oracle.py table results.tsv [more.tsv] [--rows]
"""
import argparse, collections, json, os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCHEMES = ['soloveichik2010', 'srinivas2015', 'qian2011', 'cardelli2013']
NUSKELL_TS = {'soloveichik2010': 'soloveichik2010.ts',
              'srinivas2015': 'srinivas2015.ts',
              'qian2011': 'qian2011_3D_var1.ts',
              'cardelli2013': 'cardelli2013_2D_noGC.ts'}
NUSKELL = ['nice', '-n', '19', '/usr/bin/python3', '-c',
           'from nuskell.framework import main; main()']
CRNVERIFIER = ['nice', '-n', '19', '/usr/bin/python3', '-c',
               'from crnverifier.verifier import main; main()']
COLUMNS = ['case', 'scheme', 'nt', 'buffers', 'readpil', 'readpil_s',
           'modular', 'modular_s', 'own', 'own_s', 'crnc_flags', 'verify_timeout']


# ---------------------------------------------------------------- cases


def test_cases():
    data = json.load(open(os.path.join(REPO, 'tests/data/nuskell-verdicts.json')))
    return [(f'crn-{i}', c['crn'] + '\n', c['nuskell'])
            for i, c in enumerate(data['crns'])]


def example_cases():
    folder = os.path.join(REPO, 'examples')
    return [(name[:-4], open(os.path.join(folder, name)).read(), None)
            for name in sorted(os.listdir(folder)) if name.endswith('.crn')]


def select_cases(spec):
    tests, examples = test_cases(), example_cases()
    if spec == 'tests':
        return tests
    if spec == 'examples':
        return examples
    if spec == 'all':
        return tests + examples
    want = set(spec.split(','))
    return [c for c in tests + examples if c[0] in want]


# ---------------------------------------------------------------- helpers


def run(cmd, timeout, stdin=None, cwd=None, env=None):
    """(returncode or 'timeout', output, seconds)."""
    start = time.time()
    try:
        r = subprocess.run(cmd, input=stdin, capture_output=True, text=True,
                           cwd=cwd, env=env, timeout=timeout)
        return r.returncode, r.stdout + r.stderr, time.time() - start
    except subprocess.TimeoutExpired:
        return 'timeout', '', time.time() - start


def verdict_of(code, text):
    if code == 'timeout':
        return 'timeout'
    for line in text.splitlines():
        m = re.match(r'Verification result(?: for \S+)?:? =? ?(True|False)', line)
        if m:
            return m.group(1)
    if 'PolymerizationError' in text:
        return 'polymerization'
    if 'No verification result' in text:
        return 'timeout'
    last = (text.strip().splitlines() or ['?'])[-1]
    return 'error:' + re.sub(r'\s+', ' ', last)[:70]


def words(text):
    return set(re.findall(r'[A-Za-z_]\w*', text))


def buffer_renames(formal_ir):
    """Buffer species of a formal .crnir: {name: new name}, buffer reactions.

    A buffer reaction involves a species with attribute buffer_of (LS); its
    constant species (LS, BS) become f<name>, its species used by no other
    reaction (HS) i<name>."""
    marked = set(re.findall(r'species (\w+) :[^\n]*buffer_of', formal_ir))
    constant = set(re.findall(r'species (\w+) :[^\n]*\bconstant\b', formal_ir))
    reactions = re.findall(r'^\s*reaction ([^\[\n]*)', formal_ir, re.M)
    buffers = [r.strip() for r in reactions if words(r) & marked]
    inside = set().union(*[words(r) for r in buffers]) if buffers else set()
    outside = set().union(*[words(r) for r in reactions if r.strip() not in buffers]
                          or [set()])
    renames = {s: 'f' + s for s in inside & constant}
    renames.update({s: 'i' + s for s in inside - outside - constant})
    return renames, buffers


def rename_pil(pil, renames):
    for old, new in renames.items():
        pil = re.sub(r'(?<![\w-])' + re.escape(old) + r'(?![\w-])', new, pil)
    return pil


def plain_reactions(text):
    """The reactions of a .crn source, without rates or declarations."""
    out = []
    for line in text.replace(';', '\n').splitlines():
        line = line.split('#')[0].strip()
        if not ('->' in line or '<=>' in line):
            continue
        out.append(re.sub(r'\[.*?\]', '', line).strip())
    return '\n'.join(out) + '\n'


def nuskell_env(args):
    env = dict(os.environ)
    if args.peers:
        env['PYTHONPATH'] = args.peers
    return env


# ---------------------------------------------------------------- design


def compile_design(args, case, text, scheme):
    """Runs crnc compile; returns (design dict, formal CRN text, renames,
    number of buffer reactions) or an error string."""
    d = os.path.join(args.work, scheme, case)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    src = os.path.join(d, 'm.crn')
    open(src, 'w').write(text)
    out = os.path.join(d, 'out')
    code, log, _ = run([args.crnc, 'compile', src, '--scheme', scheme, '-o', out]
                       + args.crnc_flags, timeout=3600)
    if code not in (0, 3):
        last = (log.strip().splitlines() or ['?'])[-1]
        return f'crnc-exit-{code}: ' + re.sub(r'\s+', ' ', last)[:70], d
    # Outputs are named after the module (a `module` line), else the file.
    base = [f[:-len('.design.json')] for f in os.listdir(out)
            if f.endswith('.design.json')][0]
    out = os.path.join(out, base)
    design = json.load(open(out + '.design.json'))
    renames, buffers = buffer_renames(open(out + '.formal.crnir').read())
    buffer_lines = [x for x in design['formal_crn'] if words(x) & set(renames)]
    formal = '\n'.join(x for x in design['formal_crn'] if x not in buffer_lines) + '\n'
    pil = rename_pil(open(out + '.pil').read(), renames)
    open(os.path.join(d, 'design.pil'), 'w').write(pil)
    open(os.path.join(d, 'formal.crn'), 'w').write(formal)
    for s in words(formal):
        if s[0] in 'fiw':
            return f'formal species {s} reads as a Nuskell fuel/intermediate/waste', d
    return (design, formal, renames, len(buffers)), d


# ---------------------------------------------------------------- oracle 2


def pil_reactions(enum_pil):
    """(reactants, products) of every reaction line of a PIL file."""
    out = []
    for line in open(enum_pil):
        m = re.match(r'\s*reaction\s*(\[[^\]]*\])?\s*(.*?)\s*->\s*(.*)$', line)
        if m:
            side = lambda s: [x.strip() for x in s.split('+') if x.strip()]
            out.append((side(m.group(2)), side(m.group(3))))
    return out


def formal_name(name, formals):
    """The formal species a signal complex stands for (X or X_<n>_), else None."""
    if name in formals:
        return name
    m = re.match(r'^(\w+?)_\d+_$', name)
    return m.group(1) if m and m.group(1) in formals else None


BUFFER = 'buffer'  # owner of a buffer module's gates in split_modules


def split_modules(reactions, design, renames, formals):
    """Groups implementation reactions into crnc's modules.

    Reactions joined through a shared intermediate form one component; a
    component belongs to the formal reaction whose gates (fuels listed in
    design.json's modules, a direction each) it uses, when that is unique.
    Returns (formal modules, implementation modules [+ one extra])."""
    fuel_module, formal_modules = {}, []
    key_of = {}
    for m in design['modules']:
        eq = m['reaction']
        if words(eq) & set(renames):
            # Buffer module: goes to the extra module. Its gates still count
            # as owners, so a helper strand it shares with a formal
            # reaction's gates (cardelli2013's `x t`) tells nothing.
            for f in m['fuels']:
                fuel_module.setdefault(f, set()).add(BUFFER)
            continue
        lhs, rhs = [frozenset(collections.Counter(s.split()).items())
                    for s in (eq.split('->')[0], eq.split('->')[1])]
        key = frozenset([lhs, rhs])  # both directions of a reversible one
        if key not in key_of:
            key_of[key] = len(formal_modules)
            formal_modules.append([])
        idx = key_of[key]
        formal_modules[idx].append(eq)
        for f in m['fuels']:
            fuel_module.setdefault(f, set()).add(idx)
    parent = list(range(len(reactions)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    # A species no reaction consumes is a waste (drop_fuels_and_wastes
    # removes it): two modules that both release it (the inert one-domain
    # strand a noGC gate leaves) share nothing once it is removed.
    consumed = {s for r, _ in reactions for s in r}
    by_species = {}
    for i, (r, p) in enumerate(reactions):
        for s in r + p:
            if s[0] != 'f' and formal_name(s, formals) is None and s in consumed:
                by_species.setdefault(s, []).append(i)
    for rs in by_species.values():
        for j in rs[1:]:
            parent[find(j)] = find(rs[0])
    comps = collections.defaultdict(list)
    for i in range(len(reactions)):
        comps[find(i)].append(i)
    impl = [[] for _ in formal_modules]
    extra = []
    for members in comps.values():
        owners = set()
        for i in members:
            for s in reactions[i][0] + reactions[i][1]:
                if s in fuel_module and len(fuel_module[s]) == 1:
                    owners |= fuel_module[s]
        owner = owners.pop() if len(owners) == 1 else BUFFER
        target = extra if owner == BUFFER else impl[owner]
        target.extend(reactions[i] for i in members)
    return formal_modules, impl, extra


def drop_fuels_and_wastes(modules, formals):
    """Removes fuels (f...) and wastes from every module. A species is kept
    when it is a signal, or a reactant of a reaction in which a kept species
    takes part (repeated until nothing changes); the rest never reacts with
    anything that matters (waste)."""
    allr = [r for m in modules for r in m]
    strip = lambda xs: [x for x in xs if x[0] != 'f']
    allr = [(strip(r), strip(p)) for r, p in allr]
    live = {s for r, p in allr for s in r + p if formal_name(s, formals)}
    changed = True
    while changed:
        changed = False
        for r, p in allr:
            if set(r + p) & live and not set(r) <= live:
                live |= set(r)
                changed = True
    out = []
    for m in modules:
        mm = []
        for r, p in m:
            r2 = [x for x in strip(r) if x in live]
            p2 = [x for x in strip(p) if x in live]
            if sorted(r2) != sorted(p2):
                mm.append((r2, p2))
        out.append(mm)
    return out


def shared_intermediates(modules, formals):
    """Species other than signals that occur in two modules."""
    seen, shared = {}, set()
    for k, m in enumerate(modules):
        for r, p in m:
            for s in r + p:
                if formal_name(s, formals) is None and seen.setdefault(s, k) != k:
                    shared.add(s)
    return shared


def modular_oracle(args, d, design, formal, renames):
    """Second oracle: crnverifier modular-crn-bisimulation on crnc's modules."""
    env = nuskell_env(args)
    code, text, _ = run(NUSKELL + ['--readpil', 'design.pil', '--enumerate',
                                   '--pilfile', '-o', 'enum'],
                        timeout=args.timeout + args.enum_timeout, stdin=formal, cwd=d, env=env)
    enum_pil = os.path.join(d, 'enum_enum.pil')
    if code != 0 or not os.path.exists(enum_pil):
        return verdict_of(code, text)
    formals = words(formal)
    reactions = pil_reactions(enum_pil)
    fmods, imods, extra = split_modules(reactions, design, renames, formals)
    cleaned = drop_fuels_and_wastes(imods + [extra], formals)
    imods, extra = cleaned[:-1], cleaned[-1]
    shared = shared_intermediates(cleaned, formals)
    if shared:  # the modular theorem needs modules that share only signals
        return 'error:modules share ' + ' '.join(sorted(shared)[:3])
    line = lambda rs: '; '.join(' + '.join(r) + ' -> ' + ' + '.join(p) for r, p in rs)
    with open(os.path.join(d, 'modules.formal.crn'), 'w') as f:
        for m in fmods:
            f.write('; '.join(m) + '\n')
    with open(os.path.join(d, 'modules.impl.crn'), 'w') as f:
        for m in imods + ([extra] if extra else []):
            f.write((line(m) if m else ' -> ') + '\n')
    names = {s for m in imods + [extra] for r, p in m for s in r + p}
    with open(os.path.join(d, 'modules.inter.crn'), 'w') as f:
        for s in sorted(names):
            if formal_name(s, formals):
                f.write(f'{s} -> {formal_name(s, formals)}\n')
    if any(not m for m in imods):
        return 'False(empty module)'
    code, text, _ = run(CRNVERIFIER + ['modular-crn-bisimulation',
                                       '-f', 'modules.formal.crn',
                                       '-i', 'modules.impl.crn',
                                       '-m', 'modules.inter.crn',
                                       '--verify-timeout', str(args.timeout)],
                        timeout=args.timeout + 300, cwd=d, env=env)
    open(os.path.join(d, 'modular.log'), 'w').write(text)
    return verdict_of(code, text)


# ---------------------------------------------------------------- run


def nuskell_verify(args, d, formal, extra):
    code, text, secs = run(NUSKELL + extra + ['--verify', 'crn-bisimulation',
                                              '--verify-timeout', str(args.timeout)],
                           timeout=args.timeout + args.enum_timeout, stdin=formal, cwd=d,
                           env=nuskell_env(args))
    return verdict_of(code, text), secs


def done_keys(path):
    if not os.path.exists(path):
        return set()
    return {tuple(l.split('\t')[:2]) for l in open(path) if not l.startswith('case\t')}


def run_cases(args):
    cases = select_cases(args.cases)
    done = done_keys(args.out)
    new_file = not os.path.exists(args.out)
    with open(args.out, 'a') as out:
        if new_file:
            out.write('\t'.join(COLUMNS) + '\n')
        for scheme in args.schemes.split(','):
            for case, text, stored in cases:
                if (case, scheme) in done:
                    continue
                row = dict.fromkeys(COLUMNS, '')
                row.update(case=case, scheme=scheme, crnc_flags=' '.join(args.crnc_flags),
                           verify_timeout=args.timeout)
                compiled, d = compile_design(args, case, text, scheme)
                if isinstance(compiled, str):
                    row['readpil'] = compiled
                else:
                    design, formal, renames, nbuf = compiled
                    row['nt'] = design['costs']['total']['nucleotides']
                    row['buffers'] = nbuf
                    v, s = nuskell_verify(args, d, formal, ['--readpil', 'design.pil'])
                    row['readpil'], row['readpil_s'] = v, f'{s:.1f}'
                    if args.modular or v == 'timeout':
                        start = time.time()
                        row['modular'] = modular_oracle(args, d, design, formal, renames)
                        row['modular_s'] = f'{time.time() - start:.1f}'
                if args.own == 'all' or (args.own == 'examples' and stored is None):
                    # A model has no reactions in its source: Nuskell gets
                    # the lowered formal CRN that crnc's design implements.
                    crn = plain_reactions(text)
                    if crn.strip() == '' and not isinstance(compiled, str):
                        crn = compiled[1]
                    v, s = nuskell_verify(args, d, crn, ['--ts', NUSKELL_TS[scheme]])
                    row['own'], row['own_s'] = v, f'{s:.1f}'
                elif stored is not None:
                    row['own'] = str(stored[scheme])
                    row['own_s'] = 'nuskell-verdicts.json'
                out.write('\t'.join(str(row[c]) for c in COLUMNS) + '\n')
                out.flush()
                print('\t'.join(str(row[c]) for c in COLUMNS[:10]), flush=True)


# ---------------------------------------------------------------- table


def norm(v):
    if v.startswith('timeout') or v.startswith('error:No verification'):
        return 'no verdict'
    return v


def crnc_verdict(row):
    """Nuskell's verdict on crnc's design (with the time-out that gave it when
    not the first run's); the modular oracle's where Nuskell gave none."""
    v = norm(row['readpil'])
    if v in ('True', 'False') and row.get('note'):
        return f"{v} ({row['note']})"
    if v == 'no verdict' and row['modular'] in ('True', 'False'):
        return row['modular'] + ' (modular)'
    return v


def load_rows(paths):
    """Rows by (case, scheme); a later file (a re-run with a longer time-out)
    fills in a verdict the earlier ones did not reach."""
    merged = {}
    for n, path in enumerate(paths):
        for line in open(path):
            if line.startswith('case\t'):
                continue
            row = dict(zip(COLUMNS, line.rstrip('\n').split('\t')))
            key = (row['case'], row['scheme'])
            old = merged.get(key)
            if old is None:
                merged[key] = row
            elif norm(old['readpil']) not in ('True', 'False') and \
                    norm(row['readpil']) in ('True', 'False'):
                old['readpil'] = row['readpil']
                old['note'] = f"Nuskell, {row.get('verify_timeout', '?')} s " \
                              f"time-out, {row['readpil_s']} s"
    return list(merged.values())


def table(args):
    rows = load_rows(args.results)
    print('| scheme | set | cases | same verdict as Nuskell\'s own | crnc verified '
          'where Nuskell\'s own did | differences (case: Nuskell own / crnc) |')
    print('|---|---|---|---|---|---|')
    for scheme in SCHEMES:
        for group in ('tests', 'examples'):
            sel = [r for r in rows if r['scheme'] == scheme
                   and r['case'].startswith('crn-') == (group == 'tests')]
            if not sel:
                continue
            same, need, met, diffs = 0, 0, 0, []
            for r in sel:
                own, crnc = norm(r['own']), crnc_verdict(r)
                if own == 'True':
                    need += 1
                    met += crnc.startswith('True')
                if own == crnc.split(' ')[0]:
                    same += 1
                else:
                    diffs.append(f"{r['case']}: {own} / {crnc}")
            print(f'| {scheme} | {group} | {len(sel)} | {same} | {met}/{need} | '
                  f"{'; '.join(diffs)} |")
    if args.rows:
        print('\n| case | scheme | nt | buffers | Nuskell on crnc\'s design | '
              'Nuskell\'s own |')
        print('|---|---|---|---|---|---|')
        for r in rows:
            print(f"| {r['case']} | {r['scheme']} | {r['nt']} | {r['buffers']} | "
                  f"{crnc_verdict(r)} | {norm(r['own'])} |")


def main():
    global REPO
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)
    p = sub.add_parser('run')
    p.add_argument('--repo', default=REPO,
                   help='checkout whose test CRNs and examples are run')
    p.add_argument('--crnc', default=os.path.join(REPO, 'build/bin/crnc'))
    p.add_argument('--peers', help='folder holding the peer packages (PYTHONPATH)')
    p.add_argument('--work', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--schemes', default=','.join(SCHEMES))
    p.add_argument('--cases', default='all')
    p.add_argument('--timeout', type=int, default=30,
                   help="Nuskell's and crnverifier's --verify-timeout (s)")
    p.add_argument('--enum-timeout', type=int, default=900,
                   help='seconds a Nuskell process may spend besides verifying')
    p.add_argument('--own', choices=['none', 'examples', 'all'], default='examples')
    p.add_argument('--modular', action='store_true')
    p.add_argument('crnc_flags', nargs='*')
    t = sub.add_parser('table')
    t.add_argument('results', nargs='+',
                   help='results files; later ones fill in missing verdicts')
    t.add_argument('--rows', action='store_true', help='also every row')
    args = parser.parse_args()
    if args.command == 'run':
        REPO = os.path.abspath(args.repo)
        args.work = os.path.abspath(args.work)
        args.out = os.path.abspath(args.out)
        args.crnc = os.path.abspath(args.crnc)
        run_cases(args)
    else:
        table(args)


if __name__ == '__main__':
    sys.exit(main())
