// qian2011's buffer module: map-rates' X + LS <=> HS + BS as one reversible
// gate step (BufferGate.h) on X = `x t y`: LS = y( o( + ) ) t*, BS = y o,
// instead of Figure 2's gate pair, whose intermediates held X three times
// (3.0 for the 0.98 the buffer of examples/bimolecular_cascade.crn asks,
// measured in its enumerated design before the change).
// Reference values: the formal buffer holds X by kf [LS] / (kr [BS])
// (0.00018 * 1000 / (0.0002 * 1000) = 0.9, 1.8 with BS at 500 nM); the gate
// is put at [LS] kf / kr = 900 nM. That the two directions are mirror images
// (equal condensed rates, so the gate holds X by [gate] / [BS]) is measured
// with crnc's enumerator (Peppercorn's rate model); tolerance 1e-9 relative
// (the same computation both ways).
#include "backends/dsd/Scheme.h"
#include "ir/Parser.h"
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Enumerator.h"
#include <catch2/catch.hpp>

using namespace crnc;

static dna::Design compileBuffered(const std::string &bs) {
  std::string text = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  species LS_A : fuel = 1000 constant {buffer_of = "A"}
  species BS_A : fuel = )" +
                     bs + R"( constant
  species HS_A : intermediate = 0
  reaction A + B -> C [k = 0.0002]
  reaction A + LS_A <=> HS_A + BS_A [kf = 0.00018, kr = 0.0002]
})";
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(text, diags, "m.crnir");
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Qian2011;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  return std::move(*design);
}

static std::string kernel(const dna::Design &d, dna::ComplexIndex i) {
  return dna::printKernel(d.getComplex(i).complex, d.domains);
}

TEST_CASE("qian2011 builds a buffer as one gate with its own toehold",
          "[dsd][qian2011]") {
  dna::Design d = compileBuffered("1000");
  REQUIRE(d.modules.size() == 2);
  const dna::ReactionModule &buffer = d.modules[1];
  CHECK(buffer.equation == "A + LS_A <=> HS_A + BS_A");
  REQUIRE(buffer.fuels.size() == 1);
  // A = d2 t1 d3: X binds the shared toehold t1 and displaces along d3.
  CHECK(kernel(d, *d.lookup("A")) == "d2 t1 d3");
  std::string bs = kernel(d, *d.lookup("BS_A"));
  REQUIRE(bs.rfind("d3 t", 0) == 0);
  std::string own = bs.substr(3); // the buffers' own toehold
  CHECK(own != "t1");
  CHECK(kernel(d, buffer.fuels[0]) == "d3( " + own + "( + ) ) t1*");
  CHECK(*d.getComplex(buffer.fuels[0]).concentration ==
        Approx(900).epsilon(1e-9));
  CHECK(!d.lookup("LS_A"));
  CHECK(!d.lookup("HS_A"));
  for (dna::ComplexIndex f : d.modules[0].fuels)
    CHECK(kernel(d, f).find(own + "(") == std::string::npos);
}

TEST_CASE("qian2011's buffer gate holds X by [gate] / [BS]",
          "[dsd][qian2011][enumerate]") {
  for (const char *bs : {"1000", "500"}) {
    INFO("[BS] = " << bs << " nM");
    dna::Design d = compileBuffered(bs);
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
                            bsm = named("BS_A");
    auto has = [](const std::vector<enumerate::MacrostateId> &side,
                  enumerate::MacrostateId m) {
      return std::count(side.begin(), side.end(), m) > 0;
    };
    std::optional<double> forward, backward;
    size_t touching = 0;
    for (const enumerate::CondensedReaction &r : system->condensed) {
      if (!has(r.reactants, g) && !has(r.products, g))
        continue;
      ++touching;
      if (has(r.reactants, a) && has(r.products, bsm))
        forward = r.rate;
      if (has(r.reactants, bsm) && has(r.products, a))
        backward = r.rate;
    }
    // B and C bind the shared toehold t1* only transiently: the gate reacts
    // with A and BS alone.
    CHECK(touching == 2);
    REQUIRE(forward);
    REQUIRE(backward);
    CHECK(*forward == Approx(*backward).epsilon(1e-9));
    double held = *forward * *d.getComplex(gate).concentration /
                  (*backward * *d.getComplex(*d.lookup("BS_A")).concentration);
    CHECK(held ==
          Approx(0.00018 * 1000 / (0.0002 * std::stod(bs))).epsilon(1e-9));
  }
}
