//===- FromEnumeration.h - implementation CRN of an enumerated design -*- C++
//-*-===//
//
// The adapter from lib/enumerate to this library (README, "Feeding it an
// enumerated design"): the condensed network of an enumerated DSD design as
// the implementation CRN that CRN bisimulation and pathway decomposition
// check against the formal CRN.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_FROMENUMERATION_H
#define CRNC_VERIFY_FROMENUMERATION_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

/// The implementation CRN, the fuels removed from it and the partial
/// interpretation its names imply.
struct EnumeratedImplementation {
  Crn crn;
  std::vector<SpeciesIndex> fuels; ///< macrostates holding a fuel complex
  Interpretation partial;          ///< interpretationFromNames after removal
};

/// Requires: `system` is `design` enumerated and condensed (enumerateDesign);
/// `formal` is the formal CRN the design implements (its species names are
/// the signals' names).
/// Guarantees: species i is macrostate i, named after its representative
/// complex; its initial amount is the sum of the design concentrations of
/// its input complexes, in `unit`; it is constant (a fuel) when one of its
/// complexes has role Fuel or is an input complex held constant (a constant
/// formal species such as the lowering's `G` in `A + G -> B`). One reaction per
/// condensed reaction, reactants and products sorted, rate converted from /M/s
/// (bimolecular) or /s to `unit` and seconds. The fuels are then removed
/// (removeSpecies) and `partial` is interpretationFromNames(crn, formal): a
/// signal macrostate named like a formal species, or `X_<n>_`, stands for it;
/// the rest is left to the search.
EnumeratedImplementation
implementationFromEnumeration(const enumerate::EnumeratedSystem &system,
                              const dna::Design &design, const Crn &formal,
                              ConcUnit unit);

} // namespace crnc::verify

#endif
