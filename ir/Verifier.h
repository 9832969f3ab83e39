//===- Verifier.h - generic invariants of a Module --------------*- C++ -*-===//
//
// ir::verify checks what every Module must satisfy, whatever stage it is at:
// unique non-empty species names, in-range species and phase references,
// positive stoichiometries, finite non-negative rates, finite initial values
// (non-negative unless the species is signed). Stage-specific legality (for
// example "every reaction is at most bimolecular") is checked by
// verifyLegality with the constraints a stage asks for.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_VERIFIER_H
#define CRNC_IR_VERIFIER_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/LogicalResult.h"
#include <optional>

namespace crnc::ir {

/// Reports every violated generic invariant; fails if there was one.
LogicalResult verify(const Module &module, DiagnosticEngine &diags);

/// Constraints a backend or the end of the lowering pipeline demands.
struct LegalityConstraints {
  unsigned maxReactants = 2; ///< molecularity of each direction
  unsigned maxProducts = UINT32_MAX;
  bool allowSigned = false;      ///< signed species must be dual-railed
  bool allowPhases = true;       ///< phases must be gated chemically if false
  std::optional<double> minRate; ///< smallest realisable non-zero rate
  std::optional<double> maxRate; ///< e.g. q_max for bimolecular DSD steps
};

/// Reports each reaction or species that breaks `constraints`.
LogicalResult verifyLegality(const Module &module,
                             const LegalityConstraints &constraints,
                             DiagnosticEngine &diags);

} // namespace crnc::ir

#endif
