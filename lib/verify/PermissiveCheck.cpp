//===- PermissiveCheck.cpp - the permissive condition (graph search) ------===//
//
// For each formal reaction r = (R, P):
//  1. M = the minimal implementation states S with m(S) >= R.
//  2. Every state in M starts "open" with no reachable states and no free
//     null species (species interpreted as nothing).
//  3. Repeat until nothing changes: an open state closes if a reaction that
//     implements r can fire in it (missing reactants must be free nulls), or
//     if a trivial reaction leads to a superset of a closed state. A trivial
//     step S -> S' (S' in M contained in the result) adds S' and everything S'
//     reaches to S's reachable set; when S' also reaches S, the step is a
//     loop, and the nulls it produces (and those S' has free) become free for
//     S, because a loop can be run any number of times.
//  4. r is permitted if every state of M closed.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/PermissiveCheck.h"
#include <set>

namespace crnc::verify {

Multiset interpretMultiset(const Interpretation &interpretation,
                           llvm::ArrayRef<SpeciesIndex> m) {
  Multiset out;
  for (SpeciesIndex s : m)
    out.append(interpretation[s]->begin(), interpretation[s]->end());
  canonicalize(out);
  return out;
}

static void coverStates(llvm::ArrayRef<SpeciesIndex> remaining,
                        const Interpretation &interpretation,
                        llvm::ArrayRef<SpeciesIndex> species, Multiset &current,
                        std::set<Multiset> &out) {
  if (remaining.empty()) {
    Multiset state = current;
    canonicalize(state);
    out.insert(state);
    return;
  }
  SpeciesIndex first = remaining.front();
  for (SpeciesIndex s : species) {
    const Multiset &meaning = *interpretation[s];
    if (!std::binary_search(meaning.begin(), meaning.end(), first))
      continue;
    current.push_back(s);
    coverStates(multisetDifference(remaining, meaning), interpretation, species,
                current, out);
    current.pop_back();
  }
}

std::vector<Multiset> minimalImplementationStates(
    llvm::ArrayRef<SpeciesIndex> formalReactants,
    const Interpretation &interpretation,
    llvm::ArrayRef<SpeciesIndex> implementationSpecies) {
  std::set<Multiset> candidates;
  Multiset current;
  coverStates(formalReactants, interpretation, implementationSpecies, current,
              candidates);
  std::vector<Multiset> out;
  for (const Multiset &state : candidates) {
    bool minimal = true;
    for (size_t i = 0; i < state.size() && minimal; ++i) {
      Multiset smaller = state;
      smaller.erase(smaller.begin() + i);
      if (multisetContains(interpretMultiset(interpretation, smaller),
                           formalReactants))
        minimal = false;
    }
    if (minimal)
      out.push_back(state);
  }
  return out;
}

namespace {
/// The graph search of one formal reaction over its minimal states.
class ReactionGraphSearch {
public:
  ReactionGraphSearch(std::vector<Multiset> states,
                      std::vector<const CrnReaction *> implementing,
                      std::vector<const CrnReaction *> trivial,
                      std::vector<bool> isNull)
      : states(std::move(states)), implementing(std::move(implementing)),
        trivial(std::move(trivial)), isNull(std::move(isNull)),
        done(this->states.size(), false), freeNulls(this->states.size()),
        reaches(this->states.size(),
                std::vector<bool>(this->states.size(), false)) {}

  /// Index of a state that never closes, if any.
  std::optional<size_t> run(const Deadline &deadline) {
    for (bool changed = true; changed;) {
      if (deadline.expired())
        throw DeadlineExpired();
      changed = false;
      for (size_t i = 0; i < states.size(); ++i)
        if (!done[i])
          changed |= visit(i);
    }
    for (size_t i = 0; i < states.size(); ++i)
      if (!done[i])
        return i;
    return std::nullopt;
  }

private:
  bool canFire(const CrnReaction &r, size_t i) const {
    for (SpeciesIndex s : multisetDifference(r.reactants, states[i]))
      if (!freeNulls[i].count(s))
        return false;
    return true;
  }

  /// One pass over state i; returns true if anything changed.
  bool visit(size_t i) {
    for (const CrnReaction *r : implementing)
      if (canFire(*r, i))
        return done[i] = true;
    bool changed = false;
    for (const CrnReaction *r : trivial) {
      if (!canFire(*r, i))
        continue;
      Multiset next =
          multisetSum(multisetDifference(states[i], r->reactants), r->products);
      for (size_t j = 0; j < states.size(); ++j) {
        if (!multisetContains(next, states[j]))
          continue;
        if (done[j])
          return done[i] = true;
        changed |= step(i, j, next);
      }
    }
    return changed;
  }

  /// Records the trivial step i -> j (through state `next`).
  bool step(size_t i, size_t j, const Multiset &next) {
    bool changed = false;
    if (reaches[j][i]) {
      std::set<SpeciesIndex> gained = freeNulls[j];
      for (SpeciesIndex s : next)
        if (isNull[s])
          gained.insert(s);
      for (SpeciesIndex s : gained)
        changed |= freeNulls[i].insert(s).second;
    }
    if (!reaches[i][j])
      reaches[i][j] = changed = true;
    for (size_t k = 0; k < states.size(); ++k)
      if (reaches[j][k] && !reaches[i][k])
        reaches[i][k] = changed = true;
    return changed;
  }

  std::vector<Multiset> states;
  std::vector<const CrnReaction *> implementing, trivial;
  std::vector<bool> isNull, done;
  std::vector<std::set<SpeciesIndex>> freeNulls;
  std::vector<std::vector<bool>> reaches;
};
} // namespace

std::optional<PermissiveFailure>
checkPermissive(const Crn &formal, const Crn &implementation,
                const Interpretation &interpretation,
                const Deadline &deadline) {
  std::vector<SpeciesIndex> species = implementation.usedSpecies();
  std::vector<bool> isNull(implementation.speciesCount(), false);
  for (SpeciesIndex s : species)
    isNull[s] = interpretation[s]->empty();
  std::vector<std::pair<Multiset, Multiset>> meaning;
  std::vector<const CrnReaction *> trivial;
  for (const CrnReaction &r : implementation.reactions) {
    meaning.emplace_back(interpretMultiset(interpretation, r.reactants),
                         interpretMultiset(interpretation, r.products));
    if (meaning.back().first == meaning.back().second)
      trivial.push_back(&r);
  }
  for (size_t c = 0; c < formal.reactions.size(); ++c) {
    const CrnReaction &fr = formal.reactions[c];
    std::vector<const CrnReaction *> implementing;
    for (size_t k = 0; k < implementation.reactions.size(); ++k)
      if (meaning[k].first == fr.reactants && meaning[k].second == fr.products)
        implementing.push_back(&implementation.reactions[k]);
    std::vector<Multiset> states =
        minimalImplementationStates(fr.reactants, interpretation, species);
    ReactionGraphSearch search(states, implementing, trivial, isNull);
    if (std::optional<size_t> stuck = search.run(deadline))
      return PermissiveFailure{c, states[*stuck]};
  }
  return std::nullopt;
}

} // namespace crnc::verify
