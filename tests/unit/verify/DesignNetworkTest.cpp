// A PIL design with domain-level reactions as a reaction network
// (lib/verify/DesignNetwork.h): species per complex, rates converted to the
// design's unit and seconds (2.5e5 /M/s = 2.5e-4 /nM/s), located errors.
#include "lib/verify/DesignNetwork.h"
#include "backends/pil/PILReader.h"
#include "llvm/Support/MemoryBuffer.h"
#include <catch2/catch.hpp>

using namespace crnc;

namespace {
struct Parsed {
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os{messages};
  DiagnosticEngine diags{sm, os};
  std::unique_ptr<ir::Module> module;
  explicit Parsed(llvm::StringRef text) {
    unsigned id = sm.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(text, "sys.pil"), llvm::SMLoc());
    std::optional<dna::Design> design = pil::readPIL(id, diags);
    REQUIRE(design);
    module = verify::moduleFromDesign(*design, "sys", "sys.pil", diags);
  }
};
} // namespace

TEST_CASE("complexes become species and reactions keep their rates") {
  Parsed p("length t = 5\nlength x = 15\n"
           "X = t x @initial 10 nM\n"
           "f1 = x( t( + ) ) t* @constant 100 nM\n"
           "reaction [condensed = 2.5e5 /M/s] X + f1 -> f1\n");
  REQUIRE(p.module);
  CHECK(p.module->speciesCount() == 2);
  CHECK(p.module->getSpecies(0).initial == 10);
  CHECK(p.module->getSpecies(1).constant);
  REQUIRE(p.module->reactionCount() == 1);
  CHECK(p.module->allReactions()[0].rate == Approx(2.5e-4));
}

TEST_CASE("a rate in units of the wrong order is a located error") {
  Parsed p("length t = 5\nlength x = 15\n"
           "X = t x @initial 10 nM\n"
           "f1 = x( t( + ) ) t* @constant 100 nM\n"
           "reaction [condensed = 2.5e5 /s] X + f1 -> f1\n");
  CHECK_FALSE(p.module);
  CHECK(p.os.str().find("sys.pil:5:") != std::string::npos);
  CHECK(p.os.str().find("matching its order 2") != std::string::npos);
}

TEST_CASE("a design without reactions is refused") {
  Parsed p("length t = 5\nX = t @initial 1 nM\n");
  CHECK_FALSE(p.module);
  CHECK(p.os.str().find("lists no reactions") != std::string::npos);
}
