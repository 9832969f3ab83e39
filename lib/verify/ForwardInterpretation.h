//===- ForwardInterpretation.h - species read as what they release -*- C++ -*-//
//
// A hint for the search of a CRN bisimulation (Johnson, Dong & Winfree
// 2019): an intermediate that can only fall apart, by one unimolecular
// reaction, into species whose meaning is known stands for what it releases
// (a strand-displacement gate's output strand stands for the products it
// will set free); one that turns reversibly into a known species stands for
// it (a signal bound to a gate). A species that no reaction consumes stands
// for nothing.
// Of the interpretations that make a module a bisimulation, this is the one
// that commits to a formal reaction as early as possible, which is what the
// modularity condition asks of a module's intermediates: they must reach,
// by trivial reactions, the signals other modules consume. The hint is only
// a starting point: whatever it leads to is checked in full.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_FORWARDINTERPRETATION_H
#define CRNC_VERIFY_FORWARDINTERPRETATION_H

#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

/// Extends `partial` (indexed by the species of `crn`), to a fixpoint, with:
///  - m(x) = m(y) when `reactions` hold both x -> y and y -> x and y is
///    interpreted (a reactant bound to its gate, not yet committed);
///  - m(x) = the sum of m over the products of r, when r is the only
///    reaction of `reactions` that consumes x, r's reactants are exactly
///    {x}, and every product of r is interpreted;
///  - m(x) = {} when no reaction of `reactions` consumes x.
/// Guarantees: species `partial` interprets keep their interpretation; only
/// species occurring in `reactions` (indices into crn.reactions) are set.
Interpretation forwardInterpretation(const Crn &crn,
                                     llvm::ArrayRef<size_t> reactions,
                                     const Interpretation &partial);

} // namespace crnc::verify

#endif
