// soloveichik2010's buffer module: map-rates' X + LS <=> HS + BS as one
// reversible toehold-exchange gate (BufferGate.h), LS = h' b( c'( + ) ) a*
// on X = h a b c, BS = h' b c'.
// Reference values: the formal buffer holds X by kf [LS] / (kr [BS])
// (0.00018 * 1000 / (0.0002 * 1000) = 0.9); the gate is put at [LS] kf / kr
// = 900 nM. That the two directions are mirror images (equal condensed
// rates) is measured with crnc's enumerator (Peppercorn's rate model, where a
// branch migration beside a strand break starts 30 times slower: without
// BS's history domain h' the forward direction measured 4.69e4 /M/s against
// 1.41e6 backwards); tolerance 1e-9 relative (the same computation both
// ways).
#include "backends/dsd/Scheme.h"
#include "ir/Parser.h"
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Enumerator.h"
#include <catch2/catch.hpp>

using namespace crnc;

static constexpr const char *buffered = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  species LS_A : fuel = 1000 constant {buffer_of = "A"}
  species BS_A : fuel = 1000 constant
  species HS_A : intermediate = 0
  reaction A + B -> C [k = 0.0002]
  reaction A + LS_A <=> HS_A + BS_A [kf = 0.00018, kr = 0.0002]
})";

static dna::Design compileBuffered() {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(buffered, diags, "m.crnir");
  REQUIRE(module);
  llvm::Expected<dna::Design> design =
      dsd::compile(*module, dsd::SchemeOptions(), diags);
  REQUIRE(bool(design));
  CHECK(diags.warningCount() == 0);
  return std::move(*design);
}

static std::string kernel(const dna::Design &d, dna::ComplexIndex i) {
  return dna::printKernel(d.getComplex(i).complex, d.domains);
}

TEST_CASE("soloveichik2010 builds a buffer as one gate with its own toehold",
          "[dsd][soloveichik2010][buffers]") {
  dna::Design d = compileBuffered();
  REQUIRE(d.modules.size() == 2);
  const dna::ReactionModule &buffer = d.modules[1];
  CHECK(buffer.equation == "A + LS_A <=> HS_A + BS_A");
  REQUIRE(buffer.fuels.size() == 1);
  // A = h1 t2 d3 t4 (B, C: h5.., h9..); the buffers' toehold is t13.
  CHECK(kernel(d, *d.lookup("A")) == "h1 t2 d3 t4");
  CHECK(kernel(d, *d.lookup("BS_A")) == "h14 d3 t13");
  CHECK(kernel(d, buffer.fuels[0]) == "h14 d3( t13( + ) ) t2*");
  CHECK(*d.getComplex(buffer.fuels[0]).concentration ==
        Approx(900).epsilon(1e-9));
  CHECK(!d.lookup("LS_A"));
  CHECK(!d.lookup("HS_A"));
  for (dna::ComplexIndex f : d.modules[0].fuels)
    CHECK(kernel(d, f).find("t13") == std::string::npos);
}

TEST_CASE("soloveichik2010's buffer gate runs both ways at one rate",
          "[dsd][soloveichik2010][buffers][enumerate]") {
  dna::Design d = compileBuffered();
  dna::ComplexIndex gate = d.modules[1].fuels[0];
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateDesign(d, enumerate::EnumerateOptions());
  REQUIRE(bool(system));
  auto named = [&](llvm::StringRef name) {
    for (enumerate::MacrostateId m = 0; m < system->macrostates.size(); ++m)
      if (system->macrostates[m].name == name)
        return m;
    FAIL("no macrostate " << name.str());
    return enumerate::MacrostateId(0);
  };
  enumerate::MacrostateId a = named("A"), g = named(d.getComplex(gate).name),
                          bs = named("BS_A");
  auto has = [](const std::vector<enumerate::MacrostateId> &side,
                enumerate::MacrostateId m) {
    return std::count(side.begin(), side.end(), m) > 0;
  };
  std::optional<double> forward, backward;
  for (const enumerate::CondensedReaction &r : system->condensed) {
    if (has(r.reactants, a) && has(r.reactants, g))
      forward = r.rate;
    if (has(r.reactants, bs) && has(r.products, a) && has(r.products, g))
      backward = r.rate;
  }
  REQUIRE(forward);
  REQUIRE(backward);
  CHECK(*forward == Approx(*backward).epsilon(1e-9));
  // Held fraction [HS] / [A] = k [gate] / (k [BS]): the formal buffer's.
  double held = *forward * *d.getComplex(gate).concentration /
                (*backward * *d.getComplex(*d.lookup("BS_A")).concentration);
  CHECK(held == Approx(0.00018 * 1000 / (0.0002 * 1000)).epsilon(1e-9));
}
