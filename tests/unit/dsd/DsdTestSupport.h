// Test helpers: a formal CRN written as "A + B -> C" (or "<=>") becomes a
// legal ir::Module and is compiled with a scheme; the 62 test CRNs come from
// tests/data/nuskell-verdicts.json.
#ifndef CRNC_TESTS_UNIT_DSD_DSDTESTSUPPORT_H
#define CRNC_TESTS_UNIT_DSD_DSDTESTSUPPORT_H

#include "backends/dsd/Scheme.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>
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

/// .crnir `text` parsed; fails the test on a parse error.
inline std::unique_ptr<ir::Module> parseModule(llvm::StringRef text,
                                               DiagnosticEngine &diags) {
  auto module = ir::parseModuleFromString(text, diags, "in.crnir");
  REQUIRE(module);
  return module;
}

/// .crnir of A + B -> C at k = 0.0002 /nM/s (2e5 /M/s), C_max 1000 nM.
inline constexpr const char *abcModule = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  reaction A + B -> C [k = 0.0002]
})";

/// A parsed .crnir module and its design.
struct CompiledText {
  std::unique_ptr<ir::Module> module;
  dna::Design design;
};

/// .crnir `text` parsed and compiled with `options`; fails the test on an
/// error. Warnings are left in `diags`.
inline CompiledText compileText(llvm::StringRef text,
                                const dsd::SchemeOptions &options,
                                DiagnosticEngine &diags) {
  std::unique_ptr<ir::Module> module = parseModule(text, diags);
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  return {std::move(module), std::move(*design)};
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
