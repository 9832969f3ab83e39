//===- GateModules.h - modular CRN bisimulation over gate modules -*- C++
//-*-===//
//
// Modular CRN bisimulation (Johnson, Dong & Winfree 2019, section 3.3) with
// the modules a DSD design was built from: the implementation reactions of
// each formal reaction's gates (FromEnumeration's gateModules), and apart
// from them the crosstalk reactions, whose species come from the gates of
// different formal reactions (a strand one gate releases that displaces a
// signal bound to another gate). Splitting by shared intermediates instead
// joins every gate such a reaction touches into one module whose search is
// exponential; here each gate module is searched alone and the crosstalk is
// checked against the union of their interpretations.
//
// Why the verdict is sound. For an interpretation m of every species, m is
// a CRN bisimulation when it is atomic, delimiting and permissive. Atomic
// and delimiting are checked over the whole system. Permissive: for a
// formal reaction r implemented by module k, take any state S with m(S) >=
// the reactants of r. Every species of S outside module k that holds a
// formal species F_k consumes turns, by trivial reactions from itself alone
// (checked for every such species: the modularity condition, over the whole
// system's trivial reactions), into species of module k and species holding
// nothing F_k consumes; what module k's species then hold covers the
// reactants of r, and module k alone is permissive for r (its local
// search). Adding reactions never removes a pathway, so the crosstalk
// reactions need only be delimiting.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_GATEMODULES_H
#define CRNC_VERIFY_GATEMODULES_H

#include "lib/verify/ModularBisimulation.h"

namespace crnc::verify {

/// The split: one module per design module that has reactions (its
/// reactions are those whose open species all belong to it), and the
/// crosstalk reactions (open species of two modules, or species holding
/// strands of several; reactions with no open species).
struct GateSplit {
  std::vector<ImplementationModule> modules;
  std::vector<size_t> crosstalk; ///< reaction indices
  /// Open species of no module: interpreted from the crosstalk reactions.
  std::vector<SpeciesIndex> crosstalkSpecies;
};

/// Requires: `gateModule` has one entry per implementation species
/// (FromEnumeration's gateModules); `partial` fixes the signals.
GateSplit splitByGates(const Crn &implementation, const Interpretation &partial,
                       llvm::ArrayRef<int32_t> gateModule);

/// Requires: fuels removed from both CRNs; `options.partial` interprets the
/// signals; `gateModule` as splitByGates.
/// Guarantees: Correct only with an interpretation of every species that is
/// atomic and delimiting over the whole system, each formal reaction
/// implemented by a module that alone is a CRN bisimulation of it, and the
/// modularity condition shown for every species (see the file comment);
/// otherwise Unknown with the reason (never Incorrect).
ModularResult checkGateModularBisimulation(const Crn &formal,
                                           const Crn &implementation,
                                           const BisimulationOptions &options,
                                           llvm::ArrayRef<int32_t> gateModule);

/// Requires: `gateModule` as splitByGates; `moduleEquations[k]` is design
/// module k's formal reaction.
/// Guarantees: none when no reaction has reactants of two different gate
/// modules; otherwise one sentence: how many reactions do, and the first of
/// them with the formal reactions whose gates it joins (a strand one gate
/// releases entering another's gate, which no modular argument covers).
std::optional<std::string>
describeGateCrosstalk(const Crn &implementation,
                      llvm::ArrayRef<int32_t> gateModule,
                      llvm::ArrayRef<std::string> moduleEquations);

} // namespace crnc::verify

#endif
