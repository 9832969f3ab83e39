//===- RemoveDead.cpp - drop what the dynamics can never reach ------------===//
//
// Requires: a verified module.
// Guarantees: every remaining reaction can fire in at least one direction and
// every remaining species is present initially or producible from the initial
// state (analysis::computeReachability: a species is present initially when
// its value is non-zero or the environment supplies it: input, target, fuel,
// clock). Exception: output species are kept even when unreachable (a reader
// expects them; they stay at zero), with a warning. Each removed species and
// reaction is reported as a warning at its source location.
//
// This is structural (mass-action) reachability: a species that is unreachable
// stays exactly zero under the ODE and in every stochastic run, so removing it
// and the reactions that need it leaves every other trajectory unchanged.
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/analysis/ReactionGraph.h"
#include "lib/passes/Passes.h"

using namespace crnc;
using namespace crnc::ir;

namespace {

class RemoveDeadPass : public Pass {
public:
  llvm::StringRef name() const override { return "remove-dead"; }
  llvm::StringRef summary() const override {
    return "remove species that can never be produced and reactions that can "
           "never fire";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;
};

} // namespace

static bool isKeptWhenUnreachable(const Species &s) {
  return s.role == SpeciesRole::Output;
}

/// The first reactant of the forward direction that is not reachable.
static std::string missingReactant(const Module &module, const Reaction &r,
                                   const std::vector<bool> &reachable) {
  for (const Term &t : r.reactants)
    if (!reachable[t.species])
      return module.getSpecies(t.species).name;
  return "";
}

/// Removes the reactions that cannot fire, with a warning each.
static void removeDeadReactions(Module &module,
                                const analysis::Reachability &reach,
                                DiagnosticEngine &diags) {
  std::vector<Reaction> kept;
  kept.reserve(module.reactionCount());
  std::vector<Reaction> &reactions = module.allReactions();
  for (size_t r = 0; r < reactions.size(); ++r) {
    if (reach.reactionCanFire(r)) {
      kept.push_back(std::move(reactions[r]));
      continue;
    }
    diags.warning(reactions[r].loc,
                  "reaction '" + reactionEquation(module, reactions[r]) +
                      "' can never fire ('" +
                      missingReactant(module, reactions[r], reach.species) +
                      "' is never present) and is removed");
  }
  reactions = std::move(kept);
}

LogicalResult RemoveDeadPass::run(Module &module, DiagnosticEngine &diags) {
  analysis::Reachability reach = analysis::computeReachability(module);
  removeDeadReactions(module, reach, diags);
  for (SpeciesId s = 0; s < module.speciesCount(); ++s) {
    if (reach.species[s])
      continue;
    const Species &sp = module.getSpecies(s);
    if (isKeptWhenUnreachable(sp)) {
      diags.warning(sp.loc, "output species '" + sp.name +
                                "' can never be produced; it is kept and stays "
                                "at zero");
      continue;
    }
    diags.warning(sp.loc, "species '" + sp.name +
                              "' can never be produced from the initial state "
                              "and is removed");
  }
  module.eraseSpecies([&](SpeciesId s) {
    return !reach.species[s] && !isKeptWhenUnreachable(module.getSpecies(s));
  });
  return success();
}

LogicalResult
RemoveDeadPass::verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const {
  analysis::Reachability reach = analysis::computeReachability(module);
  bool ok = true;
  for (size_t r = 0; r < module.reactionCount(); ++r) {
    if (reach.reactionCanFire(r))
      continue;
    diags.error(module.allReactions()[r].loc,
                "remove-dead left a reaction that can never fire");
    ok = false;
  }
  for (SpeciesId s = 0; s < module.speciesCount(); ++s) {
    const Species &sp = module.getSpecies(s);
    if (reach.species[s] || isKeptWhenUnreachable(sp))
      continue;
    diags.error(sp.loc,
                "remove-dead left unreachable species '" + sp.name + "'");
    ok = false;
  }
  return success(ok);
}

std::unique_ptr<Pass> crnc::createRemoveDeadPass() {
  return std::make_unique<RemoveDeadPass>();
}
