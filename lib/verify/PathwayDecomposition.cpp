//===- PathwayDecomposition.cpp - formal basis and equivalence ------------===//
//
// The formal basis is enumerated per module (reactions that share
// intermediates), as in the paper's Section 5:
//  1. Bounds w (width) and i (size of the initial state) start at 0.
//  2. Depth-first over pathways (appending any reaction), keeping those that
//     are semiformal, within the bounds, linear when every reaction has at
//     most one non-waste intermediate on each side, and not decomposable
//     into a part with a formal final state; pathways are identified by
//     their signature (initial and final states, width, formal closure,
//     decomposed and regular final states), each signature expanded once.
//  3. A prime pathway must leave intermediates that can be cleared (tidy,
//     searched breadth-first by state size); a prime formal pathway must be
//     regular, and joins the elementary basis instead of being extended.
//  4. The widest prime strictly semiformal pathway found (w', i') gives new
//     bounds w = w' b_r + b, i = max(i' i_R + f_R) (Theorem 4.2 and 4.10);
//     repeat until they stop growing, then finish the tidy checks that the
//     bound left open.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/PathwayDecomposition.h"
#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <unordered_set>

namespace crnc::verify {

namespace {

/// Thrown when the CRN has no formal basis.
struct NoFormalBasis {
  Counterexample counterexample;
};

/// A pathway with what its extension needs.
struct Path {
  std::vector<uint32_t> steps; ///< reaction indices into the CRN
  Multiset initial, final;     ///< minimal initial state and its final state
  size_t width = 0;            ///< largest state along the pathway
  Multiset closure;            ///< per formal species, its largest count
  /// Final states of (undivided, ∅) and of every split into two semiformal
  /// interleaved parts: Peppercorn-independent bookkeeping of decompositions.
  std::vector<std::pair<Multiset, Multiset>> splits{{{}, {}}};
  bool linear = true;
};

class BasisEnumerator {
public:
  BasisEnumerator(const Crn &crn, std::vector<size_t> reactions,
                  const std::vector<bool> &isFormal, const Deadline &deadline);
  /// The elementary basis as (initial, final) pairs. Throws NoFormalBasis,
  /// DeadlineExpired.
  std::vector<std::pair<Multiset, Multiset>> run();

private:
  bool formalState(llvm::ArrayRef<SpeciesIndex> m) const {
    return llvm::all_of(m, [&](SpeciesIndex s) { return isFormal[s]; });
  }
  Multiset formalPart(llvm::ArrayRef<SpeciesIndex> m) const;
  Multiset intermediatePart(llvm::ArrayRef<SpeciesIndex> m) const;
  std::optional<Path> extend(const Path &p, size_t r) const;
  std::optional<std::pair<Multiset, Multiset>>
  applyToPart(const Multiset &part, const CrnReaction &r) const;
  std::vector<Multiset> decomposedFinals(const Path &p) const;
  std::set<Multiset> regularFinals(const Path &p) const;
  void enumerate(const Path &p);
  /// Breadth-first (smallest state first) search for a reaction sequence
  /// that clears the intermediates in `queue`'s states. True: tidy; false:
  /// not; nullopt: undecided within `bound` (0: none), `queue` left to resume.
  std::optional<bool> tidy(std::vector<Multiset> &queue, size_t bound);
  /// Tidy check from the final intermediates of a prime pathway.
  void checkTidy(const Path &p);
  std::string describe(const Path &p) const;

  const Crn &crn;
  std::vector<size_t> reactions;
  const std::vector<bool> &isFormal;
  const Deadline &deadline;
  std::vector<bool> nonWaste; ///< non-formal species of the module
  bool linearMode = true;
  size_t branching = 0, intermediateReactants = 0;
  std::set<std::pair<size_t, size_t>> reactantShapes; ///< (formal, interm.)
  size_t wMax = 0, iMax = 0;
  std::unordered_set<std::string> signatures;
  size_t widestSemiformal = 0, largestSemiformalInitial = 0;
  std::vector<std::pair<Multiset, Multiset>> basis;      ///< initial, final
  std::map<Multiset, std::vector<Multiset>> tidyPending; ///< by start state
  std::set<Multiset> tidyStates; ///< start states known to be tidy
};

BasisEnumerator::BasisEnumerator(const Crn &crn, std::vector<size_t> reactions,
                                 const std::vector<bool> &isFormal,
                                 const Deadline &deadline)
    : crn(crn), reactions(std::move(reactions)), isFormal(isFormal),
      deadline(deadline), nonWaste(crn.speciesCount(), false) {
  Crn module;
  module.speciesNames = crn.speciesNames;
  for (size_t r : this->reactions)
    module.reactions.push_back(crn.reactions[r]);
  std::vector<bool> waste = findWastes(module, isFormal);
  for (SpeciesIndex s : module.usedSpecies())
    nonWaste[s] = !isFormal[s] && !waste[s];
  for (const CrnReaction &r : module.reactions) {
    size_t reactantsNW = llvm::count_if(
        r.reactants, [&](SpeciesIndex s) { return nonWaste[s]; });
    size_t productsNW =
        llvm::count_if(r.products, [&](SpeciesIndex s) { return nonWaste[s]; });
    linearMode &= reactantsNW <= 1 && productsNW <= 1;
    branching = std::max({branching, r.reactants.size(), r.products.size()});
    size_t interm = intermediatePart(r.reactants).size();
    intermediateReactants = std::max(intermediateReactants, interm);
    reactantShapes.insert({r.reactants.size() - interm, interm});
  }
}

Multiset BasisEnumerator::formalPart(llvm::ArrayRef<SpeciesIndex> m) const {
  Multiset out;
  for (SpeciesIndex s : m)
    if (isFormal[s])
      out.push_back(s);
  return out;
}

Multiset
BasisEnumerator::intermediatePart(llvm::ArrayRef<SpeciesIndex> m) const {
  Multiset out;
  for (SpeciesIndex s : m)
    if (!isFormal[s])
      out.push_back(s);
  return out;
}

/// One part of a split takes reaction r: formal reactants it holds are used,
/// missing formal ones come from outside, intermediates must be held.
std::optional<std::pair<Multiset, Multiset>>
BasisEnumerator::applyToPart(const Multiset &part, const CrnReaction &r) const {
  Multiset rest = multisetDifference(part, formalPart(r.reactants));
  Multiset needed = intermediatePart(r.reactants);
  if (!multisetContains(rest, needed))
    return std::nullopt;
  return std::make_pair(
      multisetSum(multisetDifference(rest, needed), r.products), Multiset());
}

std::optional<Path> BasisEnumerator::extend(const Path &p, size_t r) const {
  const CrnReaction &rx = crn.reactions[r];
  Path q;
  q.steps = p.steps;
  q.steps.push_back(static_cast<uint32_t>(r));
  Multiset added = multisetDifference(rx.reactants, p.final);
  q.initial = multisetSum(p.initial, added);
  if (!formalState(q.initial))
    return std::nullopt;
  q.final =
      multisetSum(multisetDifference(multisetSum(p.final, added), rx.reactants),
                  rx.products);
  q.width = std::max(p.width + added.size(), q.final.size());
  std::set<SpeciesIndex> seen(p.closure.begin(), p.closure.end());
  seen.insert(added.begin(), added.end());
  seen.insert(q.final.begin(), q.final.end());
  for (SpeciesIndex s : seen) {
    if (!isFormal[s])
      continue;
    unsigned n = std::max(multisetCount(p.closure, s) + multisetCount(added, s),
                          multisetCount(q.final, s));
    q.closure.append(n, s);
  }
  q.linear = p.linear && llvm::count_if(q.final, [&](SpeciesIndex s) {
                           return nonWaste[s];
                         }) <= 1;
  auto push = [&](std::pair<Multiset, Multiset> pair) {
    if (q.splits.empty() ||
        std::find(q.splits.begin() + 1, q.splits.end(), pair) == q.splits.end())
      q.splits.push_back(std::move(pair));
  };
  q.splits.clear();
  for (auto &[t1, t2] : p.splits) {
    auto a1 = applyToPart(t1, rx);
    auto a2 = t1 == t2 ? std::nullopt : applyToPart(t2, rx);
    if (a1)
      push({a1->first, t2});
    if (a2)
      push({t1, a2->first});
  }
  if (q.splits.empty())
    return std::nullopt;
  return q;
}

std::vector<Multiset> BasisEnumerator::decomposedFinals(const Path &p) const {
  std::set<Multiset> out;
  for (size_t i = 1; i < p.splits.size(); ++i) {
    out.insert(p.splits[i].first);
    out.insert(p.splits[i].second);
  }
  return {out.begin(), out.end()};
}

std::set<Multiset> BasisEnumerator::regularFinals(const Path &p) const {
  std::vector<Multiset> states{p.initial};
  for (uint32_t r : p.steps)
    states.push_back(multisetSum(
        multisetDifference(states.back(), crn.reactions[r].reactants),
        crn.reactions[r].products));
  size_t turn = 0;
  while (turn + 1 < states.size() &&
         multisetContains(p.initial, formalPart(states[turn])))
    ++turn;
  std::set<Multiset> out;
  Multiset seen; // union (largest count) of formal parts from i on
  for (size_t i = p.steps.size(); i > 0; --i) {
    Multiset f = formalPart(states[i]);
    Multiset merged;
    std::set_union(seen.begin(), seen.end(), f.begin(), f.end(),
                   std::back_inserter(merged));
    seen = merged;
    if (i > turn)
      continue;
    const CrnReaction &r = crn.reactions[p.steps[i - 1]];
    if (formalPart(multisetDifference(states[i - 1], r.reactants)).empty())
      out.insert(seen);
  }
  return out;
}

std::string BasisEnumerator::describe(const Path &p) const {
  std::string out;
  for (uint32_t r : p.steps)
    out += (out.empty() ? "" : "; ") + crn.format(crn.reactions[r]);
  return out;
}

std::optional<bool> BasisEnumerator::tidy(std::vector<Multiset> &queue,
                                          size_t bound) {
  std::set<Multiset> memory(queue.begin(), queue.end());
  while (!queue.empty()) {
    if (deadline.expired())
      throw DeadlineExpired();
    auto smallest =
        std::min_element(queue.begin(), queue.end(),
                         [](auto &a, auto &b) { return a.size() < b.size(); });
    Multiset state = *smallest;
    if (state.empty() || tidyStates.count(state))
      return true;
    if (bound && state.size() > bound)
      return std::nullopt;
    queue.erase(smallest);
    for (size_t r : reactions) {
      const CrnReaction &rx = crn.reactions[r];
      if (!multisetContains(state, rx.reactants))
        continue;
      Multiset next = intermediatePart(
          multisetSum(multisetDifference(state, rx.reactants), rx.products));
      if (memory.insert(next).second)
        queue.push_back(next);
    }
  }
  return false;
}

void BasisEnumerator::checkTidy(const Path &p) {
  Multiset start = intermediatePart(p.final);
  if (tidyStates.count(start))
    return;
  auto pending = tidyPending.find(start);
  std::vector<Multiset> queue = pending == tidyPending.end()
                                    ? std::vector<Multiset>{start}
                                    : pending->second;
  std::optional<bool> tidyResult = tidy(queue, wMax);
  if (!tidyResult) {
    tidyPending[start] = queue;
    return;
  }
  tidyPending.erase(start);
  if (*tidyResult) {
    tidyStates.insert(start);
    return;
  }
  throw NoFormalBasis{{"tidy",
                       "leaves the intermediates " + crn.format(start) +
                           ", which no reactions without formal reactants "
                           "can clear",
                       describe(p)}};
}

static std::string keyOfPath(const Path &p, const std::vector<Multiset> &dfs,
                             const std::set<Multiset> &rfs) {
  std::string key;
  appendKey(key, p.initial);
  key += '|';
  appendKey(key, p.final);
  key += '|' + std::to_string(p.width) + '|';
  appendKey(key, p.closure);
  for (const Multiset &m : dfs) {
    key += 'd';
    appendKey(key, m);
  }
  for (const Multiset &m : rfs) {
    key += 'r';
    appendKey(key, m);
  }
  return key;
}

void BasisEnumerator::enumerate(const Path &p) {
  if (deadline.expired())
    throw DeadlineExpired();
  if (p.width > wMax || p.initial.size() > iMax)
    return;
  if (linearMode && !p.linear)
    return;
  std::vector<Multiset> dfs = decomposedFinals(p);
  for (const Multiset &m : dfs)
    if (formalState(m))
      return;
  std::set<Multiset> rfs = regularFinals(p);
  if (!signatures.insert(keyOfPath(p, dfs, rfs)).second)
    return;
  if (dfs.empty()) {
    bool formalFinal = formalState(p.final);
    if (!formalFinal) {
      widestSemiformal = std::max(widestSemiformal, p.width);
      largestSemiformalInitial =
          std::max(largestSemiformalInitial, p.initial.size());
    }
    checkTidy(p);
    if (!p.steps.empty() && formalFinal) {
      if (!rfs.count(p.final))
        throw NoFormalBasis{
            {"regular",
             "is a prime formal pathway from " + crn.format(p.initial) +
                 " to " + crn.format(p.final) + " without a turning point",
             describe(p)}};
      basis.push_back({p.initial, p.final});
      return;
    }
  }
  for (size_t r : reactions)
    if (std::optional<Path> next = extend(p, r))
      enumerate(*next);
}

std::vector<std::pair<Multiset, Multiset>> BasisEnumerator::run() {
  for (;;) {
    signatures.clear();
    basis.clear();
    widestSemiformal = largestSemiformalInitial = 0;
    enumerate(Path());
    size_t wNext = widestSemiformal * intermediateReactants + branching;
    size_t iNext = 0;
    for (auto [formalCount, intermediateCount] : reactantShapes)
      iNext = std::max(iNext, largestSemiformalInitial * intermediateCount +
                                  formalCount);
    if (wNext <= wMax && iNext <= iMax)
      break;
    wMax = wNext;
    iMax = iNext;
  }
  for (auto it = tidyPending.begin(); it != tidyPending.end();) {
    std::vector<Multiset> queue = it->second;
    if (tidy(queue, widestSemiformal) != std::optional<bool>(true))
      throw NoFormalBasis{{"tidy",
                           "leaves the intermediates " + crn.format(it->first) +
                               ", which no reactions without formal "
                               "reactants can clear",
                           ""}};
    it = tidyPending.erase(it);
  }
  return basis;
}

/// Reactions grouped by shared intermediates (union-find); a reaction
/// without intermediates is a module of its own.
std::vector<std::vector<size_t>> modulesOf(const Crn &crn,
                                           const std::vector<bool> &isFormal) {
  std::vector<SpeciesIndex> parent(crn.speciesCount());
  std::iota(parent.begin(), parent.end(), 0);
  std::function<SpeciesIndex(SpeciesIndex)> root = [&](SpeciesIndex s) {
    return parent[s] == s ? s : parent[s] = root(parent[s]);
  };
  auto intermediatesOf = [&](const CrnReaction &r) {
    Multiset all = multisetSum(r.reactants, r.products);
    llvm::erase_if(all, [&](SpeciesIndex s) { return isFormal[s]; });
    return all;
  };
  for (const CrnReaction &r : crn.reactions) {
    Multiset in = intermediatesOf(r);
    for (size_t i = 1; i < in.size(); ++i)
      parent[root(in[i])] = root(in[0]);
  }
  std::map<SpeciesIndex, std::vector<size_t>> byRoot;
  std::vector<std::vector<size_t>> modules;
  for (size_t k = 0; k < crn.reactions.size(); ++k) {
    Multiset in = intermediatesOf(crn.reactions[k]);
    if (in.empty())
      modules.push_back({k});
    else
      byRoot[root(in[0])].push_back(k);
  }
  for (auto &entry : byRoot)
    modules.push_back(std::move(entry.second));
  std::stable_sort(modules.begin(), modules.end(),
                   [](auto &a, auto &b) { return a.size() < b.size(); });
  return modules;
}

std::vector<std::string> namesOf(const Crn &crn, llvm::ArrayRef<SpeciesIndex> m,
                                 const std::vector<bool> &dropped) {
  std::vector<std::string> out;
  for (SpeciesIndex s : m)
    if (!dropped[s])
      out.push_back(crn.speciesNames[s]);
  std::sort(out.begin(), out.end());
  return out;
}

std::string formatNamed(const NamedReaction &r) {
  auto side = [](const std::vector<std::string> &names) {
    std::string out;
    for (const std::string &n : names)
      out += (out.empty() ? "" : " + ") + n;
    return out.empty() ? std::string("\xE2\x88\x85") : out;
  };
  return side(r.first) + " -> " + side(r.second);
}

} // namespace

FormalBasisResult formalBasis(const Crn &crn, std::vector<bool> isFormal,
                              const Deadline &deadline) {
  isFormal.resize(crn.speciesCount(), false);
  std::vector<bool> waste = findWastes(crn, isFormal);
  for (SpeciesIndex s = 0; s < waste.size(); ++s)
    if (waste[s])
      isFormal[s] = true;
  FormalBasisResult result;
  std::set<NamedReaction> basis;
  try {
    for (std::vector<size_t> &module : modulesOf(crn, isFormal)) {
      BasisEnumerator enumerator(crn, module, isFormal, deadline);
      for (auto &[initial, finalState] : enumerator.run()) {
        NamedReaction r{namesOf(crn, initial, waste),
                        namesOf(crn, finalState, waste)};
        if (r.first != r.second)
          basis.insert(r);
      }
    }
  } catch (NoFormalBasis &e) {
    result.verdict = Verdict::Incorrect;
    result.counterexample = e.counterexample;
    return result;
  }
  result.verdict = Verdict::Correct;
  result.basis.assign(basis.begin(), basis.end());
  return result;
}

PathwayResult checkPathwayDecomposition(const Crn &formal,
                                        const Crn &implementation,
                                        const PathwayOptions &options) {
  Deadline deadline(options.timeLimitSeconds);
  PathwayResult result;
  std::vector<bool> formalFlags(formal.speciesCount(), false);
  std::vector<bool> implFlags(implementation.speciesCount(), false);
  for (SpeciesIndex f : formal.usedSpecies()) {
    formalFlags[f] = true;
    if (auto s = implementation.lookup(formal.speciesNames[f]))
      implFlags[*s] = true;
  }
  try {
    FormalBasisResult spec = formalBasis(formal, formalFlags, deadline);
    FormalBasisResult impl = formalBasis(implementation, implFlags, deadline);
    result.implementationBasis = impl.basis;
    if (spec.verdict != Verdict::Correct || impl.verdict != Verdict::Correct) {
      result.verdict = Verdict::Incorrect;
      result.counterexample = impl.verdict != Verdict::Correct
                                  ? impl.counterexample
                                  : spec.counterexample;
      return result;
    }
    for (const NamedReaction &r : impl.basis)
      if (!std::binary_search(spec.basis.begin(), spec.basis.end(), r)) {
        result.verdict = Verdict::Incorrect;
        result.counterexample = Counterexample{
            "formal basis",
            "the implementation has a prime formal pathway " + formatNamed(r) +
                " that is not a formal reaction",
            ""};
        return result;
      }
    for (const NamedReaction &r : spec.basis)
      if (!std::binary_search(impl.basis.begin(), impl.basis.end(), r)) {
        result.verdict = Verdict::Incorrect;
        result.counterexample = Counterexample{
            "formal basis",
            "no prime formal pathway of the implementation implements the "
            "formal reaction " +
                formatNamed(r),
            ""};
        return result;
      }
  } catch (DeadlineExpired &) {
    result.verdict = Verdict::Unknown;
    result.unknownReason = deadline.reason();
    return result;
  }
  result.verdict = Verdict::Correct;
  return result;
}

} // namespace crnc::verify
