// Helpers for the lib/verify tests: CRNs from .crn text through the front end.
#ifndef CRNC_TESTS_VERIFY_SUPPORT_H
#define CRNC_TESTS_VERIFY_SUPPORT_H

#include "compiler/frontend/Frontend.h"
#include "lib/verify/ImplementationCrn.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>

namespace crnc::test {

/// The CRN of `text` (.crn syntax); fails the test on a front-end error.
inline verify::Crn crnOf(llvm::StringRef text) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setWarningsSuppressed(true); // unused fuels in recorded designs
  std::unique_ptr<ir::Module> module = frontend::compileString(text, diags);
  REQUIRE(module);
  return verify::crnFromModule(*module);
}

/// examples/`file` through the front end; fails the test on an error.
inline std::unique_ptr<ir::Module> exampleModule(llvm::StringRef file) {
  auto buffer = llvm::MemoryBuffer::getFile(std::string(CRNC_SOURCE_DIR) +
                                            "/examples/" + file.str());
  REQUIRE(bool(buffer));
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  auto module = frontend::compileString((*buffer)->getBuffer(), diags);
  REQUIRE(module);
  return module;
}

/// The implementation species names interpreted as `meaning` (formal names).
inline std::string meaningOf(const verify::Interpretation &m,
                             const verify::Crn &impl, const verify::Crn &formal,
                             llvm::StringRef species) {
  std::optional<verify::SpeciesIndex> s = impl.lookup(species);
  REQUIRE(s);
  REQUIRE(m[*s]);
  return m[*s]->empty() ? std::string() : formal.format(*m[*s]);
}

} // namespace crnc::test

#endif
