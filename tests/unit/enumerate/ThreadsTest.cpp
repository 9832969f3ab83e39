// The enumeration is the same on 1 or N threads: complexes (names, order and
// structure), detailed reactions (order and rates, bit for bit), resting
// macrostates and condensed reactions. Input: Nuskell's soloveichik2010
// design of CRN 1 of tests/data/nuskell-verdicts.json (tests/data/enumerate,
// several hundred complexes), and crnc's qian2011 design of A + B -> C.
#include "backends/pil/PILReader.h"
#include "lib/enumerate/Enumerator.h"
#include "llvm/Support/MemoryBuffer.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::enumerate;

static dna::Design readDesignFile(const std::string &path) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  unsigned id = sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  auto design = pil::readPIL(id, diags);
  REQUIRE(design);
  return std::move(*design);
}

static void checkSame(const EnumeratedSystem &a, const EnumeratedSystem &b) {
  REQUIRE(a.complexes.size() == b.complexes.size());
  for (size_t i = 0; i < a.complexes.size(); ++i) {
    CHECK(a.complexes[i].name == b.complexes[i].name);
    CHECK(a.complexes[i].complex == b.complexes[i].complex);
    CHECK(a.complexes[i].macrostate == b.complexes[i].macrostate);
  }
  REQUIRE(a.reactions.size() == b.reactions.size());
  for (size_t i = 0; i < a.reactions.size(); ++i) {
    CHECK(a.reactions[i].kind == b.reactions[i].kind);
    CHECK(a.reactions[i].reactants == b.reactions[i].reactants);
    CHECK(a.reactions[i].products == b.reactions[i].products);
    CHECK(a.reactions[i].rate == b.reactions[i].rate);
  }
  REQUIRE(a.macrostates.size() == b.macrostates.size());
  for (size_t i = 0; i < a.macrostates.size(); ++i) {
    CHECK(a.macrostates[i].complexes == b.macrostates[i].complexes);
    CHECK(a.macrostates[i].stationary == b.macrostates[i].stationary);
  }
  REQUIRE(a.condensed.size() == b.condensed.size());
  for (size_t i = 0; i < a.condensed.size(); ++i) {
    CHECK(a.condensed[i].reactants == b.condensed[i].reactants);
    CHECK(a.condensed[i].products == b.condensed[i].products);
    CHECK(a.condensed[i].rate == b.condensed[i].rate);
  }
}

TEST_CASE("the enumeration does not depend on the number of threads") {
  for (const char *name : {"nuskell-soloveichik2010-01", "crnc-qian2011-abc"}) {
    INFO(name);
    dna::Design design = readDesignFile(CRNC_TEST_DATA_DIR "/enumerate/" +
                                        std::string(name) + ".pil");
    EnumerateOptions options;
    options.threads = 1;
    auto one = enumerateDesign(design, options);
    REQUIRE(static_cast<bool>(one));
    CHECK(one->complexes.size() > 20);
    for (unsigned threads : {2u, 3u, 8u}) {
      INFO("threads: " << threads);
      options.threads = threads;
      auto many = enumerateDesign(design, options);
      REQUIRE(static_cast<bool>(many));
      checkSame(*one, *many);
    }
  }
}
