//===- JoinOrder.cpp - which reactant a join gate binds first -------------===//
//
// Output crosstalk of soloveichik2010's join gates (Soloveichik, Seelig &
// Winfree 2010 leave the binding order open) and the order that avoids it.
//
//===----------------------------------------------------------------------===//

#include "lib/analysis/JoinOrder.h"
#include "ir/LoweringAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>

using namespace crnc;
using namespace crnc::analysis;

std::vector<bool> analysis::gateFuels(const ir::Module &module) {
  std::vector<bool> fuel(module.speciesCount(), false);
  for (ir::SpeciesId id = 0; id < module.speciesCount(); ++id) {
    const ir::Species &s = module.getSpecies(id);
    fuel[id] = s.role == ir::SpeciesRole::Fuel && s.constant && s.initial > 0 &&
               !ir::lowering::get(s.attrs, ir::lowering::BufferOf);
  }
  // A species that an irreversible reaction produces is a signal, not a gate
  // fuel. In a reversible reaction a gate fuel stands on one side (map-rates
  // gives a direction of order one its fuel: B + A <=> A + G) and is part of
  // that direction's gate, not a product of the other.
  // A buffer module (X + LS <=> HS + BS) keeps LS and BS as fuel complexes.
  auto isBuffer = [&](const ir::Reaction &r) {
    for (const ir::Term &t : r.reactants)
      if (ir::lowering::get(module.getSpecies(t.species).attrs,
                            ir::lowering::BufferOf))
        return true;
    return false;
  };
  for (const ir::Reaction &r : module.allReactions()) {
    if (r.isReversible() && !isBuffer(r))
      continue;
    for (const ir::Term &t : r.products)
      fuel[t.species] = false;
    if (r.isReversible())
      for (const ir::Term &t : r.reactants)
        fuel[t.species] = false;
  }
  return fuel;
}

std::vector<ir::SpeciesId>
analysis::catalystPlaced(const std::vector<ir::SpeciesId> &forward,
                         std::vector<ir::SpeciesId> backward) {
  if (forward.size() < 2 || backward.size() < 2)
    return backward; // one reactant: no second gate step to confuse
  std::vector<bool> placed(backward.size(), false);
  for (size_t i = 0; i < forward.size() && i < backward.size(); ++i) {
    if (backward[i] == forward[i]) {
      placed[i] = true;
      continue;
    }
    for (size_t k = 0; k < backward.size(); ++k)
      if (!placed[k] && backward[k] == forward[i]) {
        std::swap(backward[i], backward[k]);
        placed[i] = true;
        break;
      }
  }
  return backward;
}

/// `terms` expanded (2 A gives A, A) without the gate fuels.
static std::vector<ir::SpeciesId> joinSide(const ir::TermList &terms,
                                           const std::vector<bool> &gateFuel) {
  std::vector<ir::SpeciesId> ids;
  for (const ir::Term &t : terms)
    if (!gateFuel[t.species])
      ids.insert(ids.end(), t.count, t.species);
  return ids;
}

std::vector<JoinDirection>
analysis::joinDirections(const ir::Module &module,
                         const std::vector<bool> &gateFuel,
                         bool placeCatalysts) {
  std::vector<JoinDirection> dirs;
  for (const ir::Reaction &r : module.allReactions()) {
    std::vector<ir::SpeciesId> in = joinSide(r.reactants, gateFuel);
    std::vector<ir::SpeciesId> out = joinSide(r.products, gateFuel);
    dirs.push_back({in, out});
    if (!r.isReversible())
      continue;
    dirs.push_back({placeCatalysts ? catalystPlaced(in, out) : out, in});
  }
  return dirs;
}

namespace {
/// outputCrosstalk kept up to date while single directions change: the
/// releases and the join steps (entries) per (X, Y), and their product sum.
class CrosstalkCount {
public:
  explicit CrosstalkCount(llvm::ArrayRef<JoinDirection> dirs) {
    for (const JoinDirection &d : dirs)
      add(d, +1);
  }
  size_t count() const { return total; }
  /// Adds (`sign` +1) or removes (-1) the releases and entries of `d`.
  void add(const JoinDirection &d, int sign) {
    for (size_t i = 0; i + 1 < d.reactants.size(); ++i)
      change(entries, releases, {d.reactants[i], d.reactants[i + 1]}, sign);
    if (d.reactants.empty())
      return;
    std::vector<ir::SpeciesId> products = d.products;
    llvm::sort(products);
    products.erase(std::unique(products.begin(), products.end()),
                   products.end());
    for (ir::SpeciesId y : products)
      change(releases, entries, {d.reactants.back(), y}, sign);
  }

private:
  using Pair = std::pair<ir::SpeciesId, ir::SpeciesId>;
  /// One more (or fewer) `mine` at `p` meets every `theirs` at `p`.
  void change(std::map<Pair, size_t> &mine,
              const std::map<Pair, size_t> &theirs, Pair p, int sign) {
    auto it = theirs.find(p);
    size_t met = it == theirs.end() ? 0 : it->second;
    if (sign > 0) {
      ++mine[p];
      total += met;
      return;
    }
    --mine[p];
    total -= met;
  }
  std::map<Pair, size_t> releases, entries;
  size_t total = 0;
};

/// Change of sum price_s hold_s^2 when a direction (share q) is held by
/// `to` instead of `from`.
double balanceChange(const HoldBalance &balance,
                     const std::vector<double> &hold, ir::SpeciesId from,
                     ir::SpeciesId to, double q) {
  auto square = [](double x) { return x * x; };
  return balance.price[to] * (square(hold[to] + q) - square(hold[to])) +
         balance.price[from] * (square(hold[from] - q) - square(hold[from]));
}
} // namespace

size_t analysis::outputCrosstalk(llvm::ArrayRef<JoinDirection> dirs) {
  return CrosstalkCount(dirs).count();
}

void analysis::orderAgainstOutputCrosstalk(
    llvm::MutableArrayRef<JoinDirection> dirs, const HoldBalance *balance) {
  CrosstalkCount counter(dirs);
  std::vector<double> hold;
  if (balance) {
    hold.assign(balance->price.size(), 0);
    for (size_t d = 0; d < dirs.size(); ++d)
      if (!dirs[d].reactants.empty())
        hold[dirs[d].reactants.front()] += balance->share[d];
  }
  // Every accepted swap lowers (count, balance) in lexicographic order, so
  // no state repeats and the loop ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < dirs.size(); ++i) {
      JoinDirection &d = dirs[i];
      if (d.reactants.size() != 2 || d.reactants[0] == d.reactants[1])
        continue;
      size_t before = counter.count();
      counter.add(d, -1);
      std::swap(d.reactants[0], d.reactants[1]);
      counter.add(d, +1);
      ir::SpeciesId from = d.reactants[1], to = d.reactants[0];
      double q = balance ? balance->share[i] : 0;
      bool better =
          counter.count() < before ||
          (counter.count() == before && balance &&
           balanceChange(*balance, hold, from, to, q) < -1e-12 * q * q);
      if (better) {
        if (balance)
          hold[from] -= q, hold[to] += q;
        changed = true;
        continue;
      }
      counter.add(d, -1);
      std::swap(d.reactants[0], d.reactants[1]);
      counter.add(d, +1);
    }
  }
}
