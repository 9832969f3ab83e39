//===- ModuleSearch.cpp - one implementation module searched alone --------===//

#include "lib/verify/ModuleSearch.h"
#include "lib/verify/ForwardInterpretation.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <deque>
#include <numeric>
#include <unordered_set>

using namespace crnc;
using namespace crnc::verify;

constexpr size_t MaxCandidatesForSubsets = 6;

std::vector<SpeciesIndex> verify::speciesOf(const Crn &crn,
                                            llvm::ArrayRef<size_t> reactions) {
  std::vector<SpeciesIndex> out;
  for (size_t r : reactions) {
    out.insert(out.end(), crn.reactions[r].reactants.begin(),
               crn.reactions[r].reactants.end());
    out.insert(out.end(), crn.reactions[r].products.begin(),
               crn.reactions[r].products.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Formal species that the module's interpreted species stand for.
std::vector<SpeciesIndex>
verify::touchedFormal(const Crn &impl, const ImplementationModule &module,
                      const Interpretation &partial) {
  std::vector<SpeciesIndex> out;
  for (SpeciesIndex s : speciesOf(impl, module.reactions))
    if (partial[s])
      out.insert(out.end(), partial[s]->begin(), partial[s]->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {
/// `crn` cut down to `species` (ascending) and `reactions`, renumbered.
Crn restrict(const Crn &crn, llvm::ArrayRef<SpeciesIndex> species,
             llvm::ArrayRef<size_t> reactions,
             llvm::DenseMap<SpeciesIndex, SpeciesIndex> &localOf) {
  Crn out;
  for (SpeciesIndex s : species) {
    localOf[s] = out.getOrAddSpecies(crn.speciesNames[s]);
    out.initial.push_back(crn.initial.empty() ? 0 : crn.initial[s]);
    out.constant.push_back(crn.constant.empty() ? false : crn.constant[s]);
  }
  for (size_t r : reactions) {
    CrnReaction local = crn.reactions[r];
    for (SpeciesIndex &s : local.reactants)
      s = localOf.lookup(s);
    for (SpeciesIndex &s : local.products)
      s = localOf.lookup(s);
    out.reactions.push_back(std::move(local));
  }
  return out;
}

/// One module checked against one subset of its candidates; on success the
/// module's species get their interpretation in `global`. With `accept`,
/// only an interpretation that `accept` takes (with the module's species
/// written into `global`) counts.
BisimulationResult checkSubset(const Crn &formal, const Crn &impl,
                               const Interpretation &partial,
                               const ImplementationModule &module,
                               llvm::ArrayRef<SpeciesIndex> touched,
                               llvm::ArrayRef<size_t> subset, double seconds,
                               Interpretation &global,
                               const AcceptInterpretation &accept = nullptr) {
  llvm::DenseMap<SpeciesIndex, SpeciesIndex> formalLocal, implLocal;
  std::vector<SpeciesIndex> implSpecies = speciesOf(impl, module.reactions);
  Crn localFormal = restrict(formal, touched, subset, formalLocal);
  Crn localImpl = restrict(impl, implSpecies, module.reactions, implLocal);
  Interpretation localPartial(localImpl.speciesCount());
  for (SpeciesIndex s : implSpecies)
    if (partial[s]) {
      Multiset m;
      for (SpeciesIndex f : *partial[s])
        m.push_back(formalLocal.lookup(f));
      canonicalize(m);
      localPartial[implLocal.lookup(s)] = m;
    }
  auto writeBack = [&](const Interpretation &local) {
    for (SpeciesIndex s : implSpecies) {
      Multiset m;
      for (SpeciesIndex f : *local[implLocal.lookup(s)])
        m.push_back(touched[f]);
      canonicalize(m);
      global[s] = m;
    }
  };
  AcceptInterpretation acceptLocal;
  if (accept)
    acceptLocal = [&](const Interpretation &local) {
      writeBack(local);
      return accept(global);
    };
  BisimulationResult r = checkCrnBisimulation(
      localFormal, localImpl, {localPartial, seconds}, acceptLocal);
  if (r.verdict == Verdict::Correct)
    writeBack(r.interpretation);
  return r;
}

/// Subsets of `n` candidates, largest first (all of them when n is small,
/// otherwise the whole set and the empty one).
std::vector<std::vector<size_t>> subsetsOf(llvm::ArrayRef<size_t> candidates) {
  std::vector<std::vector<size_t>> out;
  if (candidates.size() > MaxCandidatesForSubsets)
    return {candidates.vec(), {}};
  std::vector<unsigned> masks((1u << candidates.size()));
  std::iota(masks.begin(), masks.end(), 0u);
  std::stable_sort(masks.begin(), masks.end(), [](unsigned a, unsigned b) {
    return __builtin_popcount(a) > __builtin_popcount(b);
  });
  for (unsigned mask : masks) {
    std::vector<size_t> subset;
    for (size_t i = 0; i < candidates.size(); ++i)
      if (mask & (1u << i))
        subset.push_back(candidates[i]);
    out.push_back(std::move(subset));
  }
  return out;
}

} // namespace

/// Seconds left of `limit` since `start` (0: no limit; negative: none left).
double verify::secondsLeft(double limit, Clock::time_point start) {
  if (limit <= 0)
    return 0;
  double left = limit - std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - start)
                            .count();
  return left > 0 ? left : -1;
}

/// Searches the module's F_i (step 2); fills `global` for its species.
/// Two passes over the subsets: from the intermediates read as what they
/// release (ForwardInterpretation.h: a strand-displacement module's usual
/// bisimulation, found without search), then from `partial` alone (the
/// complete search, for modules the hint does not fit). A subset that fails
/// the first pass is only ruled out by the second.
void verify::searchModule(const Crn &formal, const Crn &impl,
                          const Interpretation &partial,
                          ImplementationModule &module, double limit,
                          Clock::time_point start, Interpretation &global) {
  std::vector<SpeciesIndex> touched = touchedFormal(impl, module, partial);
  Interpretation forward =
      forwardInterpretation(impl, module.reactions, partial);
  const Interpretation *passes[] = {&forward, &partial};
  for (const Interpretation *from : passes)
    for (const std::vector<size_t> &subset : subsetsOf(module.candidates)) {
      double seconds = secondsLeft(limit, start);
      if (seconds < 0) {
        module.verdict = Verdict::Unknown;
        return;
      }
      BisimulationResult r = checkSubset(formal, impl, *from, module, touched,
                                         subset, seconds, global);
      if (r.verdict == Verdict::Correct) {
        module.verdict = Verdict::Correct;
        module.implemented = subset;
        return;
      }
      if (from == &forward)
        continue;
      if (r.verdict == Verdict::Unknown) {
        module.verdict = Verdict::Unknown;
        return;
      }
      if (!module.counterexample && r.counterexample)
        module.counterexample = r.counterexample;
    }
  module.verdict = Verdict::Incorrect;
}

/// Searches module i again, against the formal reactions it was found to
/// implement, for an interpretation that `accept` takes: first from the
/// intermediates read as what they release (ForwardInterpretation.h, the
/// early commitment the modularity condition favours), then from `partial`.
bool verify::searchAccepted(const Crn &formal, const Crn &impl,
                            const Interpretation &partial,
                            const ImplementationModule &module,
                            const AcceptInterpretation &accept, double limit,
                            Clock::time_point start, Interpretation &global) {
  std::vector<SpeciesIndex> touched = touchedFormal(impl, module, partial);
  Interpretation forward =
      forwardInterpretation(impl, module.reactions, partial);
  const Interpretation *starts[] = {&forward, &partial};
  for (const Interpretation *from : starts) {
    double seconds = secondsLeft(limit, start);
    if (seconds < 0)
      return false;
    if (checkSubset(formal, impl, *from, module, touched, module.implemented,
                    seconds, global, accept)
            .verdict == Verdict::Correct)
      return true;
  }
  return false;
}

/// Formal reactions whose species all lie in `touched` (ascending).
std::vector<size_t> verify::candidatesOf(const Crn &formal,
                                         llvm::ArrayRef<SpeciesIndex> touched) {
  std::vector<size_t> out;
  auto inTouched = [&](SpeciesIndex f) {
    return std::binary_search(touched.begin(), touched.end(), f);
  };
  for (size_t c = 0; c < formal.reactions.size(); ++c)
    if (llvm::all_of(formal.reactions[c].reactants, inTouched) &&
        llvm::all_of(formal.reactions[c].products, inTouched))
      out.push_back(c);
  return out;
}

bool verify::searchEveryModule(const Crn &formal, const Crn &impl,
                               const Interpretation &partial,
                               ModularResult &result, double limit,
                               Clock::time_point start,
                               llvm::function_ref<std::string(size_t)> name) {
  std::vector<bool> covered(formal.reactions.size(), false);
  for (size_t i = 0; i < result.modules.size(); ++i) {
    ImplementationModule &module = result.modules[i];
    module.candidates =
        candidatesOf(formal, touchedFormal(impl, module, partial));
    searchModule(formal, impl, partial, module, limit, start,
                 result.interpretation);
    if (module.verdict == Verdict::Unknown) {
      result.reason =
          "the time limit ended the search in module " + std::to_string(i + 1);
      return false;
    }
    if (module.verdict == Verdict::Incorrect) {
      result.brokenModule = i;
      result.counterexample = module.counterexample;
      result.reason = name(i) +
                      " is a CRN bisimulation of no set of the formal "
                      "reactions over its signals";
      return false;
    }
    for (size_t c : module.implemented)
      covered[c] = true;
  }
  for (size_t c = 0; c < formal.reactions.size(); ++c)
    if (!covered[c]) {
      result.reason = "no module implements the formal reaction " +
                      formal.format(formal.reactions[c]);
      return false;
    }
  return true;
}

std::optional<bool> verify::resolvesByTrivialReactions(
    const Crn &impl, SpeciesIndex x,
    llvm::function_ref<std::vector<size_t>(const Multiset &)> candidates,
    llvm::function_ref<bool(SpeciesIndex)> done) {
  constexpr size_t MaxStates = 4096, MaxStateSize = 16;
  std::deque<Multiset> queue{Multiset{x}};
  std::unordered_set<std::string> seen;
  bool bounded = false;
  while (!queue.empty()) {
    Multiset state = std::move(queue.front());
    queue.pop_front();
    if (llvm::all_of(state, done))
      return true;
    for (size_t r : candidates(state)) {
      const CrnReaction &reaction = impl.reactions[r];
      if (!multisetContains(state, reaction.reactants))
        continue;
      Multiset next = multisetSum(multisetDifference(state, reaction.reactants),
                                  reaction.products);
      if (next.size() > MaxStateSize || seen.size() >= MaxStates) {
        bounded = true;
        continue;
      }
      std::string key;
      appendKey(key, next);
      if (seen.insert(key).second)
        queue.push_back(std::move(next));
    }
  }
  return bounded ? std::nullopt : std::optional<bool>(false);
}
