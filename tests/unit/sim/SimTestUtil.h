//===- SimTestUtil.h - shared helpers for the lib/sim unit tests ---------===//
//
// Builds modules from textual IR and runs a schedule-free simulation to a few
// output times, so each test reads as the network and its closed form.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TESTS_UNIT_SIM_SIMTESTUTIL_H
#define CRNC_TESTS_UNIT_SIM_SIMTESTUTIL_H

#include "ir/Parser.h"
#include "lib/sim/Simulator.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

namespace crnc::simtest {

/// Parses textual IR; fails the test on a parse error.
inline std::unique_ptr<ir::Module> parseIR(llvm::StringRef text) {
  llvm::SourceMgr sm;
  std::string errors;
  llvm::raw_string_ostream os(errors);
  DiagnosticEngine diags(sm, os);
  auto module = ir::parseModuleFromString(text, diags);
  INFO(errors);
  REQUIRE(module);
  return module;
}

/// Relative difference with a floor, for comparing against closed forms.
inline double relErr(double got, double want, double floor = 1e-12) {
  return std::fabs(got - want) / std::max(std::fabs(want), floor);
}

/// max |got - ref| / max(|ref|, 1e-3 x the largest |ref|) over all values,
/// the metric of the solver comparisons (and of tests/bench/sim_vs_scipy.py).
inline double maxRelativeDifference(const sim::Trace &got,
                                    const sim::Trace &ref) {
  REQUIRE(got.values.size() == ref.values.size());
  double scale = 0, worst = 0;
  for (double v : ref.values)
    scale = std::max(scale, std::fabs(v));
  for (size_t e = 0; e < ref.values.size(); ++e)
    worst =
        std::max(worst, std::fabs(got.values[e] - ref.values[e]) /
                            std::max(std::fabs(ref.values[e]), 1e-3 * scale));
  return worst;
}

/// Runs `net` from its initial state to the given times; requires success.
inline sim::Trace run(const sim::CompiledNetwork &net,
                      std::vector<double> times,
                      sim::SolverOptions solver = {}) {
  sim::SimulateOptions opts;
  opts.t0 = 0;
  opts.tEnd = times.back();
  opts.outputTimes = std::move(times);
  opts.solver = solver;
  auto trace = sim::simulate(net, sim::Schedule(), opts);
  if (!trace) {
    FAIL(llvm::toString(trace.takeError()));
  }
  return std::move(*trace);
}

/// Tight settings for closed-form comparisons.
inline sim::SolverOptions tight() {
  sim::SolverOptions o;
  o.relTol = 1e-10;
  o.absTol = 1e-14;
  return o;
}

} // namespace crnc::simtest

#endif
