//===- Sequestration.cpp - what holding signals in gates does to rates ----===//
//
// The sequestration model of map-rates (Soloveichik, Seelig & Winfree 2010,
// buffer modules): which reactant each gate holds, how much each direction
// slows, and the holds or rates under which every direction slows alike.
//
//===----------------------------------------------------------------------===//

#include "lib/passes/Sequestration.h"
#include "ir/ModelAttributes.h"
#include "lib/analysis/JoinOrder.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::ir;

/// How much it costs to hold `s` in a gate: nothing for a constant species
/// (the environment keeps it at its level), a clock last (it would be held
/// by every gate of its phase), otherwise what `s` already holds.
static double holdCost(const Module &module, SpeciesId s,
                       const std::vector<double> &alpha) {
  const Species &sp = module.getSpecies(s);
  if (sp.constant)
    return -1;
  if (sp.role == SpeciesRole::Clock)
    return INFINITY;
  return alpha[s];
}

/// Picks the reactant that the SSW gate holds (X1: the cheapest by holdCost;
/// fuels are gates themselves and never X1), moves it to the front of `side`
/// and returns it.
std::optional<SpeciesId>
sequestration::chooseGated(const Module &module, TermList &side,
                           const std::vector<double> &alpha) {
  std::optional<size_t> best;
  for (size_t i = 0; i < side.size(); ++i) {
    SpeciesId s = side[i].species;
    if (module.getSpecies(s).role == SpeciesRole::Fuel)
      continue;
    if (!best || holdCost(module, s, alpha) <
                     holdCost(module, side[*best].species, alpha))
      best = i;
  }
  if (!best)
    return std::nullopt;
  std::rotate(side.begin(), side.begin() + *best, side.begin() + *best + 1);
  return side.front().species;
}

/// Rewrites `side` in the binding order `order` (its reactants other than
/// gate fuels), the gate fuels after them.
static void writeOrder(TermList &side, const std::vector<SpeciesId> &order,
                       const std::vector<bool> &gateFuel) {
  TermList out;
  for (SpeciesId s : order) {
    if (!out.empty() && out.back().species == s) {
      ++out.back().count;
      continue;
    }
    out.push_back(Term{s, 1});
  }
  for (const Term &t : side)
    if (gateFuel[t.species])
      out.push_back(t);
  side = std::move(out);
}

/// The holds of the first reactants of `dirs` (directions in module order,
/// holding by `share` = q / qmax); fuels are gates themselves and hold
/// nothing.
static std::vector<double>
firstHolds(const Module &module, llvm::ArrayRef<analysis::JoinDirection> dirs,
           const std::vector<double> &share) {
  std::vector<double> alpha(module.speciesCount(), 0);
  for (size_t d = 0; d < dirs.size(); ++d) {
    if (dirs[d].reactants.empty())
      continue;
    SpeciesId s = dirs[d].reactants.front();
    if (module.getSpecies(s).role != SpeciesRole::Fuel)
      alpha[s] += share[d];
  }
  return alpha;
}

/// A model's input: an input the lab protocol loads from the data's
/// features (`load` = "x:i"; a plain CRN's species are inputs too).
static bool isModelInput(const Species &sp) {
  return sp.role == SpeciesRole::Input &&
         model::featureColumn(sp.attrs).has_value();
}

/// What holding each species costs when choosing among join orders of equal
/// crosstalk (as holdCost: a constant species nothing, a clock most); with
/// `avoidInputs`, an input next to a clock (see noCrosstalkHolds).
static std::vector<double> holdPrices(const Module &module, bool avoidInputs) {
  constexpr double ClockPrice = 1e6, InputPrice = 1e3;
  std::vector<double> price(module.speciesCount(), 1);
  for (SpeciesId s = 0; s < module.speciesCount(); ++s) {
    const Species &sp = module.getSpecies(s);
    if (sp.constant || sp.role == SpeciesRole::Fuel)
      price[s] = 0;
    else if (sp.role == SpeciesRole::Clock)
      price[s] = ClockPrice;
    else if (avoidInputs && isModelInput(sp))
      price[s] = InputPrice;
  }
  return price;
}

/// The largest hold of `alpha` (map-rates' sequestration before buffers).
static double largestHold(const std::vector<double> &alpha) {
  return alpha.empty() ? 0 : *std::max_element(alpha.begin(), alpha.end());
}

/// Reorders every direction of `module` against output crosstalk and, among
/// orders of equal crosstalk, towards evenly spread holds
/// (analysis::orderAgainstOutputCrosstalk, from the greedy order); returns
/// the holds of the new first reactants.
/// A model's input stays at the level the sample set through both clock
/// phases, while its partners (the error, the weights) move, so a join that
/// holds the partner and takes the input second is drained by a constant
/// level (SSW's H = q [L] X1 / (q_b [B] + q_2 X2)), which calibration
/// measures (RateCalibration.h, atPartnerLevels); holding the input instead,
/// the README regression's 'X2 + E_n' gate was drained by E_n (5.6 units on
/// the first gen-data row) only in the backward phase. Inputs are therefore
/// priced next to clocks, unless that raises the largest hold (the
/// sequestration every species is buffered to, which sets the lab time).
static std::vector<double> noCrosstalkHolds(Module &module, double qmax) {
  std::vector<bool> fuel = analysis::gateFuels(module);
  analysis::HoldBalance balance;
  for (const Reaction &r : module.allReactions()) {
    balance.share.push_back(r.rate / qmax);
    if (r.reverseRate)
      balance.share.push_back(*r.reverseRate / qmax);
  }
  std::vector<analysis::JoinDirection> dirs;
  std::vector<double> alpha;
  bool inputs = llvm::any_of(module.allSpecies(), isModelInput);
  for (bool avoidInputs : {true, false}) {
    if (!inputs && !avoidInputs)
      break;
    std::vector<analysis::JoinDirection> trial =
        analysis::joinDirections(module, fuel, /*placeCatalysts=*/true);
    balance.price = holdPrices(module, avoidInputs);
    analysis::orderAgainstOutputCrosstalk(trial, &balance);
    std::vector<double> holds = firstHolds(module, trial, balance.share);
    if (dirs.empty() || largestHold(holds) < largestHold(alpha) * (1 - 1e-9))
      dirs = std::move(trial), alpha = std::move(holds);
  }
  size_t d = 0;
  for (Reaction &r : module.allReactions()) {
    writeOrder(r.reactants, dirs[d++].reactants, fuel);
    if (r.reverseRate)
      writeOrder(r.products, dirs[d++].reactants, fuel);
  }
  return alpha;
}

std::vector<double> sequestration::gatedHolds(Module &module, double qmax,
                                              lowering::JoinOrder order) {
  std::vector<double> alpha(module.speciesCount(), 0);
  for (Reaction &r : module.allReactions()) {
    if (auto s = chooseGated(module, r.reactants, alpha))
      alpha[*s] += r.rate / qmax;
    if (r.reverseRate)
      if (auto s = chooseGated(module, r.products, alpha))
        alpha[*s] += *r.reverseRate / qmax;
  }
  if (order == lowering::JoinOrder::LeastHeld)
    return alpha;
  return noCrosstalkHolds(module, qmax);
}

/// Slowdown of one direction: prod (1 + alpha_X) over its held reactants.
double sequestration::slowdown(const Module &module, const TermList &side,
                               const std::vector<double> &alpha) {
  double f = 1;
  for (const Term &t : side)
    if (!module.getSpecies(t.species).constant)
      f *= std::pow(1 + alpha[t.species], double(t.count));
  return f;
}

/// The slowdown every direction shares when sequestration changes no ratio
/// of rates (within qmin/qmax), else nullopt.
std::optional<double> sequestration::commonSlowdown(
    const Module &module, const std::vector<double> &alpha, double tolerance) {
  double low = INFINITY, high = 0;
  for (const Reaction &r : module.allReactions()) {
    double f = slowdown(module, r.reactants, alpha);
    low = std::min(low, f), high = std::max(high, f);
    if (!r.reverseRate)
      continue;
    f = slowdown(module, r.products, alpha);
    low = std::min(low, f), high = std::max(high, f);
  }
  if (high == 0)
    return 1.0;
  if (high / low - 1 > tolerance)
    return std::nullopt;
  return high;
}

/// Every direction (reactants, and products of a reversible reaction).
std::vector<const TermList *> sequestration::directions(const Module &module) {
  std::vector<const TermList *> out;
  for (const Reaction &r : module.allReactions()) {
    out.push_back(&r.reactants);
    if (r.reverseRate)
      out.push_back(&r.products);
  }
  return out;
}

/// Holds beta_X >= alpha_X (fraction of X in gates and buffers) under which
/// every direction slows down by the same F = max f (a time-scaled copy),
/// raising few species; nullopt when the greedy search finds none:
///   1. F is the slowdown of the most held direction,
///   2. for each direction below F, raise the candidate reactant that can
///      rise most without lifting any direction it takes part in above F,
///   3. succeed when every direction reaches F (within qmin / qmax).
std::optional<std::vector<double>> sequestration::equalisingHolds(
    const Module &module, const std::vector<double> &alpha,
    const std::vector<bool> &candidate, double tolerance) {
  std::vector<const TermList *> dirs = directions(module);
  // uses[X]: (direction, copies of X among its reactants).
  std::vector<std::vector<std::pair<size_t, unsigned>>> uses(
      module.speciesCount());
  std::vector<double> f(dirs.size());
  double target = 1, tol = tolerance;
  for (size_t d = 0; d < dirs.size(); ++d) {
    for (const Term &t : *dirs[d]) {
      auto &u = uses[t.species];
      if (u.empty() || u.back().first != d)
        u.emplace_back(d, 0);
      u.back().second += t.count;
    }
    f[d] = slowdown(module, *dirs[d], alpha);
    target = std::max(target, f[d]);
  }
  // How far (1 + beta_X) may be multiplied before a direction passes F.
  auto headroom = [&](SpeciesId x) {
    double room = INFINITY;
    for (auto [d, copies] : uses[x])
      room = std::min(room, std::pow(target / f[d], 1.0 / copies));
    return room;
  };
  std::vector<double> beta = alpha;
  for (size_t d = 0; d < dirs.size(); ++d) {
    while (f[d] * (1 + tol) < target) {
      std::optional<SpeciesId> best;
      double bestRoom = 1 + tol;
      for (const Term &t : *dirs[d])
        if (candidate[t.species] && headroom(t.species) > bestRoom)
          best = t.species, bestRoom = headroom(t.species);
      if (!best)
        return std::nullopt;
      beta[*best] = (1 + beta[*best]) * bestRoom - 1;
      for (auto [e, copies] : uses[*best])
        f[e] *= std::pow(bestRoom, double(copies));
    }
  }
  return beta;
}

/// Rates under which every direction slows down by the same F without
/// buffers (a time-scaled copy in the totals): a direction held by
/// f = prod (1 + alpha_X) runs at q f / F, which lowers the holds alpha it
/// sets; iterated to the fixed point
///   r_d = q_d f_d(alpha(r)) / F(r),  alpha_X = sum of r_d / qmax over the
///   directions X is gated in,  F = max f_d,
/// which every r_d <= q_d keeps realisable. Returns F and rewrites the rates,
/// or nullopt (rates untouched) when the iteration does not settle.
/// The reactant a gate holds when the held one is first (gatedHolds):
/// none when the side is empty or starts with a constant or a fuel.
static std::optional<SpeciesId> heldReactant(const Module &module,
                                             const TermList &side) {
  if (side.empty())
    return std::nullopt;
  const Species &s = module.getSpecies(side.front().species);
  if (s.constant || s.role == SpeciesRole::Fuel)
    return std::nullopt;
  return side.front().species;
}

std::optional<double> sequestration::equaliseRates(Module &module,
                                                   double qmax) {
  std::vector<std::pair<TermList *, double *>> dirs;
  for (Reaction &r : module.allReactions()) {
    dirs.push_back({&r.reactants, &r.rate});
    if (r.reverseRate)
      dirs.push_back({&r.products, &*r.reverseRate});
  }
  auto gated = [&](const TermList &side) { return heldReactant(module, side); };
  std::vector<double> q, r;
  for (auto [side, rate] : dirs)
    q.push_back(*rate);
  r = q;
  double big = 0;
  for (int round = 0; round < 500; ++round) {
    std::vector<double> alpha(module.speciesCount(), 0), f(dirs.size());
    for (size_t d = 0; d < dirs.size(); ++d)
      if (std::optional<SpeciesId> g = gated(*dirs[d].first))
        alpha[*g] += r[d] / qmax;
    big = 1;
    for (size_t d = 0; d < dirs.size(); ++d)
      big = std::max(big, f[d] = slowdown(module, *dirs[d].first, alpha));
    double change = 0;
    for (size_t d = 0; d < dirs.size(); ++d) {
      double next = q[d] * f[d] / big;
      change =
          std::max(change, std::fabs(next - r[d]) / std::max(q[d], 1e-300));
      r[d] = next;
    }
    if (change > 1e-12)
      continue;
    for (size_t d = 0; d < dirs.size(); ++d)
      *dirs[d].second = r[d];
    return big;
  }
  return std::nullopt;
}

std::vector<double> sequestration::gateHolds(const Module &module,
                                             double qmax) {
  std::vector<double> alpha(module.speciesCount(), 0);
  auto buffer = [&](const Reaction &r) {
    for (const TermList *side : {&r.reactants, &r.products})
      for (const Term &t : *side)
        if (lowering::get(module.getSpecies(t.species).attrs,
                          lowering::BufferOf))
          return true;
    return false;
  };
  for (const Reaction &r : module.allReactions()) {
    if (buffer(r))
      continue;
    if (std::optional<SpeciesId> s = heldReactant(module, r.reactants))
      alpha[*s] += r.rate / qmax;
    if (r.reverseRate)
      if (std::optional<SpeciesId> s = heldReactant(module, r.products))
        alpha[*s] += *r.reverseRate / qmax;
  }
  return alpha;
}
