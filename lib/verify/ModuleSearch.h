//===- ModuleSearch.h - one implementation module searched alone -*- C++
//-*-===//
//
// What the modular checks (ModularBisimulation.h, GateModules.h) share:
// an implementation module cut out of the whole CRN as a small CRN of its
// own, searched for a CRN bisimulation (Johnson, Dong & Winfree 2019)
// against the largest set of the formal reactions over its signals that
// has one, and the interpretation written back into the whole system's.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_MODULESEARCH_H
#define CRNC_VERIFY_MODULESEARCH_H

#include "lib/verify/ModularBisimulation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <chrono>

namespace crnc::verify {

using Clock = std::chrono::steady_clock;

/// Species of `reactions` in `crn`, ascending.
std::vector<SpeciesIndex> speciesOf(const Crn &crn,
                                    llvm::ArrayRef<size_t> reactions);

/// Formal species that the module's interpreted species stand for.
std::vector<SpeciesIndex> touchedFormal(const Crn &impl,
                                        const ImplementationModule &module,
                                        const Interpretation &partial);

/// Formal reactions whose species all lie in `touched` (ascending).
std::vector<size_t> candidatesOf(const Crn &formal,
                                 llvm::ArrayRef<SpeciesIndex> touched);

/// The bounded search of both modularity conditions (Johnson, Dong &
/// Winfree 2019): breadth-first over the states reached from {x} by the
/// reactions `candidates(state)` lists (those whose reactants the state
/// holds fire), true at the first state whose every species is `done`,
/// false when none is; none when the bounds (4,096 states, 16 species in a
/// state) came first.
std::optional<bool> resolvesByTrivialReactions(
    const Crn &impl, SpeciesIndex x,
    llvm::function_ref<std::vector<size_t>(const Multiset &)> candidates,
    llvm::function_ref<bool(SpeciesIndex)> done);

/// Seconds left of `limit` since `start` (0: no limit; negative: none left).
double secondsLeft(double limit, Clock::time_point start);

/// Requires: module.candidates set; `partial` fixes the signals.
/// Searched first from ForwardInterpretation.h's hint, then from `partial`.
/// Guarantees: module.verdict Correct with module.implemented the largest
/// subset of the candidates (all subsets up to 6 candidates, otherwise all
/// or none) that the module alone is a CRN bisimulation of, and the
/// module's species interpreted in `global`; Incorrect when no subset has
/// one (module.counterexample); Unknown when the time ran out.
void searchModule(const Crn &formal, const Crn &impl,
                  const Interpretation &partial, ImplementationModule &module,
                  double limit, Clock::time_point start,
                  Interpretation &global);

/// searchModule on every module of result.modules, in order, then checks
/// that together they implement every formal reaction.
/// Guarantees: true when every module is Correct and covers its share;
/// otherwise false with result.reason (for an Incorrect module also
/// result.brokenModule and result.counterexample; `name(i)` names module i
/// in that reason). Stops at the first module that is not Correct.
bool searchEveryModule(const Crn &formal, const Crn &impl,
                       const Interpretation &partial, ModularResult &result,
                       double limit, Clock::time_point start,
                       llvm::function_ref<std::string(size_t)> name);

/// Searches the module again, against module.implemented, for a
/// bisimulation that `accept` takes (called with `global` holding it),
/// within `limit` seconds since `start`.
/// Guarantees: true with it in `global`; false otherwise, `global` then
/// holding the last local bisimulation tried (still one of the module).
bool searchAccepted(const Crn &formal, const Crn &impl,
                    const Interpretation &partial,
                    const ImplementationModule &module,
                    const AcceptInterpretation &accept, double limit,
                    Clock::time_point start, Interpretation &global);

} // namespace crnc::verify

#endif
