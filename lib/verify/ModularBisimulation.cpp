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
#include "lib/verify/GateModules.h"
#include "lib/verify/ModuleSearch.h"
#include "lib/verify/PermissiveCheck.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <numeric>

using namespace crnc;
using namespace crnc::verify;

namespace {

size_t findRoot(std::vector<size_t> &parent, size_t x) {
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
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
  return resolvesByTrivialReactions(
      impl, x, [&](const Multiset &) { return trivial.vec(); },
      [&](SpeciesIndex s) { return done(s, k, m); });
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
  if (!searchEveryModule(
          formal, implementation, partial, result, options.timeLimitSeconds,
          start, [](size_t i) { return "module " + std::to_string(i + 1); }))
    return result;
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

StrategyResult
verify::checkCrnBisimulation(const Crn &formal, const Crn &implementation,
                             const BisimulationOptions &options,
                             BisimulationStrategy strategy,
                             llvm::ArrayRef<int32_t> gateModule) {
  StrategyResult out;
  bool byGates = !gateModule.empty() &&
                 splitByGates(implementation, options.partial, gateModule)
                         .modules.size() >= 2;
  bool modular =
      strategy == BisimulationStrategy::Modular ||
      (strategy == BisimulationStrategy::Auto &&
       (byGates || splitModules(implementation, options.partial).size() >= 2));
  if (!modular) {
    out.bisimulation = checkCrnBisimulation(formal, implementation, options);
    return out;
  }
  auto start = std::chrono::steady_clock::now();
  out.modular = byGates
                    ? checkGateModularBisimulation(formal, implementation,
                                                   options, gateModule)
                    : checkModularBisimulation(formal, implementation, options);
  if (out.modular->verdict == Verdict::Correct) {
    out.bisimulation.verdict = Verdict::Correct;
    out.bisimulation.interpretation = out.modular->interpretation;
    return out;
  }
  BisimulationOptions rest = options;
  auto timeLeft = [&] {
    double left = secondsLeft(options.timeLimitSeconds, start);
    return left < 0 ? 1e-3 : left;
  };
  if (byGates && !out.modular->brokenModule &&
      splitModules(implementation, options.partial).size() >= 2) {
    // The gates' crosstalk can hide a module (a formal reaction implemented
    // only through a reaction between two gates): modules joined by shared
    // intermediates, with half the time left. (A gate module with no
    // bisimulation would only be part of a larger one.)
    rest.timeLimitSeconds = options.timeLimitSeconds > 0 ? timeLeft() / 2 : 0;
    ModularResult joined =
        checkModularBisimulation(formal, implementation, rest);
    if (joined.verdict == Verdict::Correct) {
      out.modular = std::move(joined);
      out.bisimulation.verdict = Verdict::Correct;
      out.bisimulation.interpretation = out.modular->interpretation;
      return out;
    }
  }
  if (implementation.reactions.size() > MaxWholeSystemReactions) {
    out.bisimulation.verdict = Verdict::Unknown;
    out.bisimulation.unknownReason = "not searched as one system above " +
                                     std::to_string(MaxWholeSystemReactions) +
                                     " reactions";
    out.wholeSearched = false;
    return out;
  }
  rest.timeLimitSeconds = options.timeLimitSeconds > 0 ? timeLeft() : 0;
  out.bisimulation = checkCrnBisimulation(formal, implementation, rest);
  return out;
}
