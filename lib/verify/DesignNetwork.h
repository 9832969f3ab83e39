//===- DesignNetwork.h - the CRN of a domain-level design -------*- C++ -*-===//
//
// A design read from PIL with domain-level reactions (Peppercorn's output,
// `crnc enumerate`) as an ir::Module: one species per complex, one reaction
// per domain-level reaction, rates converted to the design's unit and
// seconds. `crnc simulate system.pil` simulates it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_DESIGNNETWORK_H
#define CRNC_VERIFY_DESIGNNETWORK_H

#include "ir/Module.h"
#include "lib/dna/Design.h"
#include "lib/support/Diagnostics.h"
#include <memory>

namespace crnc::verify {

/// Requires: every reactant and product of `design.reactions` names one of
/// its complexes (the PIL reader guarantees it).
/// Guarantees: species in complex order with their concentrations (0 when
/// unset) and constancy; reactions in order, each at the complex's location.
/// A design without reactions is an error at `file` line 1; a rate without
/// units matching its order (/M/s, /nM/min, /s) an error at the reaction.
/// Both return null.
std::unique_ptr<ir::Module> moduleFromDesign(const dna::Design &design,
                                             llvm::StringRef name,
                                             llvm::StringRef file,
                                             DiagnosticEngine &diags);

} // namespace crnc::verify

#endif
