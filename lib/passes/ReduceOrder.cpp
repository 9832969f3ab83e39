//===- ReduceOrder.cpp - higher-order reactions to bimolecular chains -----===//
//
// Requires: a verified module without phases (run gate-phases first: clock
// gating adds a catalyst and so raises the order of every gated reaction).
// Guarantees: every direction of every reaction has at most 2 reactants; with
// max-products=m (m >= 2) every irreversible reaction has at most m products.
// New species are intermediates (initial 0) at the location of the reaction
// they come from.
//
// Construction (fast-equilibrium binding chain). A direction a1 + ... + an -> P
// with rate k (n > 2, reactants expanded by stoichiometry, clock species bound
// last) becomes
//   a1 + a2 <=> I1,  I1 + a3 <=> I2,  ...,  I(n-2) + an -> P
// Every binding step has equilibrium constant K = eps/X (X: concentration
// scale) and one module-wide unbinding rate kr = max(lambda, C) / eps, where
// lambda is the fastest first-order rate k X^(order-1) in the module and C
// the largest total rate at which final steps (rate k' = k / K^(n-2) each)
// consume one intermediate, times the partner's level (a clock's on-level,
// which the schedule never exceeds; X for any other species). Chains with the
// same bound prefix share its intermediates (dual-rail combinations of one
// reaction do), which also lowers the sequestration. In the fast-equilibrium
// limit I(j) = K^j a1...a(j+1) and the last step fires at k' K^(n-2) a1...an =
// k a1...an: the original kinetics. The last intermediate also leaves by the
// last step, at S = sum k' c over its clocked last steps (clock c at its
// on-level); its unbinding rate is kr - S, so that it leaves at kr in all and
// sits at exactly the K a1...a(n-1) its last step assumes while the clock is
// on (with kr alone it sat at kr / (kr + S) of that, and every gated chain ran
// 1/(1 + eps) too slow: a gated trimolecular reaction at eps 0.02 read 0.9765
// of the model, now 0.9960, the rest its sequestration; ReduceOrderTest). A
// clock off leaves the intermediate at K a1...a(n-1) kr / (kr - S), at most
// 1/(1 - eps) of it. Error bound, to first order, while every concentration is
// <= X: the intermediates sequester at most a fraction eps of each partner per
// chain it enters (the sequestration of a species shared by c chains is <=
// c*eps), and the quasi-steady-state lag adds a relative flux error <= eps
// (none at quasi-steady state for a clocked last step, by kr - S above); so
// the flux of each reduced reaction is within about (n-1)*eps of the original.
// The sequestration is what remains and it does not wait for the phase: the
// first pair binds whether or not its clock is on (the regression example's
// backward chains hold its inputs by the error the forward phase builds, its
// probe output reads 1.8 % short).
// A reversible reaction reduces both sides this way; its middle step keeps
// the original rates divided by the K powers of the two sides. A product side
// longer than max-products is released by a chain of fast unimolecular steps
// (J -> p + J') at the unbinding rate, which only delays products by ~1/kr.
//
// Compensation (compensate-holds; `crnc compile --data` and `crnc train`
// turn it on with the data's input levels, compiler/driver). The first pair a +
// b <=> I holds a by K b and b by K a, and a species that enters several chains
// is held by the sum: every direction it takes part in (the chains' last steps,
// and plain reactions too: a bias update E + clk -> ...) runs on a free level
// (1 + h)-fold below the total the model counts. The hold grows with the
// partners' levels: an Iris row's input at 5.1 units holds the error by 0.13
// over its two chains, and the linear classifier's formal CRN updated its
// weights by 0.78 of the model's (output 0.885, the error's free share 0.885
// again); at 1 unit the README regression's probe read 0.907-0.926. Each
// species' hold h_X = sum, over the signals its chain partners stand for (a
// dual-rail pair once, by its larger rail), of K F x the partner's starting
// level: a loaded input at the data's level (ReduceOrderOptions::loadLevels,
// train::loadLevels: sum x^2 / sum |x| of its column; 1 unit, the probe's
// level, without data), a loaded error at one unit, a weight at none
// (training moves it; a trained module must lower to the design it was
// trained on), any other species at its initial value; constant species
// are held by nothing. Then
//   1. each first pair binds F = (1 + h_a)(1 + h_b) times tighter: it
//      unbinds at kr / F - S (the fixed point of F and h, a few rounds), so
//      its last step fires at F K a_free b_free = K a b at those levels,
//      with k' and kr as before (no faster step, no longer lab time);
//   2. every other direction, and a chain's last step for reactants after
//      its first pair, is raised by prod (1 + h_X) over its held reactants;
//      dual-rail annihilations are left as written (their rate only keeps
//      the rails small).
// Measured (crnc compile --data, model / formal CRN weight changes): an
// Iris row 0.78 -> 0.97-1.15 (the data's levels are the rows' average),
// the regression's gen-data rows 0.86-0.94 -> 0.97-1.04, the probe 0.907
// -> 1.000 at unit levels (lib/verify/README.md). Holds of the deeper
// intermediates of chains longer than three (K^2 and smaller), by weights and
// by partners that start at 0 are not compensated; they stay within the bound
// above.
//
// Default eps = 0.02: the lowered network's lab time goes as 1 / eps^2 (kr
// above is C / eps, and C = k / K grows as 1 / eps), its error as eps: a
// trimolecular test network deviates by 2.0 % (EquivalenceTest), a signed
// two-phase learner after the whole lowering by 2.1 % (PipelineTest; 4.2 %
// while the chains unbound at kr), inside the 5 % threshold of `crnc verify
// --resimulate`.
//
// Exact alternative: no construction with a bounded number of new species
// reproduces a trimolecular monomial exactly in general; the exact route is
// quadratization of the ODE (Hemery, Fages & Soliman, CMSB 2020), which may be
// exponentially larger and needs dual-rail afterwards. It is not offered here.
//
//===----------------------------------------------------------------------===//

#include "ir/LoweringAttributes.h"
#include "ir/ModelAttributes.h"
#include "ir/Printer.h"
#include "lib/passes/FreshNames.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace crnc;
using namespace crnc::ir;

namespace {

class ReduceOrderPass : public Pass, private ReduceOrderOptions {
public:
  explicit ReduceOrderPass(const ReduceOrderOptions &options)
      : ReduceOrderOptions(options) {
    addNumberOption("epsilon", &epsilon,
                    "target relative error of the fast-equilibrium chains");
    addNumberOption("conc-scale", &concScale,
                    "largest concentration expected (0: the largest initial "
                    "value, at least 1)");
    addNumberOption("max-products", &maxProducts,
                    "split product sides longer than this (0: never)");
    addFlagOption("compensate-holds", &compensateHolds,
                  "raise each direction by the chains' holds of its "
                  "reactants at the sample's starting levels");
  }
  llvm::StringRef name() const override { return "reduce-order"; }
  llvm::StringRef summary() const override {
    return "rewrite reactions with more than two reactants into bimolecular "
           "fast-equilibrium chains";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;
};

using SpeciesPair = std::pair<SpeciesId, SpeciesId>;

/// What compensation decided: each species' hold by the chains' first pairs
/// (h), and how much tighter each first pair binds than K.
struct Compensation {
  std::vector<double> hold;
  std::map<SpeciesPair, double> pairFactor;
  bool capped = false; ///< some pair reached MaxTighter
};

/// The most a first pair binds tighter than K: the fixed point below exists
/// only while K x the partner's level stays below 1/4 (12.5 units at eps
/// 0.02); beyond it the holds are made up for only this far.
constexpr double MaxTighter = 4;

/// Rates shared by every chain of one module.
struct ChainRates {
  double eps;    ///< target relative error
  double scale;  ///< concentration scale X
  double lambda; ///< fastest first-order rate of the module
  /// 1/K, the inverse binding equilibrium constant (exact for eps = 1/n).
  double invK() const { return scale / eps; }
};

/// Rewrites one reaction into chains, appending to `out`.
class ChainBuilder {
public:
  ChainBuilder(Module &module, const ChainRates &rates, unsigned maxProducts,
               const std::map<SpeciesPair, double> &pairFactor,
               std::vector<Reaction> &out)
      : module(module), rates(rates), maxProducts(maxProducts),
        pairFactor(pairFactor), out(out), names(module) {}
  /// `raised`, `raisedBack`: what compensation multiplied the two
  /// directions' rates by (the chains' pace kr stays the uncompensated one).
  void rewrite(const Reaction &r, double raised = 1, double raisedBack = 1);
  /// Sets the module-wide unbinding rate on every fast step made so far.
  void finish();

private:
  std::vector<SpeciesId> expand(const TermList &terms) const;
  /// Binds all but the last reactant; returns the 2-term side that remains.
  TermList bindSide(const std::vector<SpeciesId> &side, const Reaction &origin);
  TermList releaseProducts(const TermList &products, const Reaction &origin);
  /// Records what the step with reactants `side` consumes of an
  /// intermediate; `lastStep`: the irreversible last step of a chain;
  /// `raised`: the compensation in `rate`, left out of the busiest rate.
  void noteConsumption(const TermList &side, double rate, bool lastStep,
                       double raised);
  SpeciesId newIntermediate(llvm::StringRef base, const Reaction &origin);
  void emit(TermList in, TermList outTerms, double k, std::optional<double> kr,
            const Reaction &origin);

  Module &module;
  const ChainRates &rates;
  unsigned maxProducts;
  /// How much tighter than K each chain's first pair binds (compensation).
  const std::map<SpeciesPair, double> &pairFactor;
  std::vector<Reaction> &out;
  FreshNames names;
  /// Per first-pair intermediate, its pairFactor.
  llvm::DenseMap<SpeciesId, double> tighter;
  /// Intermediate holding each bound pair (smaller id first).
  llvm::DenseMap<std::pair<SpeciesId, SpeciesId>, SpeciesId> complexes;
  /// Total rate at which final steps consume each intermediate (only its
  /// maximum is read, so hash order does not matter).
  llvm::DenseMap<SpeciesId, double> consumption;
  /// The part of `consumption` by irreversible last steps whose partner is
  /// a clock (at its on-level while its phase runs): finish() lowers the
  /// intermediate's unbinding rate by it.
  llvm::DenseMap<SpeciesId, double> clockConsumption;
  std::vector<size_t> bindingSteps, releaseSteps; ///< indices into `out`
};

} // namespace

static bool isClock(const Module &m, SpeciesId s) {
  return m.getSpecies(s).role == SpeciesRole::Clock;
}

/// `terms` expanded by stoichiometry, clocks last (they are bound last).
static std::vector<SpeciesId> expandSide(const Module &m,
                                         const TermList &terms) {
  std::vector<SpeciesId> flat;
  for (const Term &t : terms)
    flat.insert(flat.end(), t.count, t.species);
  std::stable_partition(flat.begin(), flat.end(),
                        [&](SpeciesId s) { return !isClock(m, s); });
  return flat;
}

std::vector<SpeciesId> ChainBuilder::expand(const TermList &terms) const {
  return expandSide(module, terms);
}

SpeciesId ChainBuilder::newIntermediate(llvm::StringRef base,
                                        const Reaction &origin) {
  Species s;
  s.name = names.get(base);
  s.role = SpeciesRole::Intermediate;
  s.loc = origin.loc;
  return module.addSpecies(std::move(s));
}

void ChainBuilder::emit(TermList in, TermList outTerms, double k,
                        std::optional<double> kr, const Reaction &origin) {
  normalizeTerms(in);
  normalizeTerms(outTerms);
  Reaction r;
  r.reactants = std::move(in);
  r.products = std::move(outTerms);
  r.rate = k;
  r.reverseRate = kr;
  r.loc = origin.loc;
  out.push_back(std::move(r));
}

TermList ChainBuilder::bindSide(const std::vector<SpeciesId> &side,
                                const Reaction &origin) {
  if (side.size() <= 2) {
    TermList terms;
    for (SpeciesId s : side)
      terms.push_back(Term{s, 1});
    normalizeTerms(terms);
    return terms;
  }
  SpeciesId held = side[0];
  for (size_t j = 1; j + 1 < side.size(); ++j) {
    auto key = std::minmax(held, side[j]);
    auto [it, fresh] =
        complexes.try_emplace(std::make_pair(key.first, key.second), 0);
    if (fresh) {
      std::string base = "c_" + module.getSpecies(held).name;
      if (module.getSpecies(held).role == SpeciesRole::Intermediate)
        base = module.getSpecies(held).name;
      it->second =
          newIntermediate(base + "_" + module.getSpecies(side[j]).name, origin);
      consumption[it->second] = 0;
      auto f = pairFactor.find(SpeciesPair(key.first, key.second));
      if (j == 1 && f != pairFactor.end())
        tighter[it->second] = f->second;
      bindingSteps.push_back(out.size());
      emit({Term{held, 1}, Term{side[j], 1}}, {Term{it->second, 1}}, 0, 0.0,
           origin);
    }
    held = it->second;
  }
  TermList last{Term{held, 1}, Term{side.back(), 1}};
  normalizeTerms(last);
  return last;
}

/// The highest level `s` reaches: a clock's on-level, else the scale X.
static double partnerLevel(const Module &m, SpeciesId s, double scale) {
  if (!isClock(m, s))
    return scale;
  return lowering::get(m.getSpecies(s).attrs, lowering::ClockOn)
      .value_or(scale);
}

void ChainBuilder::noteConsumption(const TermList &side, double rate,
                                   bool lastStep, double raised) {
  for (const Term &t : side) {
    auto held = consumption.find(t.species);
    if (held == consumption.end())
      continue;
    double level = rates.scale;
    bool clocked = false;
    for (const Term &u : side)
      if (u.species != t.species) {
        level = partnerLevel(module, u.species, rates.scale);
        clocked = isClock(module, u.species);
      }
    held->second += rate / raised * level;
    if (lastStep && clocked && t.count == 1)
      clockConsumption[t.species] += rate * level;
  }
}

TermList ChainBuilder::releaseProducts(const TermList &products,
                                       const Reaction &origin) {
  std::vector<SpeciesId> flat;
  for (const Term &t : products)
    flat.insert(flat.end(), t.count, t.species);
  if (maxProducts < 2 || flat.size() <= maxProducts)
    return products;
  // The middle step emits the first maxProducts-1 products and a carrier J;
  // each J releases the next group, the last one everything left.
  auto group = [&](size_t from, size_t count) {
    TermList g;
    for (size_t i = from; i < from + count; ++i)
      g.push_back(Term{flat[i], 1});
    return g;
  };
  size_t done = maxProducts - 1;
  SpeciesId carrier =
      newIntermediate("p_" + module.getSpecies(flat[done]).name, origin);
  TermList first = group(0, done);
  first.push_back(Term{carrier, 1});
  while (flat.size() - done > maxProducts) {
    SpeciesId next = newIntermediate(
        "p_" + module.getSpecies(flat[done + maxProducts - 1]).name, origin);
    TermList g = group(done, maxProducts - 1);
    g.push_back(Term{next, 1});
    releaseSteps.push_back(out.size());
    emit({Term{carrier, 1}}, std::move(g), 0, std::nullopt, origin);
    done += maxProducts - 1;
    carrier = next;
  }
  releaseSteps.push_back(out.size());
  emit({Term{carrier, 1}}, group(done, flat.size() - done), 0, std::nullopt,
       origin);
  return first;
}

void ChainBuilder::rewrite(const Reaction &r, double raised,
                           double raisedBack) {
  std::vector<SpeciesId> left = expand(r.reactants);
  std::vector<SpeciesId> right = expand(r.products);
  auto power = [&](const std::vector<SpeciesId> &side) {
    return side.size() > 2 ? std::pow(rates.invK(), double(side.size() - 2))
                           : 1.0;
  };
  double kf = r.rate * power(left);
  TermList in = bindSide(left, r);
  noteConsumption(in, kf, !r.isReversible(), raised);
  if (!r.isReversible()) {
    TermList products = releaseProducts(r.products, r);
    return emit(std::move(in), std::move(products), kf, std::nullopt, r);
  }
  double kr = *r.reverseRate * power(right);
  TermList outSide = bindSide(right, r);
  noteConsumption(outSide, kr, false, raisedBack);
  emit(std::move(in), std::move(outSide), kf, kr, r);
}

void ChainBuilder::finish() {
  double busiest = 0;
  for (const auto &entry : consumption)
    busiest = std::max(busiest, entry.second);
  double kr = std::max(rates.lambda, busiest) / rates.eps;
  for (size_t i : bindingSteps) {
    out[i].rate = kr / rates.invK();
    // I leaves at kr' + S: unbinding, and the clocked last steps at S.
    // kr' = kr - S keeps I at K a b, the level the last step's k' assumes
    // (kr' = kr would hold I, and run the chain, at kr / (kr + S) of it).
    SpeciesId held = out[i].products.front().species;
    auto clocked = clockConsumption.find(held);
    double s = clocked == clockConsumption.end() ? 0 : clocked->second;
    // A compensated first pair binds f times tighter: it leaves at kr / f.
    auto f = tighter.find(held);
    out[i].reverseRate = kr / (f == tighter.end() ? 1 : f->second) - s;
  }
  for (size_t i : releaseSteps)
    out[i].rate = kr;
}

static bool needsRewrite(const Reaction &r, unsigned maxProducts) {
  if (r.order() > 2 || (r.isReversible() && r.productOrder() > 2))
    return true;
  return !r.isReversible() && maxProducts >= 2 &&
         r.productOrder() > maxProducts;
}

/// The level species `s` starts a sample at, in model units: a loaded input
/// at its data level (1 unit without data), a loaded error at one unit (it
/// runs between the target and the output's distance from it), a weight at
/// none (training moves it, and the design must not depend on where it
/// stands: a trained module is rebuilt as the design it was trained on),
/// any other species at its initial value.
static double startLevel(const Module &m, SpeciesId s,
                         const ReduceOrderOptions &options) {
  const Species &sp = m.getSpecies(s);
  std::optional<model::Load> load = model::get(sp.attrs, model::SampleLoad);
  if (sp.role == SpeciesRole::Weight)
    return 0;
  if (!load)
    return std::fabs(sp.initial);
  if (load->isTarget || sp.role != SpeciesRole::Input)
    return std::max(std::fabs(sp.initial), 1.0);
  auto given = options.loadLevels.find(model::formatValue(*load));
  return given != options.loadLevels.end() ? given->second : 1.0;
}

/// The signal a species stands for (the two rails of one share it).
static std::string signalOf(const Species &sp) {
  return findAttribute(sp.attrs, "signal").value_or(sp.name).str();
}

/// The first bound pair of every chain (smaller id first).
static std::set<SpeciesPair> firstPairs(const Module &module, unsigned maxP) {
  std::set<SpeciesPair> pairs;
  for (const Reaction &r : module.allReactions()) {
    if (!needsRewrite(r, maxP))
      continue;
    for (const TermList *side : {&r.reactants, &r.products}) {
      if (side == &r.products && !r.isReversible())
        break;
      std::vector<SpeciesId> flat = expandSide(module, *side);
      if (flat.size() > 2)
        pairs.insert(std::minmax(flat[0], flat[1]));
    }
  }
  return pairs;
}

/// Per species, the share of its free level that the first pairs hold at
/// the starting levels with binding constants K x factor[pair]: over the
/// signals its partners stand for, the larger rail's.
static std::vector<double>
pairHolds(const Module &module, const std::map<SpeciesPair, double> &factor,
          double invK, const ReduceOrderOptions &options) {
  std::vector<llvm::StringMap<double>> bySignal(module.speciesCount());
  for (const auto &[pair, f] : factor) {
    auto [a, b] = pair;
    for (auto [self, partner] : {pair, std::make_pair(b, a)}) {
      // A pair of one species holds two copies per intermediate.
      double copies = a == b ? 2 : 1;
      double h = copies * f * startLevel(module, partner, options) / invK;
      double &slot = bySignal[self][signalOf(module.getSpecies(partner))];
      slot = std::max(slot, h);
      if (a == b)
        break;
    }
  }
  std::vector<double> hold(module.speciesCount(), 0);
  for (SpeciesId s = 0; s < module.speciesCount(); ++s)
    if (!module.getSpecies(s).constant)
      for (const auto &entry : bySignal[s])
        hold[s] += entry.getValue();
  return hold;
}

/// The fixed point of "each first pair binds (1 + h_a)(1 + h_b) times
/// tighter than K, at most MaxTighter, and the holds h follow from the
/// pairs" (the factors only grow, bounded: at most 100 rounds).
static Compensation compensation(const Module &module, double invK,
                                 unsigned maxP,
                                 const ReduceOrderOptions &options) {
  Compensation c;
  for (SpeciesPair pair : firstPairs(module, maxP))
    c.pairFactor[pair] = 1;
  for (int round = 0; round < 100; ++round) {
    c.hold = pairHolds(module, c.pairFactor, invK, options);
    double change = 0;
    for (auto &[pair, f] : c.pairFactor) {
      double next = (1 + c.hold[pair.first]) * (1 + c.hold[pair.second]);
      if (next >= MaxTighter)
        next = MaxTighter, c.capped = true;
      change = std::max(change, std::fabs(next - f) / f);
      f = next;
    }
    if (change < 1e-12)
      break;
  }
  c.hold = pairHolds(module, c.pairFactor, invK, options);
  return c;
}

/// prod (1 + hold) over `flat` from index `skip` on, clocks left out.
static double holdFactor(const Module &module,
                         const std::vector<SpeciesId> &flat, size_t skip,
                         const std::vector<double> &hold) {
  double f = 1;
  for (size_t i = skip; i < flat.size(); ++i)
    if (!isClock(module, flat[i]))
      f *= 1 + hold[flat[i]];
  return f;
}

/// Dual-rail annihilation X_p + X_n -> (nothing): its rate only keeps the
/// rails small, and raising it would set a faster time scale for nothing.
static bool isAnnihilation(const Module &module, const Reaction &r) {
  if (r.reactants.size() != 2 || !r.products.empty() || r.isReversible())
    return false;
  const Species &a = module.getSpecies(r.reactants[0].species);
  const Species &b = module.getSpecies(r.reactants[1].species);
  return findAttribute(a.attrs, "rail") && findAttribute(b.attrs, "rail") &&
         signalOf(a) == signalOf(b);
}

/// Raises every direction of `module` but the annihilations by the holds of
/// its reactants that its chain's first pair does not make up for already
/// (a chain's first two reactants), records each positive hold on its
/// species (chain_hold) and returns each reaction's two factors.
static std::vector<std::pair<double, double>>
raiseByHolds(Module &module, const Compensation &c, unsigned maxP) {
  std::vector<std::pair<double, double>> raised(module.reactionCount(),
                                                {1.0, 1.0});
  for (size_t i = 0; i < module.reactionCount(); ++i) {
    Reaction &r = module.allReactions()[i];
    if (isAnnihilation(module, r))
      continue;
    bool rewritten = needsRewrite(r, maxP);
    auto factor = [&](const TermList &side) {
      std::vector<SpeciesId> flat = expandSide(module, side);
      return holdFactor(module, flat, rewritten && flat.size() > 2 ? 2 : 0,
                        c.hold);
    };
    raised[i].first = factor(r.reactants);
    r.rate *= raised[i].first;
    if (!r.reverseRate)
      continue;
    raised[i].second = factor(r.products);
    *r.reverseRate *= raised[i].second;
  }
  for (SpeciesId s = 0; s < module.speciesCount(); ++s)
    if (c.hold[s] > 0)
      lowering::set(module.getSpecies(s).attrs, lowering::ChainHold, c.hold[s]);
  return raised;
}

/// The fastest first-order rate constant k X^(order-1) over all directions.
static double fastestRate(const Module &module, double scale) {
  double lambda = 0;
  for (const Reaction &r : module.allReactions()) {
    if (r.order() > 0)
      lambda = std::max(lambda, r.rate * std::pow(scale, r.order() - 1.0));
    if (r.reverseRate && r.productOrder() > 0)
      lambda = std::max(lambda, *r.reverseRate *
                                    std::pow(scale, r.productOrder() - 1.0));
  }
  return lambda > 0 ? lambda : 1;
}

static double defaultScale(const Module &module) {
  double scale = 1;
  for (const Species &s : module.allSpecies())
    scale = std::max(scale, std::fabs(s.initial));
  return scale;
}

LogicalResult ReduceOrderPass::run(Module &module, DiagnosticEngine &diags) {
  if (!(epsilon > 0 && epsilon < 1) || concScale < 0 || maxProducts < 0 ||
      maxProducts == 1 || maxProducts != std::floor(maxProducts)) {
    diags.error(Location(), "reduce-order needs 0 < epsilon < 1, conc-scale >= "
                            "0 and max-products 0 or an integer >= 2");
    return failure();
  }
  bool ok = true;
  for (const Reaction &r : module.allReactions()) {
    if (r.phase == NoPhase)
      continue;
    diags.error(r.loc, "reaction '" + reactionEquation(module, r) +
                           "' is still in phase '" +
                           module.allPhases()[r.phase].name +
                           "'; run 'gate-phases' before 'reduce-order'");
    ok = false;
  }
  if (!ok)
    return failure();
  ChainRates rates;
  rates.eps = epsilon;
  rates.scale = concScale > 0 ? concScale : defaultScale(module);
  unsigned maxP = static_cast<unsigned>(maxProducts);
  // The chains' pace (lambda, kr) is that of the uncompensated rates.
  rates.lambda = fastestRate(module, rates.scale);
  std::vector<std::pair<double, double>> raised(module.reactionCount(),
                                                {1.0, 1.0});
  Compensation comp;
  if (compensateHolds) {
    comp = compensation(module, rates.invK(), maxP, *this);
    raised = raiseByHolds(module, comp, maxP);
    if (comp.capped)
      diags.warning(Location(),
                    "reduce-order: at the data's input levels the chains hold "
                    "more than epsilon allows (a level above conc-scale / "
                    "(4 epsilon)); their compensation is capped at 4x, so the "
                    "lowered network runs slower than the model there");
  }
  size_t extra = 0;
  for (const Reaction &r : module.allReactions())
    if (needsRewrite(r, maxP))
      extra += r.order() + r.productOrder();
  std::vector<Reaction> out;
  out.reserve(module.reactionCount() + extra);
  ChainBuilder builder(module, rates, maxP, comp.pairFactor, out);
  for (size_t i = 0; i < module.reactionCount(); ++i) {
    Reaction &r = module.allReactions()[i];
    if (needsRewrite(r, maxP))
      builder.rewrite(r, raised[i].first, raised[i].second);
    else
      out.push_back(std::move(r));
  }
  builder.finish();
  module.allReactions() = std::move(out);
  return success();
}

LogicalResult
ReduceOrderPass::verifyPostconditions(const Module &module,
                                      DiagnosticEngine &diags) const {
  bool ok = true;
  unsigned maxP = static_cast<unsigned>(maxProducts);
  for (const Reaction &r : module.allReactions()) {
    if (!needsRewrite(r, maxP))
      continue;
    diags.error(r.loc, "reduce-order left '" + reactionEquation(module, r) +
                           "' with too many reactants or products");
    ok = false;
  }
  return success(ok);
}

std::unique_ptr<Pass>
crnc::createReduceOrderPass(const ReduceOrderOptions &options) {
  return std::make_unique<ReduceOrderPass>(options);
}
