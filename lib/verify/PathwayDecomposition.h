//===- PathwayDecomposition.h - pathway decomposition -----------*- C++ -*-===//
//
// Shin, Thachuk & Winfree 2019, "Verifying chemical reaction network
// implementations: a pathway decomposition approach" (Theor. Comp. Sci.
// 765). A CRN whose species are formal (named like the formal CRN's) or
// intermediate has a formal basis: the initial and final states of its prime
// (undecomposable) formal pathways. It exists when the CRN is tidy (every
// intermediate left by a semiformal pathway can be cleared without formal
// reactants) and regular (every prime formal pathway has a turning point).
// Two CRNs are pathway-decomposition equivalent when their formal bases
// agree, with waste species (that can never react with a non-waste) treated
// as formal and then read as nothing.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_PATHWAYDECOMPOSITION_H
#define CRNC_VERIFY_PATHWAYDECOMPOSITION_H

#include "lib/verify/CrnBisimulation.h"

namespace crnc::verify {

struct PathwayOptions {
  double timeLimitSeconds = 0; ///< 0: no limit
};

/// A formal basis: reactions between formal states, by species name.
using NamedReaction =
    std::pair<std::vector<std::string>, std::vector<std::string>>;

struct FormalBasisResult {
  Verdict verdict = Verdict::Unknown; ///< Correct: the basis exists
  std::vector<NamedReaction> basis;   ///< sorted, without trivial reactions
  std::optional<Counterexample> counterexample; ///< not tidy / not regular
};

/// The formal basis of `crn` whose formal species are `isFormal`; wastes
/// are found and treated as formal, and then dropped from the basis.
/// Requires: isFormal has one flag per species of `crn`.
FormalBasisResult formalBasis(const Crn &crn, std::vector<bool> isFormal,
                              const Deadline &deadline);

struct PathwayResult {
  Verdict verdict = Verdict::Unknown;
  std::vector<NamedReaction> implementationBasis;
  std::optional<Counterexample> counterexample;
  std::string unknownReason; ///< when unknown: the limit reached
};

/// Pathway-decomposition equivalence of `formal` and `implementation`, the
/// formal species being the formal CRN's used species (matched by name).
PathwayResult checkPathwayDecomposition(const Crn &formal,
                                        const Crn &implementation,
                                        const PathwayOptions &options);

} // namespace crnc::verify

#endif
