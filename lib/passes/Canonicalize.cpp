//===- Canonicalize.cpp - one canonical form per network ------------------===//
//
// Requires: a verified module.
// Guarantees: every term list is sorted by species id with no species twice;
// no reaction has a zero rate (a reversible reaction with one zero direction
// becomes irreversible, oriented along the non-zero one); no reaction leaves
// every species unchanged; no two reactions have the same reactants, products,
// direction and phase (their rates are summed into the first). Dropped
// reactions are reported as warnings at their source location.
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/passes/Passes.h"
#include <map>

using namespace crnc;
using namespace crnc::ir;

namespace {

class CanonicalizePass : public Pass {
public:
  llvm::StringRef name() const override { return "canonicalize"; }
  llvm::StringRef summary() const override {
    return "sort terms, orient reversible reactions, drop zero-rate and no-op "
           "reactions, merge duplicates";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;
};

using ReactionKey = std::vector<uint32_t>;

} // namespace

/// Flattens the identity of a reaction (sides, direction, phase) into a key.
static ReactionKey keyOf(const Reaction &r) {
  ReactionKey key;
  key.reserve(4 + 2 * (r.reactants.size() + r.products.size()));
  key.push_back(r.phase);
  key.push_back(r.isReversible());
  key.push_back(static_cast<uint32_t>(r.reactants.size()));
  for (const Term &t : r.reactants) {
    key.push_back(t.species);
    key.push_back(t.count);
  }
  for (const Term &t : r.products) {
    key.push_back(t.species);
    key.push_back(t.count);
  }
  return key;
}

/// Turns a reversible reaction with one zero direction into an irreversible
/// one.
static void orientReversible(Reaction &r) {
  if (!r.isReversible())
    return;
  if (*r.reverseRate == 0) {
    r.reverseRate.reset();
    return;
  }
  if (r.rate == 0) {
    std::swap(r.reactants, r.products);
    r.rate = *r.reverseRate;
    r.reverseRate.reset();
  }
}

/// A reversible reaction is stored with the smaller side first, so that
/// `A <=> B` and `B <=> A` meet under one key.
static void orderReversibleSides(Reaction &r) {
  if (!r.isReversible())
    return;
  auto side = [](const TermList &terms) {
    std::vector<uint32_t> flat;
    for (const Term &t : terms) {
      flat.push_back(t.species);
      flat.push_back(t.count);
    }
    return flat;
  };
  if (side(r.products) < side(r.reactants)) {
    std::swap(r.reactants, r.products);
    std::swap(r.rate, *r.reverseRate);
  }
}

static bool hasNoNetEffect(const Reaction &r) {
  return r.reactants == r.products;
}

LogicalResult CanonicalizePass::run(Module &module, DiagnosticEngine &diags) {
  std::vector<Reaction> kept;
  kept.reserve(module.reactionCount());
  std::map<ReactionKey, size_t> seen;
  for (Reaction &r : module.allReactions()) {
    normalizeTerms(r.reactants);
    normalizeTerms(r.products);
    if (r.rate == 0 && (!r.isReversible() || *r.reverseRate == 0)) {
      diags.warning(r.loc, "reaction '" + reactionEquation(module, r) +
                               "' has rate 0 and is removed");
      continue;
    }
    orientReversible(r);
    if (hasNoNetEffect(r)) {
      diags.warning(r.loc, "reaction '" + reactionEquation(module, r) +
                               "' changes no species and is removed");
      continue;
    }
    orderReversibleSides(r);
    auto [it, inserted] = seen.try_emplace(keyOf(r), kept.size());
    if (inserted) {
      kept.push_back(std::move(r));
      continue;
    }
    Reaction &first = kept[it->second];
    first.rate += r.rate;
    if (first.reverseRate)
      *first.reverseRate += *r.reverseRate;
  }
  module.allReactions() = std::move(kept);
  return success();
}

LogicalResult
CanonicalizePass::verifyPostconditions(const Module &module,
                                       DiagnosticEngine &diags) const {
  bool ok = true;
  std::map<ReactionKey, size_t> seen;
  for (const Reaction &r : module.allReactions()) {
    TermList sortedReactants = r.reactants, sortedProducts = r.products;
    normalizeTerms(sortedReactants);
    normalizeTerms(sortedProducts);
    bool zero = r.rate == 0 || (r.reverseRate && *r.reverseRate == 0);
    if (sortedReactants != r.reactants || sortedProducts != r.products ||
        zero || hasNoNetEffect(r) || !seen.emplace(keyOf(r), 0).second) {
      diags.error(r.loc, "canonicalize left reaction '" +
                             reactionEquation(module, r) +
                             "' in a non-canonical form");
      ok = false;
    }
  }
  return success(ok);
}

std::unique_ptr<Pass> crnc::createCanonicalizePass() {
  return std::make_unique<CanonicalizePass>();
}
