//===- SimBench.cpp - speed of the lib/sim kernels and CVODE driver -------===//
//
// Generates one network (family, size, seed), times the right-hand side, the
// sparse and dense Jacobians and a full solve per linear solver, and prints
// one JSON object of measured figures. With --dump-network/--trajectory it
// writes what sim_vs_scipy.py needs to solve the same problem with SciPy.
// Arguments are `--name value` (BenchFlags.h); `bench-sim --help` lists them:
//   --family random|cascade|dsd, --reactions, --seed, --t-end, --points,
//   --rtol, --atol, --solvers, --kernels, --non-negative, --eliminate-sinks,
//   --repeat, --keep-heap, --ssa-t-end, --ssa-volume, --dump-network,
//   --trajectory
//
//===----------------------------------------------------------------------===//

#include "BenchFlags.h"
#include "NetworkGenerators.h"
#include "lib/sim/Simulator.h"
#include "lib/sim/SparseLu.h"
#include "lib/sim/Ssa.h"
#include "lib/support/Format.h"
#include "lib/support/Json.h"
#include "llvm/Support/FileSystem.h"
#include <chrono>
#include <ctime>
#include <malloc.h>

using namespace crnc;
using namespace crnc::sim;

static std::string family = "random";
static unsigned reactions = 1000;
static unsigned seed = 1;
static double tEnd = 0; // 0: the family's default
static unsigned points = 50;
static double relTol = 1e-6;
static double absTol = 0; // 0: 1e-12 x max initial value
static std::string solvers = "auto";
static bool timeKernels = true;
static bool nonNegative = true;
static bool eliminateSinks = true;
static unsigned repeat = 1;
static bool keepHeap = true;
static double ssaEnd = 0;
static double ssaVolume = 1e-15;
static std::string dumpNetwork;
static std::string trajectory;

static const char *const usage = R"(crnc simulator benchmark
usage: bench-sim [--name value]...
  --family random|cascade|dsd  network family (default random)
  --reactions N       network size (default 1000)
  --seed N            generator seed (default 1)
  --t-end T           end time; 0: the family's default (default 0)
  --points N          output times (default 50)
  --rtol X            relative tolerance (default 1e-6)
  --atol X            absolute tolerance; 0: 1e-12 x max initial value
  --solvers LIST      comma list of auto,dense,klu,gmres (default auto)
  --kernels[=false]   time RHS and Jacobians (default true)
  --non-negative[=false]     (default true)
  --eliminate-sinks[=false]  reconstruct sinks from conservation laws
                      instead of integrating them (default true)
  --repeat N          solve this many times; report the fastest (default 1)
  --keep-heap[=false] keep freed memory in the process between repeats, so
                      every repeat pays the same first-touch page faults
                      (none) (default true)
  --ssa-t-end T       also time both SSA methods to this time (default 0)
  --ssa-volume V      litres (unit models) or molecules per unit (1e-15)
  --dump-network FILE write the network for sim_vs_scipy.py
  --trajectory FILE   CSV of the first solver's run
)";

using Clock = std::chrono::steady_clock;
static double secondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

static ir::Module makeNetwork(double &defaultEnd) {
  if (family == "cascade") {
    defaultEnd = 50;
    return bench::cascade(reactions, seed);
  }
  if (family == "dsd") {
    defaultEnd = 3600;
    return bench::dsdLike(reactions, seed);
  }
  defaultEnd = 10;
  return bench::randomSparse(reactions, seed);
}

/// Average CPU seconds per call of `f`, repeated for at least ~0.2 s of CPU
/// (CPU time, not wall time: other processes on a shared machine would
/// otherwise inflate the figure).
template <typename F> static double timePerCall(F f) {
  unsigned reps = 1;
  for (;;) {
    std::clock_t t0 = std::clock();
    for (unsigned i = 0; i < reps; ++i)
      f();
    double s = double(std::clock() - t0) / CLOCKS_PER_SEC;
    if (s > 0.2 || reps > (1u << 24))
      return s / reps;
    reps *= 4;
  }
}

/// {"species":[...],"y0":[...],"channels":[[k,[[s,c]...],[[s,d]...]],...]}
static void writeNetworkJson(const CompiledNetwork &net,
                             llvm::raw_ostream &os) {
  Json species = Json::array();
  for (size_t i = 0; i < net.speciesCount(); ++i)
    species.push_back(net.speciesName(i));
  JsonStream js(os);
  js.beginObject();
  js.member("species", species);
  js.member("y0", jsonNumbers(net.initialState()));
  js.key("channels");
  js.beginArray();
  for (size_t c = 0; c < net.channelCount(); ++c) {
    Json reactants = Json::array(), changes = Json::array();
    auto sp = net.reactantSpecies(c);
    auto cnt = net.reactantCounts(c);
    for (size_t r = 0; r < sp.size(); ++r)
      reactants.push_back(Json::array({sp[r], cnt[r]}));
    auto cs = net.changeSpecies(c);
    auto d = net.changeDeltas(c);
    for (size_t r = 0; r < cs.size(); ++r)
      changes.push_back(Json::array({cs[r], d[r]}));
    js.value(Json::array({jsonNumber(net.rateConstants()[c]),
                          std::move(reactants), std::move(changes)}));
  }
  js.endArray();
  js.endObject();
  os << '\n';
}

/// A measured figure to four significant digits.
static Json sig4(double value) {
  std::optional<double> rounded = parseNumber(formatSignificant(value, 4));
  return rounded ? jsonNumber(*rounded) : Json(nullptr);
}

static bool writeFile(const std::string &path,
                      llvm::function_ref<void(llvm::raw_ostream &)> body) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << "bench-sim: cannot write " << path << ": " << ec.message()
                 << "\n";
    return false;
  }
  body(os);
  return true;
}

/// Times one SSA run per method; firings and firings per CPU second.
static Json timeSsa(const CompiledNetwork &net) {
  Json runs = Json::array();
  for (SsaMethod method : {SsaMethod::Direct, SsaMethod::NextReaction}) {
    SimulateOptions opts;
    opts.tEnd = ssaEnd;
    opts.points = 2;
    SsaOptions ssa;
    ssa.method = method;
    ssa.volume = ssaVolume;
    ssa.threads = 1;
    std::clock_t start = std::clock();
    auto ens = simulateSsa(net, Schedule(), opts, ssa);
    double cpu = double(std::clock() - start) / CLOCKS_PER_SEC;
    uint64_t firings = ens ? ens->firings : 0;
    if (!ens)
      llvm::consumeError(ens.takeError());
    runs.push_back(
        Json{{"method", ssaMethodName(method).str()},
             {"firings", firings},
             {"cpu_s", sig4(cpu)},
             {"firings_per_s", sig4(firings / std::max(cpu, 1e-9))}});
  }
  return runs;
}

int main(int argc, char **argv) {
  if (!bench::parseFlags(
          argc, argv,
          {bench::flag("family", family), bench::flag("reactions", reactions),
           bench::flag("seed", seed), bench::flag("t-end", tEnd),
           bench::flag("points", points), bench::flag("rtol", relTol),
           bench::flag("atol", absTol), bench::flag("solvers", solvers),
           bench::flag("kernels", timeKernels),
           bench::flag("non-negative", nonNegative),
           bench::flag("eliminate-sinks", eliminateSinks),
           bench::flag("repeat", repeat), bench::flag("keep-heap", keepHeap),
           bench::flag("ssa-t-end", ssaEnd),
           bench::flag("ssa-volume", ssaVolume),
           bench::flag("dump-network", dumpNetwork),
           bench::flag("trajectory", trajectory)},
          usage))
    return 2;
  if (keepHeap && repeat > 1) {
    // Otherwise the C library returns large freed blocks to the kernel and
    // whether a repeat pays page faults depends on the allocation pattern.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  }
  double defaultEnd = 0;
  ir::Module module = makeNetwork(defaultEnd);
  double end = tEnd > 0 ? double(tEnd) : defaultEnd;
  auto t0 = Clock::now();
  CompiledNetwork net(module);
  double compileSeconds = secondsSince(t0);
  double maxInit = 0;
  for (double y : net.initialState())
    maxInit = std::max(maxInit, y);
  double atol = absTol > 0 ? double(absTol) : 1e-12 * maxInit;

  size_t n = net.speciesCount(), m = net.channelCount();
  std::vector<double> y(net.initialState().begin(), net.initialState().end());
  std::vector<double> f(n), v(m), jac(net.jacobianNonZeros());
  const double *k = net.rateConstants().data();
  double rhsSec = -1, jacSec = -1, denseSec = -1;
  if (timeKernels) {
    rhsSec = timePerCall([&] { net.rhs(y.data(), k, f.data(), v.data()); });
    jacSec = timePerCall([&] { net.sparseJacobian(y.data(), k, jac.data()); });
  }
  // The sparse direct Newton solver on M = I - 0.1 J at the initial state.
  double luFactorSec = -1, luSolveSec = -1;
  FillEstimate fill = estimateKluFill(net);
  if (timeKernels && chooseLinearSolver(net) == LinearSolverKind::Klu) {
    std::vector<double> M(jac.size());
    net.sparseJacobian(y.data(), k, jac.data());
    auto colPtr = net.jacobianColPtr();
    auto rowIdx = net.jacobianRowIdx();
    for (size_t j = 0; j < n; ++j)
      for (int64_t e = colPtr[j]; e < colPtr[j + 1]; ++e)
        M[e] = (rowIdx[e] == int64_t(j) ? 1.0 : 0.0) - 0.1 * jac[e];
    SparseLu lu;
    if (lu.analyze(n, colPtr.data(), rowIdx.data()) && lu.factor(M.data())) {
      luFactorSec = timePerCall([&] { lu.factor(M.data()); });
      // The same right-hand side per call, into another vector (as CVODE
      // calls it): solving in place repeatedly would shrink the vector into
      // subnormal numbers and time those instead.
      std::vector<double> b(n), x(n);
      for (size_t i = 0; i < n; ++i)
        b[i] = 1.0 + double(i % 7);
      luSolveSec = timePerCall([&] { lu.solve(b.data(), x.data()); });
    }
  }
  if (timeKernels && n <= 3000) {
    std::vector<double> J(n * n);
    denseSec = timePerCall([&] { net.denseJacobian(y.data(), k, J.data()); });
  }
  if (!dumpNetwork.empty() &&
      !writeFile(dumpNetwork,
                 [&](llvm::raw_ostream &os) { writeNetworkJson(net, os); }))
    return 2;

  JsonStream js(llvm::outs());
  js.beginObject();
  js.member("family", family);
  js.member("reactions", module.reactionCount());
  js.member("channels", m);
  js.member("species", n);
  js.member("jac_nnz", net.jacobianNonZeros());
  js.member("t_end", jsonNumber(end));
  js.member("rtol", jsonNumber(relTol));
  js.member("atol", jsonNumber(atol));
  js.member("compile_s", jsonNumber(compileSeconds));
  js.member("rhs_ns_per_reaction", sig4(rhsSec * 1e9 / module.reactionCount()));
  js.member("rhs_ns_per_channel", sig4(rhsSec * 1e9 / m));
  js.member("jac_sparse_ms", sig4(jacSec * 1e3));
  js.member("jac_dense_ms", sig4(denseSec * 1e3));
  js.member("lu_factor_ms", sig4(luFactorSec * 1e3));
  js.member("lu_solve_ms", sig4(luSolveSec * 1e3));
  js.member("klu_flops_per_nnz",
            sig4(fill.flops / double(net.jacobianNonZeros())));
  js.member("klu_fill",
            sig4(fill.factorNonZeros / double(net.jacobianNonZeros())));
  js.key("runs");
  js.beginArray();
  llvm::SmallVector<llvm::StringRef, 4> names;
  llvm::StringRef(solvers).split(names, ',');
  bool firstRun = true;
  for (llvm::StringRef name : names) {
    auto kind = parseLinearSolver(name);
    if (!kind) {
      llvm::errs() << "bench-sim: unknown solver '" << name << "'\n";
      return 2;
    }
    if (*kind == LinearSolverKind::Dense && n > 3000)
      continue;
    SimulateOptions opts;
    opts.tEnd = end;
    opts.points = points;
    opts.solver.relTol = relTol;
    opts.solver.absTol = atol;
    opts.solver.solver = *kind;
    opts.solver.nonNegative = nonNegative;
    opts.solver.eliminateSinks = eliminateSinks;
    Trace trace;
    SolverStats stats;
    double solveSec = 1e300, cpuSec = 1e300;
    llvm::Error err = llvm::Error::success();
    for (unsigned rep = 0; rep < std::max(1u, unsigned(repeat)); ++rep) {
      llvm::consumeError(std::move(err));
      stats = SolverStats();
      auto start = Clock::now();
      std::clock_t cpuStart = std::clock();
      err = simulate(net, Schedule(), opts, trace, &stats);
      solveSec = std::min(solveSec, secondsSince(start));
      cpuSec =
          std::min(cpuSec, double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
    }
    std::string status = err ? llvm::toString(std::move(err)) : "ok";
    js.value(Json{{"solver", linearSolverName(stats.solver).str()},
                  {"requested", name.str()},
                  {"solve_s", sig4(solveSec)},
                  {"solve_cpu_s", sig4(cpuSec)},
                  {"steps", stats.steps},
                  {"rhs_evals", stats.rhsEvals},
                  {"jac_evals", stats.jacEvals},
                  {"linear_setups", stats.linearSetups},
                  {"krylov_iters", stats.linearIters},
                  {"error_test_fails", stats.errorTestFails},
                  {"newton_fails", stats.nonlinConvFails},
                  {"integrated_species", stats.integratedSpecies},
                  {"reconstructed_sinks", stats.reconstructedSinks},
                  {"status", status}});
    if (firstRun && !trajectory.empty() &&
        !writeFile(trajectory,
                   [&](llvm::raw_ostream &os) { writeCsv(trace, os); }))
      return 2;
    firstRun = false;
  }
  js.endArray();
  if (ssaEnd > 0)
    js.member("ssa", timeSsa(net));
  js.endObject();
  llvm::outs() << "\n";
  return 0;
}
