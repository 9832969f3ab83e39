//===- InitialOverrides.h - initial values set from text --------*- C++ -*-===//
//
// `crnc simulate --init A=10nM,B=5nM`: a list of species and concentrations
// (no unit: the model's) that replaces initial values of a compiled network.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_INITIALOVERRIDES_H
#define CRNC_SIM_INITIALOVERRIDES_H

#include "lib/sim/CompiledNetwork.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::sim {

/// Applies `list` ("A=10nM,B=5") to `state` (one value per species of `net`,
/// in the network's unit).
/// Guarantees: on success returns nullopt and has set every listed species;
/// on bad input returns the message (naming `--init` and what was written)
/// and `state` may hold the items before the bad one.
std::optional<std::string> applyInitialOverrides(const CompiledNetwork &net,
                                                 llvm::StringRef list,
                                                 std::vector<double> &state);

} // namespace crnc::sim

#endif
