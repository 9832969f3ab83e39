//===- ModularBisimulation.h - CRN bisimulation module by module -*- C++
//-*-===//
//
// Johnson, Dong & Winfree 2019, section 3.3 (modularity condition and its
// theorem): if the implementation CRN splits into modules I_1..I_n that
// share only "common" species, each I_i is a CRN bisimulation of some formal
// reactions F_i under interpretations that agree on the common species, the
// F_i together are the whole formal CRN, and each I_i meets the modularity
// condition, then the union of the interpretations is a CRN bisimulation of
// the whole. With n modules the condition is checked pairwise, which is what
// the permissive condition of the union needs: every species x of I_i that
// holds a formal species consumed by some F_k (k != i) can turn, by trivial
// reactions of I_i alone, into species of I_k and species holding nothing
// F_k consumes. Each module is searched alone, so the cost grows with the
// number of formal reactions, not exponentially with it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_MODULARBISIMULATION_H
#define CRNC_VERIFY_MODULARBISIMULATION_H

#include "lib/verify/CrnBisimulation.h"

namespace crnc::verify {

/// One implementation module: reactions linked through species the partial
/// interpretation leaves open (intermediates, wastes), with the formal
/// reactions it was checked against.
struct ImplementationModule {
  std::vector<size_t> reactions; ///< indices into the implementation CRN
  /// Formal reactions whose species all occur in the module's interpreted
  /// species: the candidates for F_i.
  std::vector<size_t> candidates;
  std::vector<size_t> implemented; ///< F_i, when a bisimulation was found
  Verdict verdict = Verdict::Unknown;
  std::optional<Counterexample> counterexample; ///< when no F_i works
};

struct ModularResult {
  /// Correct: proven by the theorem. Otherwise Unknown, never Incorrect:
  /// a module without a bisimulation (`brokenModule`), a formal reaction no
  /// module implements, the modularity condition not shown, or the time
  /// limit; the monolithic search decides those systems.
  Verdict verdict = Verdict::Unknown;
  Interpretation interpretation; ///< the union, when correct
  std::vector<ImplementationModule> modules;
  std::optional<size_t> brokenModule; ///< first module without a bisimulation
  std::optional<Counterexample> counterexample;
  std::string reason; ///< why it is not correct, one sentence
  /// Reactions between gate modules (checkGateModularBisimulation only).
  std::vector<size_t> crosstalk;
};

/// Splits `implementation` into modules: two reactions are in one module
/// when they share a species that `partial` leaves uninterpreted. Modules
/// are ordered by their first reaction.
std::vector<ImplementationModule> splitModules(const Crn &implementation,
                                               const Interpretation &partial);

/// Requires: fuels removed from both CRNs; `options.partial` interprets the
/// species shared between modules (the signals, e.g. from names).
/// Guarantees: Correct only with a complete interpretation that satisfies
/// the theorem's premises (each module checked by checkCrnBisimulation
/// against the largest subset of its candidates that works, the modularity
/// condition by a bounded search over trivial reactions).
ModularResult checkModularBisimulation(const Crn &formal,
                                       const Crn &implementation,
                                       const BisimulationOptions &options);

/// How the interpretation is searched for: module by module first (Modular;
/// Auto when the partial interpretation splits the implementation into two
/// or more modules), then, when that proves nothing, over the whole system
/// (Monolithic).
enum class BisimulationStrategy { Auto, Modular, Monolithic };

/// Above this many reactions a system the modular check proved nothing of is
/// not searched as a whole: that search only spends the time limit (a
/// random 20-reaction design, 1,733 reactions, does not finish in 30 s).
constexpr size_t MaxWholeSystemReactions = 1000;

struct StrategyResult {
  BisimulationResult bisimulation;      ///< the verdict on the whole system
  std::optional<ModularResult> modular; ///< set when it was tried
  /// False when the modular check proved nothing and the system was too
  /// large to search as a whole (MaxWholeSystemReactions).
  bool wholeSearched = true;
};

/// With `gateModule` (FromEnumeration's gateModules of an enumerated
/// design) the modules are the design's gate modules and the reactions
/// between them (GateModules.h); without it, the reactions joined by open
/// species.
/// Guarantees: the verdict is the modular check's when it is Correct,
/// otherwise checkCrnBisimulation's within the time left.
StrategyResult checkCrnBisimulation(const Crn &formal,
                                    const Crn &implementation,
                                    const BisimulationOptions &options,
                                    BisimulationStrategy strategy,
                                    llvm::ArrayRef<int32_t> gateModule = {});

} // namespace crnc::verify

#endif
