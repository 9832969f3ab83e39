//===- GateModules.cpp - modular CRN bisimulation over gate modules -------===//
//
//  1. Split the reactions by the design module their open species belong
//     to; the rest are crosstalk reactions.
//  2. Search each gate module alone (ModuleSearch.h) against the formal
//     reactions over its signals; together they must cover the formal CRN.
//  3. Interpret the species only crosstalk reactions hold by propagation
//     (a reaction with one species left open is taken as trivial), and
//     check every crosstalk reaction is trivial or formal; a gate module
//     whose interpretation breaks one is searched again for another.
//  4. Check the whole interpretation: every species interpreted, atomic,
//     delimiting, and the modularity condition species by species.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/GateModules.h"
#include "lib/verify/ModuleSearch.h"
#include "lib/verify/PermissiveCheck.h"
#include <map>
#include <set>

using namespace crnc;
using namespace crnc::verify;

namespace {
constexpr unsigned MaxRepairRounds = 16;

bool isOpen(const Interpretation &partial, SpeciesIndex s) {
  return s >= partial.size() || !partial[s];
}

/// The gate module all open species of `r` belong to; none when they belong
/// to different ones, to none, or when `r` has no open species.
std::optional<int32_t> gateOf(const CrnReaction &r,
                              const Interpretation &partial,
                              llvm::ArrayRef<int32_t> gateModule) {
  std::optional<int32_t> gate;
  for (const Multiset *side : {&r.reactants, &r.products})
    for (SpeciesIndex s : *side) {
      if (!isOpen(partial, s))
        continue;
      int32_t g = s < gateModule.size() ? gateModule[s] : -1; // no module
      if (g < 0 || (gate && *gate != g))
        return std::nullopt;
      gate = g;
    }
  return gate;
}
} // namespace

GateSplit verify::splitByGates(const Crn &implementation,
                               const Interpretation &partial,
                               llvm::ArrayRef<int32_t> gateModule) {
  GateSplit out;
  std::map<int32_t, std::vector<size_t>> byGate;
  for (size_t r = 0; r < implementation.reactions.size(); ++r) {
    std::optional<int32_t> gate =
        gateOf(implementation.reactions[r], partial, gateModule);
    if (gate)
      byGate[*gate].push_back(r);
    else
      out.crosstalk.push_back(r);
  }
  std::vector<bool> inModule(implementation.speciesCount(), false);
  for (auto &[gate, reactions] : byGate) {
    for (SpeciesIndex s : speciesOf(implementation, reactions))
      inModule[s] = true;
    out.modules.emplace_back();
    out.modules.back().reactions = std::move(reactions);
  }
  for (SpeciesIndex s : speciesOf(implementation, out.crosstalk))
    if (isOpen(partial, s) && !inModule[s])
      out.crosstalkSpecies.push_back(s);
  return out;
}

namespace {
/// Step 3 and the delimiting condition.
class CrosstalkCheck {
public:
  CrosstalkCheck(const Crn &formal, const Crn &impl, const GateSplit &split)
      : formal(formal), impl(impl), split(split) {
    for (const CrnReaction &r : formal.reactions)
      formalReactions.insert({r.reactants, r.products});
  }
  /// Interprets the crosstalk species in `m`; returns the crosstalk
  /// reactions that are neither trivial nor formal.
  std::vector<size_t> interpret(Interpretation &m) const;
  bool delimiting(const CrnReaction &r, const Interpretation &m) const {
    Multiset in = interpretMultiset(m, r.reactants);
    Multiset out = interpretMultiset(m, r.products);
    return in == out || formalReactions.count({in, out});
  }
  std::string describe(size_t r, const Interpretation &m) const {
    const CrnReaction &x = impl.reactions[r];
    return impl.format(x) + " interprets as " +
           formal.format(interpretMultiset(m, x.reactants)) + " -> " +
           formal.format(interpretMultiset(m, x.products)) +
           ", which is neither a formal reaction nor trivial";
  }

private:
  bool propagate(const CrnReaction &r, Interpretation &m) const;

  const Crn &formal;
  const Crn &impl;
  const GateSplit &split;
  std::set<std::pair<Multiset, Multiset>> formalReactions;
};

/// When `r` has exactly one open occurrence, interprets it so that `r` is
/// trivial (if the rest allows). True when it did.
bool CrosstalkCheck::propagate(const CrnReaction &r, Interpretation &m) const {
  std::optional<SpeciesIndex> open;
  bool inProducts = false;
  for (const Multiset *side : {&r.reactants, &r.products})
    for (SpeciesIndex s : *side) {
      if (m[s])
        continue;
      if (open)
        return false;
      open = s;
      inProducts = side == &r.products;
    }
  if (!open)
    return false;
  Multiset known = interpretMultiset(
      m, multisetDifference(inProducts ? r.products : r.reactants, {*open}));
  Multiset other = interpretMultiset(m, inProducts ? r.reactants : r.products);
  if (!multisetContains(other, known))
    return false;
  m[*open] = multisetDifference(other, known);
  return true;
}

std::vector<size_t> CrosstalkCheck::interpret(Interpretation &m) const {
  for (SpeciesIndex s : split.crosstalkSpecies)
    m[s].reset();
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t r : split.crosstalk)
      changed |= propagate(impl.reactions[r], m);
  }
  for (SpeciesIndex s : split.crosstalkSpecies)
    if (!m[s])
      m[s] = Multiset{};
  std::vector<size_t> failing;
  for (size_t r : split.crosstalk)
    if (!delimiting(impl.reactions[r], m))
      failing.push_back(r);
  return failing;
}
} // namespace

namespace {
/// Step 4's modularity condition, species by species: a species outside
/// module k holding a formal species F_k consumes turns, by trivial
/// reactions from itself alone, into species of module k and species
/// holding nothing F_k consumes.
class SpeciesModularity {
public:
  SpeciesModularity(const Crn &formal, const Crn &impl,
                    const std::vector<ImplementationModule> &modules,
                    const Interpretation &m);
  /// The first of `species` that breaks the condition, and why.
  std::optional<std::pair<SpeciesIndex, std::string>>
  check(llvm::ArrayRef<SpeciesIndex> species) const;

private:
  bool done(SpeciesIndex s, size_t k) const;
  std::optional<bool> resolves(SpeciesIndex x, size_t k) const;

  const Crn &impl;
  const Interpretation &m;
  std::vector<llvm::SmallVector<uint32_t, 2>> modulesOf; ///< per species
  std::vector<std::vector<SpeciesIndex>> consumed;       ///< per module
  std::vector<std::vector<size_t>> consumers;            ///< per formal species
  std::vector<std::vector<size_t>> trivialFrom; ///< per reactant species
};

SpeciesModularity::SpeciesModularity(
    const Crn &formal, const Crn &impl,
    const std::vector<ImplementationModule> &modules, const Interpretation &m)
    : impl(impl), m(m), modulesOf(impl.speciesCount()),
      consumed(modules.size()), consumers(formal.speciesCount()),
      trivialFrom(impl.speciesCount()) {
  for (size_t k = 0; k < modules.size(); ++k) {
    for (SpeciesIndex s : speciesOf(impl, modules[k].reactions))
      modulesOf[s].push_back(k);
    for (size_t c : modules[k].implemented)
      llvm::append_range(consumed[k], formal.reactions[c].reactants);
    llvm::sort(consumed[k]);
    consumed[k].erase(std::unique(consumed[k].begin(), consumed[k].end()),
                      consumed[k].end());
    for (SpeciesIndex f : consumed[k])
      consumers[f].push_back(k);
  }
  for (size_t r = 0; r < impl.reactions.size(); ++r) {
    const CrnReaction &x = impl.reactions[r];
    if (interpretMultiset(m, x.reactants) != interpretMultiset(m, x.products))
      continue;
    for (size_t i = 0; i < x.reactants.size(); ++i)
      if (i == 0 || x.reactants[i] != x.reactants[i - 1])
        trivialFrom[x.reactants[i]].push_back(r);
  }
}

bool SpeciesModularity::done(SpeciesIndex s, size_t k) const {
  if (llvm::is_contained(modulesOf[s], k))
    return true;
  return llvm::none_of(*m[s], [&](SpeciesIndex f) {
    return std::binary_search(consumed[k].begin(), consumed[k].end(), f);
  });
}

/// Breadth-first over states reached from {x} by trivial reactions until
/// every species is done towards module k. None: the bounds came first.
std::optional<bool> SpeciesModularity::resolves(SpeciesIndex x,
                                                size_t k) const {
  return resolvesByTrivialReactions(
      impl, x,
      [&](const Multiset &state) {
        std::vector<size_t> out;
        for (size_t i = 0; i < state.size(); ++i)
          if (!i || state[i] != state[i - 1])
            llvm::append_range(out, trivialFrom[state[i]]);
        return out;
      },
      [&](SpeciesIndex s) { return done(s, k); });
}

std::optional<std::pair<SpeciesIndex, std::string>>
SpeciesModularity::check(llvm::ArrayRef<SpeciesIndex> species) const {
  for (SpeciesIndex x : species) {
    std::vector<size_t> towards;
    for (SpeciesIndex f : *m[x])
      llvm::append_range(towards, consumers[f]);
    llvm::sort(towards);
    towards.erase(std::unique(towards.begin(), towards.end()), towards.end());
    for (size_t k : towards) {
      if (done(x, k))
        continue;
      std::optional<bool> ok = resolves(x, k);
      if (ok && *ok)
        continue;
      return std::make_pair(
          x, "the modularity condition " +
                 std::string(ok ? "fails" : "was not shown within its bounds") +
                 ": " + impl.speciesNames[x] +
                 " cannot turn by trivial reactions into species that "
                 "module " +
                 std::to_string(k + 1) + " uses");
    }
  }
  return std::nullopt;
}

/// Step 4 without the modularity condition: every used species
/// interpreted, atomic, delimiting.
std::optional<std::string> checkWhole(const Crn &formal, const Crn &impl,
                                      const CrosstalkCheck &delimiting,
                                      const Interpretation &m) {
  std::vector<bool> atomic(formal.speciesCount(), false);
  for (SpeciesIndex s : impl.usedSpecies()) {
    if (!m[s])
      return "no interpretation of " + impl.speciesNames[s];
    if (m[s]->size() == 1)
      atomic[(*m[s])[0]] = true;
  }
  for (SpeciesIndex f : formal.usedSpecies())
    if (!atomic[f])
      return "no species stands for " + formal.speciesNames[f] + " alone";
  for (size_t r = 0; r < impl.reactions.size(); ++r)
    if (!delimiting.delimiting(impl.reactions[r], m))
      return delimiting.describe(r, m);
  return std::nullopt;
}
} // namespace

namespace {
/// "the gates of A + B -> C" for a module's candidate formal reactions.
std::string describeCandidates(const Crn &formal,
                               llvm::ArrayRef<size_t> candidates) {
  if (candidates.empty())
    return "no formal reaction over its signals";
  std::string out = "the gates of ";
  for (size_t i = 0; i < candidates.size() && i < 3; ++i)
    out += (i ? ", " : "") + formal.format(formal.reactions[candidates[i]]);
  return out + (candidates.size() > 3 ? ", ..." : "");
}

/// Open species of each module, and the module of each open species.
struct ModuleSpecies {
  ModuleSpecies(const Crn &impl,
                const std::vector<ImplementationModule> &modules,
                const Interpretation &partial)
      : of(modules.size()), moduleOf(impl.speciesCount(), -1) {
    for (size_t k = 0; k < modules.size(); ++k)
      for (SpeciesIndex s : speciesOf(impl, modules[k].reactions))
        if (isOpen(partial, s)) {
          of[k].push_back(s);
          moduleOf[s] = int32_t(k);
        }
  }
  std::vector<std::vector<SpeciesIndex>> of;
  std::vector<int32_t> moduleOf;
};

/// Steps 3 and 4: interprets the crosstalk species and checks crosstalk
/// and modularity; a gate module that breaks either is searched again for
/// another bisimulation of its formal reactions. None on success;
/// otherwise why not.
std::optional<std::string>
repairModules(const Crn &formal, const Crn &impl, const GateSplit &split,
              const CrosstalkCheck &crosstalk,
              const std::vector<ImplementationModule> &modules,
              const Interpretation &partial, double limit,
              Clock::time_point start, Interpretation &m) {
  ModuleSpecies owned(impl, modules, partial);
  auto breaks = [&](Interpretation &g, int32_t k)
      -> std::optional<std::pair<std::vector<size_t>, std::string>> {
    std::vector<size_t> suspects;
    for (size_t r : crosstalk.interpret(g)) {
      for (SpeciesIndex s : speciesOf(impl, {r}))
        if (owned.moduleOf[s] >= 0 && (k < 0 || owned.moduleOf[s] == k))
          suspects.push_back(size_t(owned.moduleOf[s]));
      if (k < 0 || !suspects.empty())
        return std::make_pair(suspects, "the crosstalk reaction " +
                                            crosstalk.describe(r, g));
    }
    std::vector<SpeciesIndex> species =
        k < 0 ? impl.usedSpecies() : owned.of[size_t(k)];
    if (k >= 0)
      llvm::append_range(species, split.crosstalkSpecies);
    auto bad = SpeciesModularity(formal, impl, modules, g).check(species);
    if (!bad)
      return std::nullopt;
    if (owned.moduleOf[bad->first] >= 0)
      suspects.push_back(size_t(owned.moduleOf[bad->first]));
    return std::make_pair(suspects, bad->second);
  };
  for (unsigned round = 0;; ++round) {
    auto problem = breaks(m, -1);
    if (!problem)
      return std::nullopt;
    if (round == MaxRepairRounds)
      return problem->second;
    std::vector<size_t> &suspects = problem->first;
    llvm::sort(suspects);
    suspects.erase(std::unique(suspects.begin(), suspects.end()),
                   suspects.end());
    bool fixed = false;
    for (size_t k : suspects) {
      auto accept = [&](const Interpretation &g) {
        Interpretation copy = g;
        return !breaks(copy, int32_t(k));
      };
      double seconds = secondsLeft(limit, start);
      if (seconds < 0)
        return "the time limit ended the search for another module "
               "interpretation";
      if ((fixed = searchAccepted(formal, impl, partial, modules[k], accept,
                                  limit, start, m)))
        break;
    }
    if (!fixed)
      return problem->second;
  }
}
} // namespace

ModularResult verify::checkGateModularBisimulation(
    const Crn &formal, const Crn &implementation,
    const BisimulationOptions &options, llvm::ArrayRef<int32_t> gateModule) {
  Clock::time_point start = Clock::now();
  ModularResult result;
  Interpretation partial = options.partial;
  partial.resize(implementation.speciesCount());
  GateSplit split = splitByGates(implementation, partial, gateModule);
  result.modules = split.modules;
  result.crosstalk = split.crosstalk;
  result.interpretation = partial;
  if (!searchEveryModule(formal, implementation, partial, result,
                         options.timeLimitSeconds, start, [&](size_t i) {
                           return "module " + std::to_string(i + 1) + " (" +
                                  describeCandidates(
                                      formal, result.modules[i].candidates) +
                                  ")";
                         }))
    return result;
  CrosstalkCheck crosstalk(formal, implementation, split);
  std::optional<std::string> why = repairModules(
      formal, implementation, split, crosstalk, result.modules, partial,
      options.timeLimitSeconds, start, result.interpretation);
  if (!why)
    why = checkWhole(formal, implementation, crosstalk, result.interpretation);
  if (why) {
    result.reason = *why;
    return result;
  }
  result.verdict = Verdict::Correct;
  return result;
}

/// The two gate modules that `r`'s reactants come from, when they differ.
static std::optional<std::pair<int32_t, int32_t>>
joinedGates(const CrnReaction &r, llvm::ArrayRef<int32_t> gateModule) {
  std::optional<int32_t> first;
  for (SpeciesIndex s : r.reactants) {
    int32_t g = s < gateModule.size() ? gateModule[s] : -1; // no module
    if (g < 0)
      continue;
    if (first && *first != g)
      return std::make_pair(*first, g);
    first = g;
  }
  return std::nullopt;
}

std::optional<std::string>
verify::describeGateCrosstalk(const Crn &implementation,
                              llvm::ArrayRef<int32_t> gateModule,
                              llvm::ArrayRef<std::string> moduleEquations) {
  size_t count = 0;
  std::string first;
  for (const CrnReaction &r : implementation.reactions) {
    auto gates = joinedGates(r, gateModule);
    if (!gates)
      continue;
    if (count++)
      continue;
    auto name = [&](int32_t k) {
      return size_t(k) < moduleEquations.size()
                 ? "'" + moduleEquations[size_t(k)] + "'"
                 : "module " + std::to_string(k + 1);
    };
    first = implementation.format(r) + " (the gates of " + name(gates->first) +
            " and " + name(gates->second) + ")";
  }
  if (!count)
    return std::nullopt;
  return std::to_string(count) + " reaction" +
         (count == 1 ? " brings" : "s bring") +
         " species of different formal reactions' gates together (a strand "
         "one gate releases entering another gate), the first " +
         first;
}
