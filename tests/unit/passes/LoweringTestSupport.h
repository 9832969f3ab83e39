// Shared helpers of the lowering equivalence tests: parse, run a pipeline,
// simulate with lib/sim, and compare tracked species (recombining dual-rail
// pairs and undoing map-rates' time and concentration scales).
#ifndef CRNC_TESTS_UNIT_PASSES_LOWERINGTESTSUPPORT_H
#define CRNC_TESTS_UNIT_PASSES_LOWERINGTESTSUPPORT_H

#include "ir/Module.h"
#include "lib/sim/Simulator.h"
#include <memory>
#include <string>
#include <vector>

namespace crnc::test {

std::unique_ptr<ir::Module> parseIR(llvm::StringRef text);
/// A copy of `module` after `pipeline` (verify-each on); fails the test on
/// any error.
std::unique_ptr<ir::Module> lower(const ir::Module &module,
                                  llvm::StringRef pipeline);
/// Simulates `module` at `times` under `schedule` (tight tolerances).
sim::Trace simulateAt(const ir::Module &module,
                      const std::vector<double> &times,
                      const sim::Schedule &schedule = {},
                      std::vector<bool> initialPhases = {});
/// Evenly spaced times 0, tEnd/n, ..., tEnd.
std::vector<double> grid(double tEnd, unsigned n);
/// A numeric module attribute (0 when absent).
double attrNumber(const ir::Module &module, llvm::StringRef key);
/// The value of original species `name` in row `row` of a trace of a lowered
/// module: the species itself, or X_p - X_n when it was dual-railed.
double tracked(const sim::Trace &trace, size_t row, llvm::StringRef name);
/// max over rows and `names` of |orig - lowered / concScale|, divided by
/// max(1e-12, max |orig|): a relative deviation.
double relativeDeviation(const sim::Trace &original, const sim::Trace &lowered,
                         const std::vector<std::string> &names,
                         double concScale = 1);

} // namespace crnc::test

#endif
