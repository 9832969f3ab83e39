//===- VerifyResimulation.cpp - `crnc verify --resimulate` ----------------===//

#include "compiler/driver/VerifyResimulation.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {
#define VERIFY_OPT cl::sub(driver::verifyCommand), cl::cat(crncCategory)
cl::opt<double> resimulateSeconds(
    "resimulate",
    cl::desc("Also simulate both CRNs for this many seconds and compare "
             "each formal species with its interpretation"),
    cl::value_desc("seconds"), cl::init(0), VERIFY_OPT);
cl::opt<double> thresholdPercent("threshold",
                                 cl::desc("Largest re-simulation deviation "
                                          "that passes, in % of the range"),
                                 cl::init(5), VERIFY_OPT);
cl::opt<bool> useSsa("ssa", cl::desc("Re-simulate with SSA ensemble means"),
                     VERIFY_OPT);
cl::opt<double> volume("volume",
                       cl::desc("SSA volume: litres for an implementation "
                                "with a concentration unit, molecules per "
                                "unit otherwise"),
                       cl::init(100), VERIFY_OPT);
cl::opt<unsigned> runs("runs", cl::desc("SSA runs"), cl::init(20), VERIFY_OPT);
cl::opt<unsigned> seed("seed", cl::desc("SSA seed"), cl::init(1), VERIFY_OPT);
#undef VERIFY_OPT
} // namespace

bool driver::resimulationRequested() { return resimulateSeconds > 0; }

bool driver::checkResimulationFlags() {
  if (thresholdPercent >= 0 && volume > 0 && runs > 0)
    return true;
  reportUsageError("--threshold must be >= 0, --volume > 0 and --runs > 0");
  return false;
}

/// `time axis: 2.1 s per formal time unit, predicted from ...`, for a DNA
/// design.
static std::string axisLine(const verify::ResimulationResult &r) {
  if (!r.designAxis)
    return "time axis: 1 (the formal CRN's own; the design's not derived: " +
           r.timeAxisProblem + ")\n";
  std::string line =
      "time axis: " + formatSignificant(r.timeScale, 3) +
      " s per formal time unit, predicted from " + r.timeAxisSource +
      " (at time scale 1: max deviation " +
      (r.formulaMaxDeviation
           ? formatSignificant(100 * *r.formulaMaxDeviation, 3) + " %"
           : std::string("not measured")) +
      ")";
  if (r.fittedTimeScale)
    line += " (best fit " + formatSignificant(*r.fittedTimeScale, 3) +
            " s, max deviation there " +
            formatSignificant(100 * r.fittedMaxDeviation, 3) + " %)";
  return line + "\n";
}

bool driver::resimulateAndReport(const ir::Module &formalModule,
                                 const verify::Crn &formal,
                                 const ir::Module &implModule,
                                 const verify::Crn &implementation,
                                 const verify::Interpretation &m,
                                 llvm::ArrayRef<verify::SpeciesIndex> fuels,
                                 const std::vector<bool> *signalStrands) {
  verify::ResimulationOptions options;
  options.tEnd = resimulateSeconds;
  options.threshold = thresholdPercent / 100;
  options.fuels = fuels;
  if (signalStrands) {
    options.quasiSteadyAxis = true;
    options.signalStrands = *signalStrands;
    options.fitTimeScale = true;
  }
  if (useSsa) {
    sim::SsaOptions ssa;
    ssa.volume = volume;
    ssa.runs = runs;
    ssa.seed = seed;
    options.ssa = ssa;
  }
  auto r = verify::resimulate(formalModule, formal, implModule, implementation,
                              m, options);
  if (!r) {
    llvm::outs() << "resimulation: fail (" << llvm::toString(r.takeError())
                 << ")\n";
    return false;
  }
  llvm::outs() << "resimulation: max deviation "
               << formatSignificant(100 * r->maxDeviation, 3)
               << " % (threshold " << formatNumber(thresholdPercent)
               << " %): " << (r->pass ? "pass" : "fail") << "\n";
  for (const verify::SpeciesDeviation &d : r->species)
    if (d.species == r->worstSpecies)
      llvm::outs() << "resimulation: worst " << d.species
                   << " at t = " << formatSignificant(d.time, 4)
                   << " s: formal " << formatSignificant(d.formal, 4)
                   << ", implementation "
                   << formatSignificant(d.implementation, 4) << " (range "
                   << formatSignificant(d.range, 4) << ")\n";
  if (signalStrands)
    llvm::outs() << axisLine(*r);
  return r->pass;
}
