// The front end as a library: units, defaults, implicit species, diagnostics.
#include "compiler/frontend/Frontend.h"
#include "ir/Printer.h"
#include <catch2/catch.hpp>

using namespace crnc;

namespace {
struct Compiled {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  CapturedDiagnostics captured{diags};
  std::unique_ptr<ir::Module> module;
  explicit Compiled(llvm::StringRef text) {
    module = frontend::compileString(text, diags);
  }
};
} // namespace

TEST_CASE("rate units convert to the module unit and seconds") {
  Compiled c("unit nM\nA + B -> C [k = 1e6 /M/s]\nC -> [k = 6 /min]\n"
             "-> A [k = 3.6 nM/h]\n");
  REQUIRE(c.module);
  const auto &rs = c.module->allReactions();
  CHECK(rs[0].rate == Approx(1e-3).epsilon(1e-15)); // 1e6 /M/s = 1e-3 /nM/s
  CHECK(rs[1].rate == Approx(0.1).epsilon(1e-15));  // 6 /min = 0.1 /s
  CHECK(rs[2].rate == Approx(1e-3).epsilon(1e-15)); // 3.6 nM/h = 1e-3 nM/s
}

TEST_CASE("concentrations convert exactly between decimal units") {
  Compiled c(
      "unit nM\nspecies A = 0.01 uM, B = 250 pM, C = 2e-9 M\nA + B -> C\n");
  REQUIRE(c.module);
  CHECK(c.module->getSpecies(0).initial == 10);
  CHECK(c.module->getSpecies(1).initial == 0.25);
  CHECK(c.module->getSpecies(2).initial == 2);
}

TEST_CASE("species appear in order of first mention, inputs of unknown "
          "amount by default") {
  Compiled c("X + Y -> Z\nZ -> 2 X\n");
  REQUIRE(c.module);
  REQUIRE(c.module->speciesCount() == 3);
  CHECK(c.module->getSpecies(0).name == "X");
  CHECK(c.module->getSpecies(2).name == "Z");
  CHECK(c.module->getSpecies(2).role == ir::SpeciesRole::Input);
  CHECK(c.module->unit == ConcUnit::None);
  CHECK(c.module->allReactions()[1].products[0].count == 2);
}

TEST_CASE("a declared amount, role or constant keeps a species a signal") {
  Compiled c("species X = 0, Y constant\nspecies Z : hidden\nX + Y -> Z + W\n");
  REQUIRE(c.module);
  CHECK(c.module->getSpecies(0).role == ir::SpeciesRole::Signal);
  CHECK(c.module->getSpecies(1).role == ir::SpeciesRole::Signal);
  CHECK(c.module->getSpecies(2).role == ir::SpeciesRole::Hidden);
  CHECK(c.module->getSpecies(3).role == ir::SpeciesRole::Input);
}

TEST_CASE("errors are collected with their line and column") {
  Compiled c("A -> B [k = -1]\nC -> D [kf = 1]\n");
  CHECK_FALSE(c.module);
  REQUIRE(c.captured.all().size() == 2);
  CHECK(c.captured.all()[0].loc.line == 1);
  CHECK(c.captured.all()[0].loc.col == 13);
  CHECK(c.captured.hasError("negative"));
  CHECK(c.captured.all()[1].loc.line == 2);
  CHECK(c.captured.hasError("unknown rate 'kf'"));
}

TEST_CASE("a model declaration of an unknown kind is a located error") {
  Compiled c("model net : no_such_model { inputs = 2 }\n");
  CHECK_FALSE(c.module);
  CHECK(c.captured.hasError("unknown model kind 'no_such_model'"));
  CHECK(c.captured.all()[0].loc.col == 13);
}
