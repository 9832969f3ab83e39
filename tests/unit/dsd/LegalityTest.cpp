// The DSD backend rejects IR that is not yet legal for it, with located
// errors, and never lowers IR itself.
#include "backends/dsd/Scheme.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>

using namespace crnc;

namespace {
struct Outcome {
  bool ok = false;
  std::string error;
  std::vector<Diagnostic> diagnostics;
};
} // namespace

static Outcome compileText(llvm::StringRef text,
                           llvm::StringRef scheme = "soloveichik2010") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  auto module = ir::parseModuleFromString(text, diags, "in.crnir");
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.kind = dsd::lookupScheme(scheme)->kind;
  auto design = dsd::compile(*module, options, diags);
  Outcome out;
  out.ok = static_cast<bool>(design);
  if (!design)
    out.error = llvm::toString(design.takeError());
  out.diagnostics = captured.all();
  return out;
}

TEST_CASE("trimolecular reactions are rejected at their line") {
  Outcome out = compileText("module \"m\" {\n"
                            "  species A : signal = 1\n"
                            "  species B : signal = 1\n"
                            "  reaction 2 A + B -> B [k = 1]\n"
                            "}\n");
  CHECK(!out.ok);
  CHECK(out.error.find("not legal") != std::string::npos);
  REQUIRE(!out.diagnostics.empty());
  CHECK(out.diagnostics[0].loc.line == 4);
  CHECK(out.diagnostics[0].message.find("3 reactants") != std::string::npos);
}

TEST_CASE("the reverse direction counts too") {
  Outcome out = compileText("module \"m\" {\n"
                            "  species A : signal = 1\n"
                            "  reaction A <=> 3 A [kf = 1, kr = 1]\n"
                            "}\n");
  CHECK(!out.ok);
  REQUIRE(!out.diagnostics.empty());
  CHECK(out.diagnostics[0].loc.line == 3);
}

TEST_CASE("signed species and phases are rejected") {
  Outcome signedOut = compileText("module \"m\" {\n"
                                  "  species A : signal = 1 signed\n"
                                  "  reaction A -> [k = 1]\n"
                                  "}\n");
  CHECK(!signedOut.ok);
  REQUIRE(!signedOut.diagnostics.empty());
  CHECK(signedOut.diagnostics[0].message.find("dual-rail") !=
        std::string::npos);
  Outcome phased = compileText("module \"m\" {\n"
                               "  phase p\n"
                               "  species A : signal = 1\n"
                               "  reaction A -> [k = 1] phase p\n"
                               "}\n");
  CHECK(!phased.ok);
  REQUIRE(!phased.diagnostics.empty());
  CHECK(phased.diagnostics[0].loc.line == 4);
}

TEST_CASE("species names must be usable as complex names") {
  Outcome out = compileText("module \"m\" {\n"
                            "  species \"X y\" : signal = 1\n"
                            "  reaction \"X y\" -> [k = 1]\n"
                            "}\n");
  CHECK(!out.ok);
  REQUIRE(!out.diagnostics.empty());
  CHECK(out.diagnostics[0].loc.line == 2);
  CHECK(out.diagnostics[0].message.find("'X y'") != std::string::npos);
}

TEST_CASE("unknown schemes are named with the known ones") {
  llvm::Expected<dsd::SchemeKind> kind = dsd::parseScheme("nonesuch");
  REQUIRE(!kind);
  std::string error = llvm::toString(kind.takeError());
  CHECK(error == "unknown scheme 'nonesuch' (known: soloveichik2010, "
                 "srinivas2015, qian2011, cardelli2013)");
  CHECK(dsd::parseScheme("qian2011").get() == dsd::SchemeKind::Qian2011);
}

TEST_CASE("every registered scheme has a summary and a paper") {
  CHECK(dsd::allSchemes().size() == 4);
  for (const dsd::SchemeInfo &s : dsd::allSchemes()) {
    CHECK(!s.summary.empty());
    CHECK(!s.reference.empty());
    CHECK(dsd::lookupScheme(s.name) == &s);
    CHECK(&dsd::schemeInfo(s.kind) == &s);
  }
  CHECK(dsd::lookupScheme("nonesuch") == nullptr);
}

TEST_CASE("names that PIL readers take for fuels draw a warning") {
  Outcome out = compileText("module \"m\" {\n"
                            "  species fish : signal = 1\n"
                            "  reaction fish -> [k = 1]\n"
                            "}\n");
  CHECK(out.ok);
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].severity == Severity::Warning);
  CHECK(out.diagnostics[0].loc.line == 2);
}
