//===- SimulateCommand.cpp - `crnc simulate` ------------------------------===//
//
// Simulates a model (.crn or .crnir) deterministically (CVODE) or
// stochastically (SSA ensemble) and writes the traces as CSV or JSON, with a
// one-line summary of the solver's work. Initial concentrations can be
// overridden from the command line (`--init A=10nM,B=5nM`). A PIL file with
// domain-level reactions (Peppercorn's output) is simulated complex by complex.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/sim/InitialOverrides.h"
#include "lib/sim/Simulator.h"
#include "lib/sim/Ssa.h"
#include "lib/support/Format.h"
#include "lib/support/Units.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include <chrono>

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::simulateCommand(
    "simulate", "Simulate a model (ODE or SSA) and write its traces");

namespace {

enum class Method { Ode, Ssa };

#define SIM_OPT cl::sub(driver::simulateCommand), cl::cat(crncCategory)

cl::opt<std::string> inputFile(cl::Positional,
                               cl::desc("<model.crn|model.crnir|system.pil>"),
                               cl::Required, SIM_OPT);
cl::opt<std::string> tEndText("t-end",
                              cl::desc("End time: seconds, or with a unit "
                                       "(90s, 30min, 2h)"),
                              cl::value_desc("time"), cl::Required, SIM_OPT);
cl::opt<unsigned> points("points", cl::desc("Output times, evenly spaced"),
                         cl::init(101), SIM_OPT);
cl::opt<Method> method("method", cl::desc("Simulation method"),
                       cl::values(clEnumValN(Method::Ode, "ode", "CVODE (BDF)"),
                                  clEnumValN(Method::Ssa, "ssa",
                                             "stochastic ensemble (SSA)")),
                       cl::init(Method::Ode), SIM_OPT);
cl::opt<std::string>
    solverName("solver", cl::desc("Linear solver: auto, dense, klu, gmres"),
               cl::init("auto"), SIM_OPT);
cl::opt<double> relTol("rtol", cl::desc("Relative tolerance"), cl::init(1e-6),
                       SIM_OPT);
cl::opt<double> absTol("atol",
                       cl::desc("Absolute tolerance (model unit); 0: 1e-12 "
                                "times the largest initial value, or 1e-12"),
                       cl::init(0), SIM_OPT);
cl::opt<std::string> initText("init",
                              cl::desc("Set initial concentrations: "
                                       "A=10nM,B=5nM (no unit: the model's)"),
                              cl::value_desc("list"), SIM_OPT);
cl::opt<unsigned> runs("runs", cl::desc("SSA runs"), cl::init(1), SIM_OPT);
cl::opt<std::string> volumeText("volume",
                                cl::desc("SSA volume: litres (1e-15, 1fL, 2uL) "
                                         "for a model with units, molecules "
                                         "per unit otherwise"),
                                SIM_OPT);
cl::opt<std::string> ssaMethodName("ssa-method",
                                   cl::desc("auto, direct, next-reaction"),
                                   cl::init("auto"), SIM_OPT);
cl::opt<unsigned> seed("seed", cl::desc("SSA seed"), cl::init(1), SIM_OPT);
cl::opt<uint64_t> maxFirings(
    "max-firings",
    cl::desc("SSA: stop a run after this many reaction firings (default 1e8); "
             "the traces up to then are written"),
    cl::init(100000000), SIM_OPT);
cl::opt<unsigned> threads("threads", cl::desc("SSA threads (0: all cores)"),
                          cl::init(0), SIM_OPT);
cl::opt<std::string> outputPath("o",
                                cl::desc("Traces file (.csv or .json); "
                                         "default: CSV on stdout"),
                                cl::value_desc("path"), cl::init("-"), SIM_OPT);
cl::opt<bool> noProgress("no-progress",
                         cl::desc("No progress line, even on a terminal"),
                         SIM_OPT);

#undef SIM_OPT

/// What the summary line reports.
struct RunSummary {
  std::string work;
  double seconds = 0;
  /// Set when the run stopped early: the time reached.
  std::optional<double> stoppedAt;
};
} // namespace

static llvm::Error
writeTraces(llvm::function_ref<void(llvm::raw_ostream &)> body) {
  return writeFileAtomically(outputPath, [&](llvm::raw_ostream &os) {
    body(os);
    return true;
  });
}

static bool wantsJson() {
  return llvm::StringRef(outputPath).endswith(".json");
}

static int runOde(const sim::CompiledNetwork &net, sim::SimulateOptions &opts,
                  RunSummary &summary) {
  auto kind = sim::parseLinearSolver(solverName);
  if (!kind)
    return reportUsageError("--solver: unknown linear solver '" + solverName +
                            "' (expected auto, dense, klu or gmres)");
  opts.solver.solver = *kind;
  ProgressLine progress(!noProgress &&
                        llvm::sys::Process::StandardErrIsDisplayed());
  opts.solver.progress = [&](double t) { progress.show(t / opts.tEnd); };
  sim::Trace trace;
  sim::SolverStats stats;
  auto start = std::chrono::steady_clock::now();
  llvm::Error err = sim::simulate(net, sim::Schedule(), opts, trace, &stats);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  summary.work = "ode, " + sim::describeWork(stats);
  bool json = wantsJson();
  if (llvm::Error e = writeTraces([&](llvm::raw_ostream &os) {
        json ? sim::writeJson(trace, os) : sim::writeCsv(trace, os);
      }))
    return reportEnvironmentError(std::move(e));
  if (err) {
    summary.stoppedAt = trace.completed ? opts.tEnd : trace.failureTime;
    llvm::WithColor::error(llvm::errs(), "crnc")
        << llvm::toString(std::move(err))
        << " (traces up to that time were written)\n";
    return ExitInputError;
  }
  return ExitSuccess;
}

static int runSsa(const sim::CompiledNetwork &net,
                  const sim::SimulateOptions &opts, RunSummary &summary) {
  sim::SsaOptions ssa;
  auto kind = sim::parseSsaMethod(ssaMethodName);
  if (!kind)
    return reportUsageError("--ssa-method: unknown method '" + ssaMethodName +
                            "' (expected auto, direct or next-reaction)");
  if (volumeText.empty())
    return reportUsageError(
        "--method=ssa needs --volume (litres for a model with "
        "units, molecules per unit otherwise)");
  std::optional<double> volume = parseLitres(volumeText);
  if (!volume || !(*volume > 0))
    return reportUsageError("--volume: expected a positive volume, got '" +
                            volumeText + "'");
  if (runs == 0)
    return reportUsageError("--runs must be at least 1");
  ssa.method = *kind;
  ssa.volume = *volume;
  ssa.runs = runs;
  ssa.seed = seed;
  ssa.threads = threads;
  ssa.maxFirings = maxFirings;
  ssa.keepPartial = true;
  ProgressLine progress(!noProgress &&
                        llvm::sys::Process::StandardErrIsDisplayed());
  ssa.progress = [&](unsigned done) { progress.show(double(done) / runs); };
  auto start = std::chrono::steady_clock::now();
  auto ens = sim::simulateSsa(net, sim::Schedule(), opts, ssa);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!ens) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << llvm::toString(ens.takeError()) << "\n";
    return ExitInputError;
  }
  summary.work =
      "ssa, " + sim::ssaMethodName(ens->method).str() + ": " +
      std::to_string(runs) + " runs, " + std::to_string(ens->firings) +
      " reaction firings, " +
      formatSignificant(sim::moleculesPerUnit(net.unit(), ssa.volume), 4) +
      " molecules per unit";
  bool json = wantsJson();
  if (llvm::Error e = writeTraces([&](llvm::raw_ostream &os) {
        json ? sim::writeEnsembleJson(*ens, os) : sim::writeCsv(ens->mean, os);
      }))
    return reportEnvironmentError(std::move(e));
  if (!ens->failure)
    return ExitSuccess;
  summary.stoppedAt = ens->failure->first;
  llvm::WithColor::error(llvm::errs(), "crnc")
      << "a run stopped at t=" << formatSignificant(ens->failure->first, 6)
      << ": " << ens->failure->second
      << " (traces up to the last time every run reached were written)\n";
  return ExitInputError;
}

int driver::runSimulate() {
  std::optional<double> tEnd = parseSeconds(tEndText);
  if (!tEnd)
    return reportUsageError(
        "--t-end: expected a time such as 3600, 90s or 30min, got '" +
        tEndText + "'");
  if (!(*tEnd > 0))
    return reportUsageError("--t-end must be positive, got '" + tEndText + "'");
  if (points < 2)
    return reportUsageError("--points must be at least 2");
  if (!checkRange("rtol", relTol, 1e-15, 0.1) ||
      !checkRange("atol", absTol, 0, 1e12))
    return ExitUsageError;

  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  applyDiagnosticOptions(diags);
  LoadedModule loaded = loadNetwork(inputFile, diags);
  if (!loaded.module)
    return loaded.exitCode;
  sim::CompiledNetwork net(*loaded.module);

  sim::SimulateOptions opts;
  opts.tEnd = *tEnd;
  opts.points = points;
  opts.initialState.assign(net.initialState().begin(),
                           net.initialState().end());
  if (auto problem =
          sim::applyInitialOverrides(net, initText, opts.initialState))
    return reportUsageError(*problem);
  opts.solver.relTol = relTol;
  opts.solver.absTol =
      absTol > 0 ? double(absTol) : sim::defaultAbsTol(opts.initialState);

  RunSummary summary;
  int code = method == Method::Ode ? runOde(net, opts, summary)
                                   : runSsa(net, opts, summary);
  if (summary.work.empty())
    return code;
  llvm::raw_ostream &os = outputPath == "-" ? llvm::errs() : llvm::outs();
  os << "simulated '" << loaded.module->name << "' (" << net.speciesCount()
     << " species, " << loaded.module->reactionCount() << " reactions) "
     << (summary.stoppedAt
             ? "but stopped at t=" + formatSignificant(*summary.stoppedAt, 6) +
                   " s of " + formatNumber(*tEnd) + " s"
             : "to t=" + formatNumber(*tEnd) + " s")
     << ": " << summary.work << "; wall time "
     << formatSignificant(summary.seconds, 3) << " s\n";
  return code;
}
