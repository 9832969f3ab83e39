// Helpers of the lowering equivalence tests (see LoweringTestSupport.h).
#include "LoweringTestSupport.h"
#include "ir/Parser.h"
#include "lib/passes/PassManager.h"
#include "lib/support/Format.h"
#include <catch2/catch.hpp>
#include <cmath>

using namespace crnc;

std::unique_ptr<ir::Module> test::parseIR(llvm::StringRef text) {
  static llvm::SourceMgr sm;
  static DiagnosticEngine diags(sm);
  auto m = ir::parseModuleFromString(text, diags);
  REQUIRE(m);
  return m;
}

std::unique_ptr<ir::Module> test::lower(const ir::Module &module,
                                        llvm::StringRef pipeline) {
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sm, os);
  diags.setWarningsSuppressed(true);
  auto copy = std::make_unique<ir::Module>(module);
  PassManagerOptions options;
  options.verifyEach = true;
  PassManager pm(options);
  REQUIRE(succeeded(pm.addPipeline(pipeline, diags)));
  bool ok = succeeded(pm.run(*copy, diags));
  INFO(os.str());
  REQUIRE(ok);
  return copy;
}

sim::Trace test::simulateAt(const ir::Module &module,
                            const std::vector<double> &times,
                            const sim::Schedule &schedule,
                            std::vector<bool> initialPhases) {
  sim::SimulateOptions options;
  options.t0 = 0;
  options.tEnd = times.back();
  options.outputTimes = times;
  options.initialPhases = std::move(initialPhases);
  options.solver.relTol = 1e-9;
  options.solver.absTol = 1e-12;
  // lib/sim rejects a constraint vector with no constrained species (every
  // species signed); non-negativity is then moot anyway.
  bool anyUnsigned = false;
  for (const ir::Species &s : module.allSpecies())
    anyUnsigned |= !s.isSigned;
  options.solver.nonNegative = anyUnsigned;
  auto trace = sim::simulate(module, schedule, options);
  if (!trace) {
    FAIL(llvm::toString(trace.takeError()));
  }
  REQUIRE(trace->rows() == times.size());
  return std::move(*trace);
}

std::vector<double> test::grid(double tEnd, unsigned n) {
  std::vector<double> times;
  for (unsigned i = 0; i <= n; ++i)
    times.push_back(tEnd * i / n);
  return times;
}

double test::attrNumber(const ir::Module &module, llvm::StringRef key) {
  auto text = ir::findAttribute(module.attrs, key);
  if (!text)
    return 0;
  return parseNumber(*text).value_or(0);
}

double test::tracked(const sim::Trace &trace, size_t row,
                     llvm::StringRef name) {
  long col = trace.column(name);
  if (col >= 0)
    return trace.at(row, col);
  long p = trace.column((name + "_p").str());
  long n = trace.column((name + "_n").str());
  REQUIRE(p >= 0);
  REQUIRE(n >= 0);
  return trace.at(row, p) - trace.at(row, n);
}

double test::relativeDeviation(const sim::Trace &original,
                               const sim::Trace &lowered,
                               const std::vector<std::string> &names,
                               double concScale) {
  REQUIRE(original.rows() == lowered.rows());
  double worst = 0, magnitude = 1e-12;
  for (size_t r = 0; r < original.rows(); ++r)
    for (const std::string &name : names) {
      double a = tracked(original, r, name);
      double b = tracked(lowered, r, name) / concScale;
      worst = std::max(worst, std::fabs(a - b));
      magnitude = std::max(magnitude, std::fabs(a));
    }
  return worst / magnitude;
}
