//===- ModularBisimulation.cpp - CRN bisimulation module by module
//---------===//
//
//  1. Split the implementation into modules joined by uninterpreted species.
//  2. Per module, the candidate formal reactions are those over the formal
//     species its interpreted species stand for; search a CRN bisimulation
//     against the largest subset of the candidates that has one (the module
//     as small CRNs of its own, so each search sees only its species).
//  3. Check that the modules' formal reactions cover the formal CRN.
//  4. Check the modularity condition pairwise (see the header) by a bounded
//     breadth-first search over each module's trivial reactions.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/ModularBisimulation.h"
#include "lib/verify/ForwardInterpretation.h"
#include "lib/verify/PermissiveCheck.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <deque>
#include <numeric>
#include <unordered_set>

using namespace crnc;
using namespace crnc::verify;

namespace {
constexpr size_t MaxCandidatesForSubsets = 6;
constexpr size_t MaxModularityStates = 4096;
constexpr size_t MaxModularityStateSize = 16;

size_t findRoot(std::vector<size_t> &parent, size_t x) {
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

std::vector<SpeciesIndex> speciesOf(const Crn &crn,
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
std::vector<SpeciesIndex> touchedFormal(const Crn &impl,
                                        const ImplementationModule &module,
                                        const Interpretation &partial) {
  std::vector<SpeciesIndex> out;
  for (SpeciesIndex s : speciesOf(impl, module.reactions))
    if (partial[s])
      out.insert(out.end(), partial[s]->begin(), partial[s]->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

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

using GlobalCheck = AcceptInterpretation;

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
                               const GlobalCheck &accept = nullptr) {
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

/// Seconds left of `limit` since `start` (0: no limit; negative: none left).
double secondsLeft(double limit, std::chrono::steady_clock::time_point start) {
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
void checkModule(const Crn &formal, const Crn &impl,
                 const Interpretation &partial, ImplementationModule &module,
                 double limit, std::chrono::steady_clock::time_point start,
                 Interpretation &global) {
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
bool searchAccepted(const Crn &formal, const Crn &impl,
                    const Interpretation &partial,
                    const ImplementationModule &module,
                    const GlobalCheck &accept, double limit,
                    std::chrono::steady_clock::time_point start,
                    Interpretation &global) {
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
} // namespace

std::vector<ImplementationModule>
verify::splitModules(const Crn &implementation, const Interpretation &partial) {
  size_t n = implementation.reactions.size();
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<size_t> firstUse(implementation.speciesCount(), SIZE_MAX);
  for (size_t r = 0; r < n; ++r)
    for (SpeciesIndex s : speciesOf(implementation, {r})) {
      if (s < partial.size() && partial[s])
        continue;
      if (firstUse[s] == SIZE_MAX)
        firstUse[s] = r;
      else
        parent[findRoot(parent, r)] = findRoot(parent, firstUse[s]);
    }
  std::vector<ImplementationModule> modules;
  std::vector<size_t> moduleOfRoot(n, SIZE_MAX);
  for (size_t r = 0; r < n; ++r) {
    size_t root = findRoot(parent, r);
    if (moduleOfRoot[root] == SIZE_MAX) {
      moduleOfRoot[root] = modules.size();
      modules.emplace_back();
    }
    modules[moduleOfRoot[root]].reactions.push_back(r);
  }
  return modules;
}

namespace {
/// Step 4: the modularity condition, module i towards each module k that
/// consumes a formal species held in module i. Depends on module i's
/// interpretation and on every module's formal reactions.
class ModularityCheck {
public:
  ModularityCheck(const Crn &formal, const Crn &impl,
                  const std::vector<ImplementationModule> &modules);
  /// None when module i meets the condition under `m`; otherwise why not.
  std::optional<std::string> check(size_t i, const Interpretation &m) const;

private:
  bool done(SpeciesIndex s, size_t k, const Interpretation &m) const;
  std::optional<bool> resolves(SpeciesIndex x, size_t k,
                               llvm::ArrayRef<size_t> trivial,
                               const Interpretation &m) const;

  const Crn &impl;
  const std::vector<ImplementationModule> &modules;
  std::vector<llvm::SmallVector<uint32_t, 2>> modulesOf; ///< per species
  std::vector<std::vector<SpeciesIndex>> consumed;       ///< per module
  std::vector<std::vector<size_t>> consumers;            ///< per formal species
};

ModularityCheck::ModularityCheck(
    const Crn &formal, const Crn &impl,
    const std::vector<ImplementationModule> &modules)
    : impl(impl), modules(modules), modulesOf(impl.speciesCount()),
      consumed(modules.size()), consumers(formal.speciesCount()) {
  for (size_t k = 0; k < modules.size(); ++k) {
    for (SpeciesIndex s : speciesOf(impl, modules[k].reactions))
      modulesOf[s].push_back(k);
    for (size_t c : modules[k].implemented)
      consumed[k].insert(consumed[k].end(),
                         formal.reactions[c].reactants.begin(),
                         formal.reactions[c].reactants.end());
    std::sort(consumed[k].begin(), consumed[k].end());
    consumed[k].erase(std::unique(consumed[k].begin(), consumed[k].end()),
                      consumed[k].end());
    for (SpeciesIndex f : consumed[k])
      consumers[f].push_back(k);
  }
}

bool ModularityCheck::done(SpeciesIndex s, size_t k,
                           const Interpretation &m) const {
  if (llvm::is_contained(modulesOf[s], k))
    return true;
  return llvm::none_of(*m[s], [&](SpeciesIndex f) {
    return std::binary_search(consumed[k].begin(), consumed[k].end(), f);
  });
}

/// Breadth-first over states reached from {x} by `trivial` reactions, until
/// every species is done towards module k. None: the bounds came first.
std::optional<bool> ModularityCheck::resolves(SpeciesIndex x, size_t k,
                                              llvm::ArrayRef<size_t> trivial,
                                              const Interpretation &m) const {
  std::deque<Multiset> queue{Multiset{x}};
  std::unordered_set<std::string> seen;
  bool bounded = false;
  while (!queue.empty()) {
    Multiset state = std::move(queue.front());
    queue.pop_front();
    if (llvm::all_of(state, [&](SpeciesIndex s) { return done(s, k, m); }))
      return true;
    for (size_t r : trivial) {
      const CrnReaction &reaction = impl.reactions[r];
      if (!multisetContains(state, reaction.reactants))
        continue;
      Multiset next = multisetSum(multisetDifference(state, reaction.reactants),
                                  reaction.products);
      if (next.size() > MaxModularityStateSize ||
          seen.size() >= MaxModularityStates) {
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

std::optional<std::string>
ModularityCheck::check(size_t i, const Interpretation &m) const {
  std::vector<SpeciesIndex> species = speciesOf(impl, modules[i].reactions);
  std::vector<size_t> trivial, towards;
  for (size_t r : modules[i].reactions)
    if (interpretMultiset(m, impl.reactions[r].reactants) ==
        interpretMultiset(m, impl.reactions[r].products))
      trivial.push_back(r);
  for (SpeciesIndex s : species)
    for (SpeciesIndex f : *m[s])
      towards.insert(towards.end(), consumers[f].begin(), consumers[f].end());
  std::sort(towards.begin(), towards.end());
  towards.erase(std::unique(towards.begin(), towards.end()), towards.end());
  for (size_t k : towards) {
    if (k == i)
      continue;
    for (SpeciesIndex s : species) {
      if (done(s, k, m))
        continue;
      std::optional<bool> ok = resolves(s, k, trivial, m);
      if (ok && *ok)
        continue;
      return "the modularity condition " +
             std::string(ok ? "fails" : "was not shown within its bounds") +
             ": " + impl.speciesNames[s] + " (module " + std::to_string(i + 1) +
             ") cannot turn by trivial reactions into species that module " +
             std::to_string(k + 1) + " uses";
    }
  }
  return std::nullopt;
}

/// Formal reactions whose species all lie in `touched` (ascending).
std::vector<size_t> candidatesOf(const Crn &formal,
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
} // namespace

ModularResult
verify::checkModularBisimulation(const Crn &formal, const Crn &implementation,
                                 const BisimulationOptions &options) {
  auto start = std::chrono::steady_clock::now();
  ModularResult result;
  Interpretation partial = options.partial;
  partial.resize(implementation.speciesCount());
  result.modules = splitModules(implementation, partial);
  result.interpretation = partial;
  std::vector<bool> covered(formal.reactions.size(), false);
  for (size_t i = 0; i < result.modules.size(); ++i) {
    ImplementationModule &module = result.modules[i];
    module.candidates =
        candidatesOf(formal, touchedFormal(implementation, module, partial));
    checkModule(formal, implementation, partial, module,
                options.timeLimitSeconds, start, result.interpretation);
    if (module.verdict == Verdict::Unknown) {
      result.reason =
          "the time limit ended the search in module " + std::to_string(i + 1);
      return result;
    }
    if (module.verdict == Verdict::Incorrect) {
      result.brokenModule = i;
      result.counterexample = module.counterexample;
      result.reason = "module " + std::to_string(i + 1) +
                      " is a CRN bisimulation of no set of the formal "
                      "reactions over its signals";
      return result;
    }
    for (size_t c : module.implemented)
      covered[c] = true;
  }
  for (size_t c = 0; c < formal.reactions.size(); ++c)
    if (!covered[c]) {
      result.reason = "no module implements the formal reaction " +
                      formal.format(formal.reactions[c]);
      return result;
    }
  ModularityCheck modularity(formal, implementation, result.modules);
  for (size_t i = 0; i < result.modules.size(); ++i) {
    std::optional<std::string> why = modularity.check(i, result.interpretation);
    if (why &&
        searchAccepted(
            formal, implementation, partial, result.modules[i],
            [&](const Interpretation &m) { return !modularity.check(i, m); },
            options.timeLimitSeconds, start, result.interpretation))
      why.reset();
    if (why) {
      result.reason = *why;
      return result;
    }
  }
  result.verdict = Verdict::Correct;
  return result;
}

StrategyResult verify::checkCrnBisimulation(const Crn &formal,
                                            const Crn &implementation,
                                            const BisimulationOptions &options,
                                            BisimulationStrategy strategy) {
  StrategyResult out;
  bool modular = strategy == BisimulationStrategy::Modular ||
                 (strategy == BisimulationStrategy::Auto &&
                  splitModules(implementation, options.partial).size() >= 2);
  if (!modular) {
    out.bisimulation = checkCrnBisimulation(formal, implementation, options);
    return out;
  }
  auto start = std::chrono::steady_clock::now();
  out.modular = checkModularBisimulation(formal, implementation, options);
  if (out.modular->verdict == Verdict::Correct) {
    out.bisimulation.verdict = Verdict::Correct;
    out.bisimulation.interpretation = out.modular->interpretation;
    return out;
  }
  BisimulationOptions rest = options;
  double left = secondsLeft(options.timeLimitSeconds, start);
  rest.timeLimitSeconds = left < 0 ? 1e-3 : left;
  out.bisimulation = checkCrnBisimulation(formal, implementation, rest);
  return out;
}
