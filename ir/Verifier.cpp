//===- Verifier.cpp - generic invariants of a Module ----------------------===//

#include "ir/Verifier.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringSet.h"
#include <cmath>

using namespace crnc;
using namespace crnc::ir;

static bool isValidRate(double rate) {
  return std::isfinite(rate) && rate >= 0;
}

static void verifyTerms(const Module &m, const Reaction &r,
                        const TermList &terms, DiagnosticEngine &diags,
                        bool &ok) {
  for (const Term &t : terms) {
    if (t.species >= m.speciesCount()) {
      diags.error(r.loc, "reaction refers to species #" +
                             llvm::Twine(t.species) +
                             " but the module has only " +
                             llvm::Twine(m.speciesCount()));
      ok = false;
      continue;
    }
    if (t.count == 0) {
      diags.error(r.loc, "reaction has a zero stoichiometry for '" +
                             m.getSpecies(t.species).name + "'");
      ok = false;
    }
  }
}

LogicalResult ir::verify(const Module &m, DiagnosticEngine &diags) {
  bool ok = true;
  llvm::StringSet<> names;
  for (const Species &s : m.allSpecies()) {
    if (s.name.empty()) {
      diags.error(s.loc, "species with an empty name");
      ok = false;
    } else if (!names.insert(s.name).second) {
      diags.error(s.loc, "species '" + s.name + "' is declared twice");
      ok = false;
    }
    if (!std::isfinite(s.initial) || (s.initial < 0 && !s.isSigned)) {
      diags.error(s.loc, "species '" + s.name + "' has initial value " +
                             formatNumber(s.initial) +
                             "; it must be finite and non-negative unless the "
                             "species is signed");
      ok = false;
    }
  }
  for (const Reaction &r : m.allReactions()) {
    verifyTerms(m, r, r.reactants, diags, ok);
    verifyTerms(m, r, r.products, diags, ok);
    if (!isValidRate(r.rate) ||
        (r.reverseRate && !isValidRate(*r.reverseRate))) {
      diags.error(r.loc, "reaction has a rate that is negative or not finite");
      ok = false;
    }
    if (r.phase != NoPhase && r.phase >= m.allPhases().size()) {
      diags.error(r.loc, "reaction refers to a phase that does not exist");
      ok = false;
    }
  }
  return success(ok);
}

static void checkRate(const Module &m, const Reaction &r, double rate,
                      const LegalityConstraints &c, DiagnosticEngine &diags,
                      bool &ok) {
  if (rate == 0)
    return;
  if ((c.minRate && rate < *c.minRate) || (c.maxRate && rate > *c.maxRate)) {
    diags.error(r.loc, "rate " + formatNumber(rate) + " of '" +
                           reactionEquation(m, r) +
                           "' is outside the realisable range");
    ok = false;
  }
}

LogicalResult ir::verifyLegality(const Module &m, const LegalityConstraints &c,
                                 DiagnosticEngine &diags) {
  bool ok = true;
  for (const Species &s : m.allSpecies()) {
    if (s.isSigned && !c.allowSigned) {
      diags.error(s.loc, "species '" + s.name +
                             "' is signed; run 'dual-rail' before this stage");
      ok = false;
    }
  }
  for (const Reaction &r : m.allReactions()) {
    unsigned forward = r.order(), backward = r.productOrder();
    if (forward > c.maxReactants ||
        (r.isReversible() && backward > c.maxReactants)) {
      diags.error(r.loc, "reaction '" + reactionEquation(m, r) + "' has " +
                             llvm::Twine(std::max(forward, backward)) +
                             " reactants; at most " +
                             llvm::Twine(c.maxReactants) + " are allowed here");
      ok = false;
    }
    if (backward > c.maxProducts ||
        (r.isReversible() && forward > c.maxProducts)) {
      diags.error(r.loc, "reaction '" + reactionEquation(m, r) +
                             "' has more than " + llvm::Twine(c.maxProducts) +
                             " products");
      ok = false;
    }
    if (r.phase != NoPhase && !c.allowPhases) {
      diags.error(r.loc, "reaction '" + reactionEquation(m, r) +
                             "' is in a phase; run 'gate-phases' first");
      ok = false;
    }
    checkRate(m, r, r.rate, c, diags, ok);
    if (r.reverseRate)
      checkRate(m, r, *r.reverseRate, c, diags, ok);
  }
  return success(ok);
}
