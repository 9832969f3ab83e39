//===- VerifyReportLines.h - verify's lines after verdicts ----*- C++ -*-===//
//
// The lines `crnc verify` prints after its verdict lines: counterexamples,
// the modular search, the fuels removed, the wastes and the interpretation.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYREPORTLINES_H
#define CRNC_DRIVER_VERIFYREPORTLINES_H

#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/ModularBisimulation.h"
#include <string>
#include <utility>
#include <vector>

namespace crnc::driver {

/// A counterexample and the check (or module) it belongs to.
using NamedCounterexample = std::pair<std::string, verify::Counterexample>;

/// One line on the modular search (printed after the counterexamples); a
/// broken module's counterexample joins `problems`.
std::string describeModular(const verify::ModularResult &m,
                            std::vector<NamedCounterexample> &problems);

/// Prints, on stdout, the counterexamples, `modularLine`, the fuels removed,
/// the wastes and (indented, when not empty) `interpretationText`, each
/// list with its size and at most `limit` names or lines (0: all).
void printVerifyDetails(llvm::ArrayRef<NamedCounterexample> problems,
                        llvm::StringRef modularLine,
                        llvm::ArrayRef<std::string> fuels,
                        llvm::ArrayRef<std::string> wastes,
                        llvm::StringRef interpretationText, size_t limit);

} // namespace crnc::driver

#endif
