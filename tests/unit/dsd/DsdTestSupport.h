// Test helpers: a formal CRN written as "A + B -> C" (or "<=>") becomes a
// legal ir::Module and is compiled with a scheme; the 62 test CRNs come from
// tests/data/nuskell-verdicts.json.
#ifndef CRNC_TESTS_UNIT_DSD_DSDTESTSUPPORT_H
#define CRNC_TESTS_UNIT_DSD_DSDTESTSUPPORT_H

#include "backends/dsd/Scheme.h"
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace crnc::test {

inline ir::TermList crnSide(ir::Module &m, llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef, 4> names;
  text.split(names, '+', -1, false);
  ir::TermList terms;
  for (llvm::StringRef n : names) {
    n = n.trim();
    if (n.empty())
      continue;
    terms.push_back(ir::Term{m.getOrAddSpecies(n, Location()), 1});
  }
  ir::normalizeTerms(terms);
  return terms;
}

/// "A + A -> B", "A <=> B + C": one reaction, species in order of mention.
inline std::unique_ptr<ir::Module> crnModule(llvm::StringRef crn) {
  auto m = std::make_unique<ir::Module>("test");
  m->unit = ConcUnit::nM;
  bool reversible = crn.contains("<=>");
  auto [lhs, rhs] = crn.split(reversible ? "<=>" : "->");
  ir::Reaction r;
  r.reactants = crnSide(*m, lhs);
  r.products = crnSide(*m, rhs);
  if (reversible)
    r.reverseRate = 1.0;
  m->addReaction(r);
  return m;
}

struct CompileResult {
  std::unique_ptr<ir::Module> module;
  std::optional<dna::Design> design;
};

inline CompileResult compileCRN(llvm::StringRef crn, llvm::StringRef scheme,
                                dsd::SchemeOptions options = {}) {
  CompileResult result;
  result.module = crnModule(crn);
  options.kind = dsd::lookupScheme(scheme)->kind;
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto design = dsd::compile(*result.module, options, diags);
  if (design)
    result.design = std::move(*design);
  else
    llvm::consumeError(design.takeError());
  return result;
}

inline nlohmann::json verdictData() {
  std::ifstream in(CRNC_TEST_DATA_DIR "/nuskell-verdicts.json");
  return nlohmann::json::parse(in);
}

/// The 62 CRNs of Nuskell's test set, in the data file's order.
inline std::vector<std::string> testCRNs() {
  std::vector<std::string> crns;
  // Keep the document alive: `verdictData()["crns"]` in the range-for would
  // reference into a temporary destroyed before the loop runs.
  nlohmann::json data = verdictData();
  for (const auto &entry : data["crns"])
    crns.push_back(entry["crn"].get<std::string>());
  return crns;
}

} // namespace crnc::test

#endif
