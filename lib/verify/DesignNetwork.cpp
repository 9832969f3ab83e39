//===- DesignNetwork.cpp - the CRN of a domain-level design ---------------===//

#include "lib/verify/DesignNetwork.h"
#include "lib/support/Units.h"
#include "llvm/ADT/Twine.h"

using namespace crnc;

/// One domain-level reaction as a mass-action reaction of `module`, or
/// nullopt (reported) when its rate cannot be read.
static std::optional<ir::Reaction> reactionOf(const dna::DomainReaction &dr,
                                              const ir::Module &module,
                                              ConcUnit unit,
                                              DiagnosticEngine &diags) {
  ir::Reaction r;
  r.loc = dr.loc;
  for (const std::string &n : dr.reactants)
    r.reactants.push_back({*module.lookupSpecies(n), 1});
  for (const std::string &n : dr.products)
    r.products.push_back({*module.lookupSpecies(n), 1});
  ir::normalizeTerms(r.reactants);
  ir::normalizeTerms(r.products);
  std::optional<double> k;
  if (dr.rate)
    k = convertRateConstant(*dr.rate, dr.rateUnits, r.order(), unit);
  if (!k) {
    diags.error(dr.loc, "cannot use the rate of this reaction: expected a "
                        "constant in units like /M/s or /s matching its "
                        "order " +
                            llvm::Twine(r.order()));
    return std::nullopt;
  }
  r.rate = *k;
  return r;
}

std::unique_ptr<ir::Module> verify::moduleFromDesign(const dna::Design &design,
                                                     llvm::StringRef name,
                                                     llvm::StringRef file,
                                                     DiagnosticEngine &diags) {
  auto module = std::make_unique<ir::Module>(name.str());
  module->unit = design.unit;
  for (const dna::NamedComplex &c : design.allComplexes()) {
    ir::Species s;
    s.name = c.name;
    s.initial = c.concentration.value_or(0);
    s.constant = c.constant;
    s.loc = c.loc;
    module->addSpecies(s);
  }
  if (design.reactions.empty()) {
    diags.error(
        Location::get(file, 1, 1),
        "the PIL file lists no reactions to simulate (enumerate it first)");
    return nullptr;
  }
  for (const dna::DomainReaction &dr : design.reactions) {
    std::optional<ir::Reaction> r = reactionOf(dr, *module, design.unit, diags);
    if (!r)
      return nullptr;
    module->addReaction(std::move(*r));
  }
  return module;
}
