//===- ModularEnumerator.h - enumeration module by module -------*- C++ -*-===//
//
// Enumerates a design one module at a time (the fuels of one formal reaction
// with the signals they share domains with), reuses the result of a module
// identical up to renaming of domains, then checks crosstalk: a resting
// complex of one module that can bind one of another module with which it
// shares no module. Each such complex is pulled into the other's module and
// that module enumerated again, until no crosstalk is left; the union of the
// modules is then the network the whole-system enumeration gives (bimolecular
// reactions happen only between resting complexes, and every such pair lies
// in one module), at a cost that grows with the number of modules.
//
// It is not the fast path: enumerateDesign already visits each complex and
// each pair of resting complexes once, through an index of exposed domains,
// so its cost grows with the network, not with all pairs. Module by module
// pays more wherever modules are not closed: a signal belongs to every module
// it touches (its pairings are enumerated in each), and a module that gains a
// complex by crosstalk is enumerated again (on a random 100-reaction design
// 593,131 complexes over all module enumerations for a union of 127,129;
// ModularStats::moduleComplexes). Reuse up to renaming pays only where modules
// repeat without crosstalk (a 50-step cascade: 14 enumerations for 100
// modules), and even there renaming and merging cost more than they save
// (0.040 s against 0.014 s for the whole system). A module's result is kept
// for reuse as indices into the union (its complexes, which rest, its
// reactions), not as a copy: on examples/expert_aggregation.crn (839,503
// union complexes, 2,964,926 over all module enumerations) that took the
// compile from 3.97 GB to 2.81 GB.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_MODULARENUMERATOR_H
#define CRNC_ENUMERATE_MODULARENUMERATOR_H

#include "lib/enumerate/Enumerator.h"

namespace crnc::enumerate {

/// What the modular enumeration did.
/// Where a module-by-module enumeration reached a limit.
enum class ModularStop {
  None,   ///< it finished
  Module, ///< one module's own enumeration
  Union,  ///< the network over all modules
};

struct ModularStats {
  ModularStop stop = ModularStop::None;
  size_t modules = 0;
  size_t enumerated = 0; ///< module enumerations actually run
  size_t reused = 0;     ///< answered from a module identical up to renaming
  size_t rounds = 0;     ///< crosstalk checks
  /// Complexes pulled into another module because they can bind one of its
  /// resting complexes (signals passed between modules count too).
  size_t crosstalk = 0;
  /// Complexes over all module enumerations run (each module's signals and
  /// every re-enumeration after crosstalk count again): the work done,
  /// against the size of the union.
  size_t moduleComplexes = 0;
  /// The last crosstalk check that pulled any: complexes it pulled, and the
  /// exposed domain
  /// through which most of them could bind (kernel spelling, "t458"), with
  /// how many it carried and the first initial signal that has the domain
  /// (empty when none): where the union grows when modules are not closed.
  size_t lastRoundPulled = 0;
  std::string topCrosstalkDomain;
  size_t topCrosstalkCount = 0;
  std::string topCrosstalkSignal;
};

/// The modules of a design: initial complexes (concentration absent or
/// non-zero) that are not signals, grouped when they share a domain that no
/// signal carries, each with the signals that share a domain with it.
std::vector<std::vector<dna::ComplexIndex>>
inferModules(const dna::Design &design);

/// Same result as enumerateDesign (complexes, detailed reactions, resting
/// macrostates, condensed reactions; complex ids and new names may differ),
/// computed module by module. The count limits apply to each module, and to
/// the union unless options.maxUnionComplexCount bounds it instead. A limit
/// reached after a crosstalk round names, in its message, the domain that
/// carried most of that round's crosstalk and the signal that has it.
llvm::Expected<EnumeratedSystem>
enumerateByModule(const dna::Design &design, const EnumerateOptions &options,
                  ModularStats *stats = nullptr);

} // namespace crnc::enumerate

#endif
