//===- Enumerator.h - domain-level reaction enumeration ---------*- C++ -*-===//
//
// The public face of lib/enumerate: from a domain-level design (its named
// complexes and their concentrations) to the detailed reaction network, the
// resting macrostates and the condensed network between them, with
// Peppercorn's semantics (Badelt et al. 2020; Grun et al. 2014): unimolecular
// reactions are fast, bimolecular ones slow; only resting complexes (strongly
// connected components of the fast graph with no fast exit) take part in
// slow reactions; condensed rates come from each macrostate's stationary
// distribution and the exit probabilities of transient components.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_ENUMERATOR_H
#define CRNC_ENUMERATE_ENUMERATOR_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Moves.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::enumerate {

/// Semantics and limits. Defaults: Peppercorn's limits with Nuskell's
/// release cutoff (7 nt).
struct EnumerateOptions {
  /// Strands. A binding whose product would be larger is an error naming
  /// the limit, both reactants and the product, unless dropOversized.
  unsigned maxComplexSize = 10;
  /// Ignore (count in ignoredBySize) bindings whose product would exceed
  /// maxComplexSize instead, as Peppercorn does; for comparisons with it.
  bool dropOversized = false;
  size_t maxComplexCount = 10000;  ///< complexes; more is an error
  size_t maxReactionCount = 50000; ///< detailed reactions; more is an error
  unsigned releaseCutoff = 7;      ///< longest helix (nt) that opens
  /// Unimolecular reactions slower than kSlow (/s) are ignored; those in
  /// [kSlow, kFast) are slow (only resting complexes take them); the rest
  /// are fast. 0 and 0: every unimolecular reaction is fast. A positive
  /// kSlow replaces releaseCutoff by the shortest helix whose opening rate
  /// is below kSlow (as Peppercorn does).
  double kSlow = 0;
  double kFast = 0;
  bool maxHelix = true;
  bool rejectRemote = false; ///< forbid remote-toehold branch migration
  double dGbp = -1.7;        ///< kcal/mol per base pair (opening rates)
  /// Reproduce Peppercorn 1.1's condensed rates, for comparisons: it counts
  /// a transient complex's fate once per combination of product fates that
  /// sums to it, and sums every detailed reaction of a reactant macrostate's
  /// complexes that can end in the products, whatever its other reactants.
  bool peppercornRates = false;
  /// Threads that compute reactions (0: one per core). The result, names
  /// and order included, does not depend on it.
  unsigned threads = 1;
  /// The flags that set the two count limits, named by their errors.
  std::string complexCountFlag = "--max-complex-count";
  std::string reactionCountFlag = "--max-reaction-count";
  /// enumerateByModule only: most complexes in the union of the modules,
  /// named by `unionComplexCountFlag` (0: maxComplexCount and
  /// maxReactionCount bound the union as they bound each module).
  size_t maxUnionComplexCount = 0;
  std::string unionComplexCountFlag;
};

using ComplexId = uint32_t;
using MacrostateId = uint32_t;

struct EnumeratedComplex {
  std::string name;
  dna::Complex complex; ///< canonical rotation
  /// Index of the named complex in the input design, when it is one.
  std::optional<dna::ComplexIndex> input;
  /// The input's role (fuel, signal, ... as named in the PIL); complexes the
  /// enumerator found are intermediates.
  dna::ComplexRole role = dna::ComplexRole::Intermediate;
  bool resting = false;
  std::optional<MacrostateId> macrostate; ///< set for resting complexes
};

struct DetailedReaction {
  ReactionKind kind;
  std::vector<ComplexId> reactants, products; ///< sorted by id
  double rate = 0; ///< /s (one reactant) or /M/s (two)
  bool fast = false;
};

struct RestingMacrostate {
  std::string name; ///< its representative complex's name
  std::vector<ComplexId> complexes;
  std::vector<double> stationary; ///< probability of each complex
};

struct CondensedReaction {
  std::vector<MacrostateId> reactants, products; ///< sorted by id
  double rate = 0; ///< /s (one reactant) or /M/s (two)
};

/// The enumerated system. Complex ids index `complexes`; macrostate ids
/// index `macrostates`. Every list is in a deterministic order.
struct EnumeratedSystem {
  std::vector<EnumeratedComplex> complexes;
  std::vector<DetailedReaction> reactions;
  std::vector<RestingMacrostate> macrostates;
  std::vector<CondensedReaction> condensed;
  /// Bimolecular reactions dropped (options.dropOversized) because a product
  /// would exceed maxComplexSize, with the first such product.
  size_t ignoredBySize = 0;
  std::optional<dna::Complex> firstIgnored;

  size_t restingCount() const;
};

/// Enumerates the reactions of the design's complexes that have no
/// concentration or a non-zero one, then condenses the network.
/// Guarantees: every complex named in the design keeps its name; new
/// complexes are named e1, e2, ... in order of discovery (skipping taken
/// names). Returns an error naming the limit and the complex being expanded
/// when maxComplexCount or maxReactionCount is exceeded, and naming the
/// limit, the two reactants and the product when a binding would exceed
/// maxComplexSize (unless options.dropOversized).
llvm::Expected<EnumeratedSystem>
enumerateDesign(const dna::Design &design, const EnumerateOptions &options);

/// The detailed network only (no macrostates or condensed reactions).
llvm::Expected<EnumeratedSystem>
enumerateDetailed(const dna::Design &design, const EnumerateOptions &options);

/// Computes resting macrostates and condensed reactions of `system` from its
/// complexes and detailed reactions (fills `macrostates`, `condensed` and
/// each complex's `macrostate`). Called by enumerateDesign.
void condense(EnumeratedSystem &system, bool peppercornRates = false);

} // namespace crnc::enumerate

#endif
