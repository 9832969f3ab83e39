#!/usr/bin/env python3
"""crnc's simulator against SciPy's solve_ivp on the same generated networks.

For each family (random sparse, cascade, DSD-like with hub fuels) and size,
bench-sim generates the network, times crnc's kernels and its CVODE solve, and
dumps the network and trajectory; this script then solves the same equations
with solve_ivp (BDF with a sparse analytic Jacobian, LSODA with a dense one)
at the same tolerances and reports the speed ratio and the largest difference
between the trajectories.

Difference metric: max over times and species of |crnc - scipy| divided by
max(|scipy|, 1e-3 * the largest value in the scipy trajectory).
Speed ratio: CPU seconds of SciPy's solve over CPU seconds of crnc's (both
single-threaded; CPU time is steadier than wall time on a shared machine),
each the fastest of --repeat runs (a SciPy run over 5 s is not repeated);
wall times are printed too.
"""
import argparse
import csv
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.integrate import solve_ivp


class MassAction:
    """Vectorised mass-action RHS and sparse Jacobian of a dumped network."""

    def __init__(self, net):
        self.n = n = len(net["species"])
        self.y0 = np.array(net["y0"], dtype=float)
        chans = net["channels"]
        m = len(chans)
        self.k = np.array([c[0] for c in chans], dtype=float)
        slots = [[s for s, cnt in c[1] for _ in range(cnt)] for c in chans]
        width = max([len(s) for s in slots] + [1])
        # Padding points at index n, where the extended state holds 1.
        self.R = np.full((m, width), n, dtype=np.int64)
        for c, s in enumerate(slots):
            self.R[c, :len(s)] = s
        rows, cols, vals = [], [], []
        for c, ch in enumerate(chans):
            for s, d in ch[2]:
                rows.append(s)
                cols.append(c)
                vals.append(d)
        self.N = sp.csr_matrix((vals, (rows, cols)), shape=(n, m))
        real = self.R < n
        self.jrows = np.repeat(np.arange(m), width)[real.ravel()]
        self.jcols = self.R.ravel()[real.ravel()]
        self.real = real
        self.m = m
        self.width = width

    def extended(self, y):
        return np.append(y, 1.0)

    def rhs(self, t, y):
        ye = self.extended(y)
        v = self.k * np.prod(ye[self.R], axis=1)
        return self.N @ v

    def jac_sparse(self, t, y):
        ye = self.extended(y)
        Y = ye[self.R]
        parts = []
        for j in range(self.width):
            others = np.prod(np.delete(Y, j, axis=1), axis=1) if self.width > 1 \
                else np.ones(self.m)
            parts.append(self.k * others)
        D = np.stack(parts, axis=1)[self.real]
        dV = sp.csr_matrix((D, (self.jrows, self.jcols)), shape=(self.m, self.n))
        return (self.N @ dV).tocsc()

    def jac_dense(self, t, y):
        return self.jac_sparse(t, y).toarray()


def read_trace(path):
    with open(path) as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    data = np.array([[float(x) for x in r] for r in rows[1:]])
    return data[:, 0], data[:, 1:]


def difference(a, b):
    floor = 1e-3 * max(np.max(np.abs(b)), 1e-300)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), floor)))


def _solve_child(conn, model, method, times, rtol, atol, kwargs):
    start = time.perf_counter()
    cpu_start = time.process_time()
    sol = solve_ivp(model.rhs, (times[0], times[-1]), model.y0, method=method,
                    t_eval=times, rtol=rtol, atol=atol, **kwargs)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if not sol.success:
        conn.send((None, "failed: " + sol.message))
    else:
        conn.send(((seconds, cpu, sol.y.T, sol.nfev, sol.njev), "ok"))
    conn.close()


def solve_scipy(model, method, times, rtol, atol, timeout):
    """Solves in a child process, killed after `timeout` seconds of wall time
    (a signal cannot interrupt SciPy inside a long sparse factorization)."""
    kwargs = {}
    if method == "BDF":
        kwargs["jac"] = model.jac_sparse
    elif method == "LSODA":
        if model.n > 3000:
            return None, "skipped (dense Jacobian of %d species)" % model.n
        kwargs["jac"] = model.jac_dense
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_solve_child,
                       args=(child, model, method, times, rtol, atol, kwargs))
    proc.start()
    child.close()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    cpu = 0.0
    try:
        with open("/proc/%d/stat" % proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        pass
    proc.kill()
    proc.join()
    return None, "not finished after %d s wall (%.1f s cpu); stopped" % (
        timeout, cpu)


def run_case(args, family, size, workdir):
    netfile = os.path.join(workdir, "%s-%d.json" % (family, size))
    trfile = os.path.join(workdir, "%s-%d.csv" % (family, size))
    cmd = [args.bench, "--family", family, "--reactions", str(size),
           "--points", str(args.points), "--rtol", str(args.rtol),
           "--solvers", args.solvers, "--repeat", str(args.repeat),
           "--dump-network", netfile,
           "--trajectory", trfile]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    res = json.loads(out)
    times, ours = read_trace(trfile)
    with open(netfile) as f:
        model = MassAction(json.load(f))
    crnc_s = res["runs"][0]["solve_s"]
    crnc_cpu = res["runs"][0]["solve_cpu_s"]
    print("\n== %s, %d reactions (%d channels, %d species, Jacobian nnz %d)"
          % (family, res["reactions"], res["channels"], res["species"],
             res["jac_nnz"]))
    print("  KLU estimate (AMD): %.4g flops per Jacobian non-zero, fill %.3gx"
          % (res["klu_flops_per_nnz"], res["klu_fill"]))
    print("  crnc kernels: RHS %.2f ns/reaction (%.2f ns/channel), sparse "
          "Jacobian %.4g ms, dense Jacobian %s" % (
              res["rhs_ns_per_reaction"], res["rhs_ns_per_channel"],
              res["jac_sparse_ms"],
              "%.4g ms" % res["jac_dense_ms"] if res["jac_dense_ms"] >= 0
              else "n/a"))
    if res["lu_solve_ms"] >= 0:
        print("  crnc sparse LU of I - 0.1 J: factor %.4g ms, solve %.4g ms"
              % (res["lu_factor_ms"], res["lu_solve_ms"]))
    for r in res["runs"]:
        print("  crnc %-6s (asked %-5s): %8.4f s wall %8.4f s cpu  steps %d  "
              "RHS %d  Jac %d  setups %d  Krylov %d  fails %d/%d  %s" % (
                  r["solver"], r["requested"], r["solve_s"], r["solve_cpu_s"],
                  r["steps"], r["rhs_evals"], r["jac_evals"],
                  r["linear_setups"], r["krylov_iters"],
                  r["error_test_fails"], r["newton_fails"], r["status"]))
    summary = {"family": family, "reactions": res["reactions"],
               "crnc_solver": res["runs"][0]["solver"], "crnc_s": crnc_s,
               "crnc_cpu_s": crnc_cpu,
               "rhs_ns": res["rhs_ns_per_reaction"]}
    for method in args.methods.split(","):
        got, status = solve_scipy(model, method, times, args.rtol,
                                  res["atol"], args.timeout)
        # Short SciPy runs are repeated like crnc's; the fastest counts.
        for _ in range(args.repeat - 1):
            if got is None or got[1] > 5:
                break
            again, _ = solve_scipy(model, method, times, args.rtol,
                                   res["atol"], args.timeout)
            if again is not None and again[1] < got[1]:
                got = again
        if got is None:
            print("  scipy %-5s: %s" % (method, status))
            summary[method] = status
            continue
        seconds, cpu, theirs, nfev, njev = got
        diff = difference(ours, theirs)
        ratio = cpu / max(crnc_cpu, 1e-6)
        print("  scipy %-5s: %8.4f s wall %8.4f s cpu  RHS %d  Jac %d  -> crnc "
              "%.1fx faster (cpu), max rel. difference %.2e"
              % (method, seconds, cpu, nfev, njev, ratio, diff))
        summary[method] = {"s": seconds, "cpu_s": cpu, "ratio": ratio,
                           "diff": diff}
    return summary


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bench", default="build/bin/bench-sim")
    p.add_argument("--families", default="random,cascade,dsd")
    p.add_argument("--sizes", default="100,1000,10000,100000")
    p.add_argument("--methods", default="BDF,LSODA")
    p.add_argument("--solvers", default="auto",
                   help="crnc linear solvers; the first is compared")
    p.add_argument("--repeat", type=int, default=3,
                   help="solve each case this many times and report the "
                        "fastest (SciPy runs longer than 5 s cpu once)")
    p.add_argument("--rtol", type=float, default=1e-6)
    p.add_argument("--points", type=int, default=50)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--json", help="write the summary here")
    args = p.parse_args()
    print("SciPy %s, NumPy %s; rtol %g, atol 1e-12 x max initial value"
          % (scipy.__version__, np.__version__, args.rtol))
    summaries = []
    with tempfile.TemporaryDirectory() as workdir:
        for size in [int(s) for s in args.sizes.split(",")]:
            for family in args.families.split(","):
                summaries.append(run_case(args, family, size, workdir))
                sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summaries, f, indent=1)


if __name__ == "__main__":
    main()
