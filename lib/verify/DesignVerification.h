//===- DesignVerification.h - a design made elsewhere, ready to check -*- C++
//-*-===//
//
// What `crnc verify --formal f.crn --pil design.pil` checks (as
// `nuskell --readpil` does): a domain-level design read from PIL (Nuskell's
// `_sys.pil` or crnc's own) is enumerated with Peppercorn's semantics, its
// signal variants that differ only in history domains are named after their
// signal (`X_<n>_`, as Nuskell names them), and the condensed network becomes
// the implementation CRN (FromEnumeration.h) against the formal CRN.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_DESIGNVERIFICATION_H
#define CRNC_VERIFY_DESIGNVERIFICATION_H

#include "lib/verify/FromEnumeration.h"

namespace crnc::verify {

struct DesignImplementation {
  Crn formal; ///< the formal CRN with its fuels removed
  EnumeratedImplementation implementation;
  std::vector<std::string> formalFuels; ///< formal species removed as fuels
  std::vector<std::string> variants;    ///< "C_1_ = d13 t7 d8 t9"-style names
  /// One line: complexes, resting macrostates, condensed reactions.
  std::string enumerated;
  /// Set when the enumeration stopped at a limit (the message names it);
  /// then `implementation` is empty and no verdict can be given.
  std::string enumerationStopped;
};

/// Whether `c` is `signal` up to history domains: the same strands and pairs
/// (up to rotation), each domain equal to the signal's or in the place of
/// one of its history domains.
bool isHistoryVariant(const dna::Complex &c, const dna::Complex &signal,
                      const dna::DomainTable &domains);

/// Renames each resting macrostate whose representative complex is not a
/// design complex but a history variant of a signal `X` to `X_<n>_`
/// (n = 1, 2, ... per signal, in macrostate order; a name already taken is
/// skipped). Returns the new names.
std::vector<std::string> nameHistoryVariants(enumerate::EnumeratedSystem &sys,
                                             const dna::Design &design);

/// Removes from `formal` its constant species and the formal species the
/// implementation holds as fuels (as `crnc verify --fuels` does); returns
/// their names.
std::vector<std::string>
removeFormalFuels(Crn &formal, const Crn &implementation,
                  llvm::ArrayRef<SpeciesIndex> implementationFuels);

/// Requires: `formal` is the formal CRN as read (fuels not removed); the
/// design's signals are named after formal species.
/// Guarantees: every signal is enumerated (a signal at concentration 0 is
/// treated as one without a concentration, as Nuskell does); the
/// implementation's rates and amounts are in `unit` (the design's unit when
/// `unit` is None); a limit reached sets `enumerationStopped` and is not an
/// error.
DesignImplementation
implementationFromDesign(dna::Design design, Crn formal, ConcUnit unit,
                         const enumerate::EnumerateOptions &limits);

} // namespace crnc::verify

#endif
