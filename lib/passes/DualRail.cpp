//===- DualRail.cpp - signed species as differences of two rails ----------===//
//
// Requires: a verified module.
// Guarantees: no species is signed. Each signed X becomes X_p and X_n (role,
// constancy, attributes and location kept; attributes rail_of = "X" and
// rail = "p" / "n" added; initial values max(x0, 0) and max(-x0, 0)) with
// X = X_p - X_n, plus an annihilation X_p + X_n -> 0 at `annihilation-rate`.
// Unsigned species keep their trajectories; every rail difference follows the
// original ODE exactly (annihilation changes both rails equally).
//
// Construction (as in the Neural CRN papers). A direction with monomial rate
// k * prod x_i^(s_i) is expanded over the rail choices of its signed
// reactants: choosing j negative copies of a signed X with stoichiometry s
// contributes the factor C(s, j) (x_p)^(s-j) (x_n)^j and the sign (-1)^j; the
// product of those signs is the combination's sign sigma. Each combination is
// one reaction at rate k * prod C(s, j) that returns all its reactants and, for
// each species with net change D in the original, adds sigma*D: for a signed
// species |D| copies of the rail sign(sigma*D), for an unsigned species
// ordinary production or consumption (consumption needs enough copies among
// the reactants; otherwise the original could drive it negative, which is an
// error asking to declare it signed). A reaction without signed reactants or
// products is kept as it is.
//
// Simplification (default, `catalytic=false`): producing a copy of the
// opposite rail of a rail that is among the reactants is replaced by consuming
// that reactant copy, which has the same effect on X_p - X_n and keeps the
// rails small (X -> 0 becomes X_p -> 0 and X_n -> 0).
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>
#include <cassert>
#include <cmath>

using namespace crnc;
using namespace crnc::ir;

namespace {

class DualRailPass : public Pass, private DualRailOptions {
public:
  explicit DualRailPass(const DualRailOptions &options)
      : DualRailOptions(options) {
    addNumberOption("annihilation-rate", &annihilationRate,
                    "rate of X_p + X_n -> 0 (module unit^-1 s^-1)");
    addFlagOption("catalytic", &catalytic,
                  "keep the pure catalytic form (no consumption of rails)");
  }
  llvm::StringRef name() const override { return "dual-rail"; }
  llvm::StringRef summary() const override {
    return "represent each signed species as the difference of two "
           "non-negative rails";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;
};

/// The two rails of a signed species (or the species itself twice).
struct Rails {
  SpeciesId positive, negative;
  bool isSigned;
};

/// One reactant slot of a direction: species, stoichiometry and rails.
struct Slot {
  SpeciesId original;
  unsigned count;
  Rails rails;
};

} // namespace

/// Turns each signed X into X_p (in place) and X_n (appended; moved next to
/// X_p at the end by placeRailsTogether). Returns the rails per species id.
static std::vector<Rails> splitSignedSpecies(Module &module) {
  std::vector<Rails> rails;
  size_t original = module.speciesCount();
  for (SpeciesId s = 0; s < original; ++s) {
    Species &sp = module.getSpecies(s);
    if (!sp.isSigned) {
      rails.push_back(Rails{s, s, false});
      continue;
    }
    std::string base = sp.name;
    sp.isSigned = false;
    Species neg = sp;
    neg.initial = sp.initial < 0 ? -sp.initial : 0;
    neg.name = base + "_n";
    sp.initial = sp.initial > 0 ? sp.initial : 0;
    for (Species *rail : {&sp, &neg}) {
      lowering::set(rail->attrs, lowering::RailOf, base);
      model::set(rail->attrs, model::SignalRail,
                 rail == &sp ? model::Rail::Positive : model::Rail::Negative);
    }
    module.renameSpecies(s, base + "_p");
    SpeciesId n = module.addSpecies(std::move(neg));
    rails.push_back(Rails{s, n, true});
  }
  return rails;
}

/// Renumbers the species so that each X_n directly follows its X_p.
static void placeRailsTogether(Module &module,
                               const std::vector<Rails> &rails) {
  std::vector<SpeciesId> order;
  for (const Rails &r : rails) {
    order.push_back(r.positive);
    if (r.isSigned)
      order.push_back(r.negative);
  }
  std::vector<SpeciesId> newId(module.speciesCount());
  std::vector<bool> isRail(module.speciesCount(), false);
  for (const Rails &r : rails)
    if (r.isSigned)
      isRail[r.positive] = isRail[r.negative] = true;
  Module rebuilt(module.name);
  rebuilt.unit = module.unit;
  rebuilt.attrs = module.attrs;
  rebuilt.allParameters() = module.allParameters();
  rebuilt.allPhases() = module.allPhases();
  for (SpeciesId old : order)
    newId[old] = rebuilt.addSpecies(module.getSpecies(old));
  // The map is monotone on everything but the rails, so only sides with a
  // rail need sorting again.
  for (Reaction &r : module.allReactions()) {
    for (TermList *side : {&r.reactants, &r.products}) {
      bool hasRail = false;
      for (Term &t : *side) {
        hasRail |= isRail[t.species];
        t.species = newId[t.species];
      }
      if (hasRail)
        normalizeTerms(*side);
    }
  }
  rebuilt.allReactions() = std::move(module.allReactions());
  module = std::move(rebuilt);
}

static int netChangeOf(const TermList &in, const TermList &out, SpeciesId s);
static unsigned countIn(const TermList &terms, SpeciesId s) {
  unsigned n = 0;
  for (const Term &t : terms)
    n += t.species == s ? t.count : 0;
  return n;
}

static bool hasSignedReactant(const Module &m, const TermList &in) {
  for (const Term &t : in)
    if (m.getSpecies(t.species).isSigned)
      return true;
  return false;
}

/// A direction with a signed reactant has rate terms of both signs; it may
/// then only increase an unsigned species it also consumes enough of (so the
/// negative terms become mass-action consumption). Reports the others.
static LogicalResult checkUnsignedChanges(const Module &module,
                                          DiagnosticEngine &diags) {
  bool ok = true;
  auto check = [&](const Reaction &r, const TermList &in, const TermList &out) {
    if (!hasSignedReactant(module, in))
      return;
    for (const Term &t : out) {
      const Species &sp = module.getSpecies(t.species);
      int change = netChangeOf(in, out, t.species);
      if (sp.isSigned || change <= 0 || int(countIn(in, t.species)) >= change)
        continue;
      diags.error(r.loc, "reaction '" + reactionEquation(module, r) +
                             "' produces unsigned species '" + sp.name +
                             "' at a rate whose sign depends on a signed "
                             "reactant; declare '" +
                             sp.name + "' signed");
      ok = false;
    }
  };
  for (const Reaction &r : module.allReactions()) {
    check(r, r.reactants, r.products);
    if (r.reverseRate)
      check(r, r.products, r.reactants);
  }
  return success(ok);
}

/// Fails (with a located error per clash) when a rail name is taken.
static LogicalResult checkRailNames(const Module &module,
                                    DiagnosticEngine &diags) {
  bool ok = true;
  for (const Species &sp : module.allSpecies()) {
    if (!sp.isSigned)
      continue;
    for (const char *suffix : {"_p", "_n"}) {
      if (!module.lookupSpecies(sp.name + suffix))
        continue;
      diags.error(sp.loc, "cannot split signed species '" + sp.name +
                              "': a species named '" + sp.name + suffix +
                              "' already exists");
      ok = false;
    }
  }
  return success(ok);
}

static double binomial(unsigned n, unsigned k) {
  double c = 1;
  for (unsigned i = 1; i <= k; ++i)
    c = c * (n - k + i) / i;
  return c;
}

namespace {
/// Expands one direction into its rail combinations.
class RailExpander {
public:
  RailExpander(const std::vector<Rails> &rails, bool catalytic)
      : rails(rails), catalytic(catalytic) {}
  /// Appends the combinations of `in -> out` at `rate`.
  void expand(const TermList &in, const TermList &out, double rate,
              const Reaction &origin, std::vector<Reaction> &result);

private:
  void emitCombination(const std::vector<Slot> &slots,
                       const std::vector<unsigned> &negatives,
                       const TermList &in, const TermList &out, double rate,
                       const Reaction &origin, std::vector<Reaction> &result);
  void applyChange(SpeciesId s, int change, TermList &products);

  const std::vector<Rails> &rails;
  bool catalytic;
};
} // namespace

static int netChangeOf(const TermList &in, const TermList &out, SpeciesId s) {
  int change = 0;
  for (const Term &t : in)
    change -= t.species == s ? int(t.count) : 0;
  for (const Term &t : out)
    change += t.species == s ? int(t.count) : 0;
  return change;
}

/// Removes up to `count` copies of `s` from `terms`; returns how many.
static unsigned takeCopies(TermList &terms, SpeciesId s, unsigned count) {
  for (Term &t : terms) {
    if (t.species != s)
      continue;
    unsigned taken = std::min(count, t.count);
    t.count -= taken;
    return taken;
  }
  return 0;
}

/// Applies a net change of `change` copies (signed, in the original's sense)
/// of original species `s` to the reaction sides; the reactants start as
/// catalysts (copied into `products`).
void RailExpander::applyChange(SpeciesId s, int change, TermList &products) {
  const Rails &r = rails[s];
  unsigned magnitude = change < 0 ? unsigned(-change) : unsigned(change);
  if (!r.isSigned) {
    if (change > 0) {
      products.push_back(Term{s, magnitude});
      return;
    }
    unsigned taken = takeCopies(products, s, magnitude);
    assert(taken == magnitude && "checkUnsignedChanges admitted this reaction");
    (void)taken;
    return;
  }
  SpeciesId rail = change > 0 ? r.positive : r.negative;
  SpeciesId opposite = change > 0 ? r.negative : r.positive;
  if (!catalytic)
    magnitude -= takeCopies(products, opposite, magnitude);
  if (magnitude)
    products.push_back(Term{rail, magnitude});
}

void RailExpander::emitCombination(const std::vector<Slot> &slots,
                                   const std::vector<unsigned> &negatives,
                                   const TermList &in, const TermList &out,
                                   double rate, const Reaction &origin,
                                   std::vector<Reaction> &result) {
  Reaction r;
  r.phase = origin.phase;
  r.loc = origin.loc;
  r.rate = rate;
  int sigma = 1;
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot &slot = slots[i];
    unsigned neg = negatives[i], pos = slot.count - neg;
    if (pos)
      r.reactants.push_back(Term{slot.rails.positive, pos});
    if (neg)
      r.reactants.push_back(Term{slot.rails.negative, neg});
    r.rate *= binomial(slot.count, neg);
    if (neg % 2)
      sigma = -sigma;
  }
  r.products = r.reactants;
  std::vector<SpeciesId> touched;
  for (const TermList *side : {&in, &out})
    for (const Term &t : *side)
      if (std::find(touched.begin(), touched.end(), t.species) == touched.end())
        touched.push_back(t.species);
  for (SpeciesId s : touched) {
    int change = sigma * netChangeOf(in, out, s);
    if (change != 0)
      applyChange(s, change, r.products);
  }
  r.products.erase(std::remove_if(r.products.begin(), r.products.end(),
                                  [](const Term &t) { return t.count == 0; }),
                   r.products.end());
  normalizeTerms(r.reactants);
  normalizeTerms(r.products);
  result.push_back(std::move(r));
}

/// Enumerates the rail choices like an odometer over the signed slots.
void RailExpander::expand(const TermList &in, const TermList &out, double rate,
                          const Reaction &origin,
                          std::vector<Reaction> &result) {
  std::vector<Slot> slots;
  for (const Term &t : in)
    slots.push_back(Slot{t.species, t.count, rails[t.species]});
  std::vector<unsigned> negatives(slots.size(), 0);
  while (true) {
    emitCombination(slots, negatives, in, out, rate, origin, result);
    size_t i = 0;
    for (; i < slots.size(); ++i) {
      if (slots[i].rails.isSigned && negatives[i] < slots[i].count) {
        ++negatives[i];
        break;
      }
      negatives[i] = 0;
    }
    if (i == slots.size())
      return;
  }
}

static bool mentionsSigned(const Reaction &r, const std::vector<Rails> &rails) {
  for (const TermList *side : {&r.reactants, &r.products})
    for (const Term &t : *side)
      if (rails[t.species].isSigned)
        return true;
  return false;
}

static void addAnnihilations(Module &module, const std::vector<Rails> &rails,
                             double rate, std::vector<Reaction> &out) {
  for (const Rails &r : rails) {
    if (!r.isSigned || module.getSpecies(r.positive).constant)
      continue;
    Reaction a;
    a.reactants = {Term{r.positive, 1}, Term{r.negative, 1}};
    a.rate = rate;
    a.loc = module.getSpecies(r.positive).loc;
    out.push_back(std::move(a));
  }
}

LogicalResult DualRailPass::run(Module &module, DiagnosticEngine &diags) {
  if (!(annihilationRate > 0) || !std::isfinite(annihilationRate)) {
    diags.error(Location(), "dual-rail needs annihilation-rate > 0, not " +
                                formatNumber(annihilationRate));
    return failure();
  }
  if (failed(checkRailNames(module, diags)) ||
      failed(checkUnsignedChanges(module, diags)))
    return failure();
  std::vector<Rails> rails = splitSignedSpecies(module);
  RailExpander expander(rails, catalytic);
  std::vector<Reaction> out;
  for (Reaction &r : module.allReactions()) {
    if (!mentionsSigned(r, rails)) {
      out.push_back(std::move(r));
      continue;
    }
    expander.expand(r.reactants, r.products, r.rate, r, out);
    if (r.reverseRate)
      expander.expand(r.products, r.reactants, *r.reverseRate, r, out);
  }
  addAnnihilations(module, rails, annihilationRate, out);
  module.allReactions() = std::move(out);
  placeRailsTogether(module, rails);
  return success();
}

LogicalResult
DualRailPass::verifyPostconditions(const Module &module,
                                   DiagnosticEngine &diags) const {
  bool ok = true;
  for (const Species &s : module.allSpecies()) {
    if (!s.isSigned)
      continue;
    diags.error(s.loc, "dual-rail left species '" + s.name + "' signed");
    ok = false;
  }
  return success(ok);
}

std::unique_ptr<Pass> crnc::createDualRailPass(const DualRailOptions &options) {
  return std::make_unique<DualRailPass>(options);
}
