// Calibration of qian2011's reversible gate pair (Figure 2): A + B <=> C as
// two gates sharing a bottom strand, the first setting the forward rate,
// the second the backward one. Reference values: the rates asked here are
// those map-rates writes for examples/reversible_binding.crn (1.007e5 /M/s
// forward; 1.891e-7 /nM/s backward with the gate fuel G at 1000 nM, i.e.
// 189.1 /M/s in the normalisation RateCalibration uses). Uncalibrated, both
// gates at C_max realise 2.517e5 /M/s each way (measured with crnc's
// enumerator, Peppercorn's rate model: binding 5.03e5 /M/s on the shared
// 5-nt toehold, half the intermediates going on). Tolerances: 1 %
// (RealisedRateTolerance; calibration stops within 0.1 %, levels have 4
// significant digits).
#include "backends/dsd/ReversibleCalibration.h"
#include "backends/dsd/ModuleMeasurement.h"
#include "backends/dsd/ToeholdMismatch.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>
#include <map>

using namespace crnc;

static constexpr const char *pairModule = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 50
  species B : signal = 25
  species C : input = 0
  species G : fuel = 1000 constant
  reaction A + B <=> C + G [kf = 1.007e-04, kr = 1.891e-07]
})";

namespace {
struct Compiled {
  std::unique_ptr<ir::Module> module;
  dna::Design design;
  std::vector<dsd::Step> steps;
};
} // namespace

static Compiled compilePair(bool calibrate, const char *text = pairModule) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  Compiled out;
  out.module = ir::parseModuleFromString(text, diags, "pair.crnir");
  REQUIRE(out.module);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Qian2011;
  options.calibrateRates = calibrate;
  llvm::Expected<dna::Design> design =
      dsd::compile(*out.module, options, diags);
  REQUIRE(bool(design));
  out.design = std::move(*design);
  dna::Design scratch = out.design;
  dsd::SchemeBuilder builder(*out.module, options, scratch);
  out.steps = builder.steps(/*keepReversible=*/true);
  REQUIRE(out.steps.size() == 1);
  REQUIRE(out.steps[0].reversible);
  CHECK(diags.warningCount() == 0);
  return out;
}

/// The rates both directions realise, and their rate gates.
static std::pair<dsd::MeasuredRate, dsd::MeasuredRate>
measureBoth(const Compiled &c) {
  auto [forward, backward] =
      dsd::reversibleDirections(*c.module, c.steps.front());
  CHECK(forward.equation == "A + B -> C");
  CHECK(backward.equation == "C -> A + B");
  llvm::Expected<dsd::MeasuredRate> f =
      dsd::measureModuleRate(*c.module, c.design, 0, forward);
  llvm::Expected<dsd::MeasuredRate> b =
      dsd::measureModuleRate(*c.module, c.design, 0, backward);
  REQUIRE(bool(f));
  REQUIRE(bool(b));
  REQUIRE(f->rateGate);
  REQUIRE(b->rateGate);
  CHECK(*f->rateGate != *b->rateGate);
  return {*f, *b};
}

TEST_CASE("qian2011's gate pair at C_max realises one rate each way",
          "[dsd][qian2011][rates]") {
  auto [f, b] = measureBoth(compilePair(/*calibrate=*/false));
  CHECK(f.perMolarSecond == Approx(2.517e5).epsilon(1e-3));
  CHECK(b.perMolarSecond == Approx(2.517e5).epsilon(1e-3));
}

TEST_CASE("calibration sets both directions of the pair",
          "[dsd][qian2011][rates]") {
  Compiled c = compilePair(/*calibrate=*/true);
  auto [f, b] = measureBoth(c);
  CHECK(f.perMolarSecond == Approx(1.007e5).epsilon(0.01));
  CHECK(b.perMolarSecond == Approx(189.1).epsilon(0.01));
  const dna::ReactionModule &rm = c.design.modules.front();
  REQUIRE(rm.targetRate);
  CHECK(*rm.targetRate == Approx(1.007e5).epsilon(1e-9));
  CHECK(rm.rateGate == f.rateGate);
  // The backward gate is 1300 times too fast at C_max: dilution alone
  // would take it below its floor, so its input toehold (C's) carries
  // mismatches, on the strand both gates share.
  std::optional<dna::ComplexIndex> cSignal = c.design.lookup("C");
  REQUIRE(cSignal);
  CHECK(dsd::inputToeholdMismatches(c.design, *b.rateGate, *cSignal) >= 1);
  auto flagged = [&](dna::ComplexIndex gate) {
    std::vector<unsigned> count;
    const dna::Complex &g = c.design.getComplex(gate).complex;
    for (unsigned p = 0; p < g.domainCount(); ++p)
      if (g.domainAt(p).mismatchCount())
        count.push_back(g.domainAt(p).mismatchCount());
    return count;
  };
  CHECK(!flagged(*b.rateGate).empty());
  CHECK(flagged(*f.rateGate) == flagged(*b.rateGate));
  // Each gate turns into the other as the reaction runs: both stay above
  // 10 times the 25 nM of B the reaction can move (they measure 333 and
  // 750 nM).
  for (const auto &m : {f, b})
    CHECK(*c.design.getComplex(*m.rateGate).concentration >= 250);
}

// A pair with a zero-order direction, 2 G <=> A + B (A + B <=> nothing
// after map-rates): the forward direction has no reactant, so its rate is
// set by the pair's other gate (the one that releases A and B); each
// direction is measured with the opposite gate absent (fuels at constant
// levels would otherwise feed A and B back). Rates asked: 1.5e-5 /nM/s
// with G at 1000 nM (15 nM/s of A and B; 1.5e4 /M/s in RateCalibration's
// normalisation) and 1e-4 /nM/s (1e5 /M/s), with A and B at 1 nM (gate
// floors 10 nM). Tolerance 1 %.
TEST_CASE("a zero-order direction of a pair is set by the pair's other gate",
          "[dsd][qian2011][rates]") {
  Compiled c = compilePair(/*calibrate=*/true, R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 1
  species B : signal = 1
  species G : fuel = 1000 constant
  reaction 2 G <=> A + B [kf = 1.5e-05, kr = 1e-04]
})");
  const ir::Module *module = c.module.get();
  const dna::Design *design = &c.design;
  auto [forward, backward] = dsd::reversibleDirections(*module, c.steps[0]);
  CHECK(forward.reactants.empty());
  // The second gate binds B first.
  REQUIRE(backward.reactants.size() == 2);
  CHECK(module->getSpecies(backward.reactants[0]).name == "B");
  llvm::Expected<dsd::MeasuredRate> b =
      dsd::measureModuleRate(*module, *design, 0, backward);
  REQUIRE(bool(b));
  REQUIRE(b->rateGate);
  std::vector<dna::ComplexIndex> gates;
  for (dna::ComplexIndex f : design->modules.front().fuels)
    if (design->getComplex(f).complex.strandCount() > 1)
      gates.push_back(f);
  REQUIRE(gates.size() == 2);
  dna::ComplexIndex first = gates[0] == *b->rateGate ? gates[1] : gates[0];
  auto aloneRate = [&](const dsd::Step &dir, dna::ComplexIndex other) {
    dna::Design d = *design;
    d.getComplex(other).concentration = 0.0;
    llvm::Expected<dsd::MeasuredRate> m =
        dsd::measureModuleRate(*module, d, 0, dir);
    REQUIRE(bool(m));
    return m->perMolarSecond;
  };
  CHECK(aloneRate(forward, *b->rateGate) == Approx(1.5e4).epsilon(0.01));
  CHECK(aloneRate(backward, first) == Approx(1e5).epsilon(0.01));
}

// The pair as linear_regression's reduce-order step 'X1 + P1_p <=>
// c_X1_P1_p + G' asks it under qian2011 (map-rates at C_max 102 nM: the
// forward direction at q_max, 3.0249e-4 /nM/s, the scheme's irreversible
// gate at C_max; backward 7.267e-5 /nM/s with G at 102 nM, 7.267e4 /M/s).
// Measured with crnc's enumerator (Peppercorn's rate model), every fuel at
// C_max: the pair's shared intermediate (both reactants bound) goes on by
// the strand that releases C or back by B's backward strand, half each
// way, so the forward gate at C_max realises 2.517e5 /M/s; the forward
// rate is [f1]/[A's backward strand] x [C's release strand] / ([C's
// release strand] + [B's backward strand]) x 5.03e5 /M/s (scaling the
// release strand by 2 and 0.5: 3.356e5 and 1.678e5, the backward direction
// 1.678e5 and 3.356e5). The release strand at 1.5 C_max (153.5 nM) sends
// 0.6 forward: 3.02e5 with the gate at C_max, as the irreversible gate.
// Tolerance 1 % (RealisedRateTolerance).
static constexpr const char *reduceOrderPair = R"(module "m" {
  unit nM
  attr cmax_nM = "102"
  species A : signal = 0.5
  species B : signal = 0.5
  species C : signal = 0
  species G : fuel = 102 constant
  reaction A + B <=> C + G [kf = 3.0249e-04, kr = 7.267e-05]
})";

TEST_CASE("a pair direction too slow at C_max moves its branch strand",
          "[dsd][qian2011][rates]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(reduceOrderPair, diags, "ro.crnir");
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Qian2011;
  auto compileWith = [&](bool calibrate) {
    options.calibrateRates = calibrate;
    llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
    REQUIRE(bool(design));
    return std::move(*design);
  };
  dna::Design scratch = compileWith(false);
  dsd::SchemeBuilder builder(*module, options, scratch);
  auto [forward, backward] =
      dsd::reversibleDirections(*module, builder.steps(true).front());
  auto rate = [&](const dna::Design &d, const dsd::Step &dir) {
    llvm::Expected<dsd::MeasuredRate> m =
        dsd::measureModuleRate(*module, d, 0, dir);
    REQUIRE(bool(m));
    return *m;
  };
  CHECK(rate(scratch, forward).perMolarSecond == Approx(2.517e5).epsilon(1e-3));
  dna::Design design = compileWith(true);
  CHECK(diags.warningCount() == 0);
  dsd::MeasuredRate f = rate(design, forward), b = rate(design, backward);
  REQUIRE(f.rateGate);
  REQUIRE(b.rateGate);
  // Each measured with the other gate absent, as calibration does.
  auto alone = [&](const dsd::Step &dir, dna::ComplexIndex other) {
    dna::Design d = design;
    d.getComplex(other).concentration = 0.0;
    return rate(d, dir).perMolarSecond;
  };
  CHECK(alone(forward, *b.rateGate) == Approx(3.0249e5).epsilon(0.01));
  CHECK(alone(backward, *f.rateGate) == Approx(7.267e4).epsilon(0.01));
  CHECK(*design.getComplex(*f.rateGate).concentration == Approx(102));
  // Only C's release strand (t, C's history domain) moved: the backward
  // strands of A and B stay at C_max (lowering A's would hold A in the gate
  // beyond map-rates' model).
  std::map<std::string, double> strands;
  for (dna::ComplexIndex x : design.modules.front().fuels)
    if (design.getComplex(x).complex.strandCount() == 1)
      strands[design.getComplex(x).name] = *design.getComplex(x).concentration;
  REQUIRE(strands.size() == 3);
  int moved = 0;
  for (const auto &[name, level] : strands)
    if (level != Approx(102)) {
      ++moved;
      CHECK(level == Approx(153.5).epsilon(0.01));
    }
  CHECK(moved == 1);
}

// The hold of the pair's forward direction on its first reactant: A held
// by [forward gate] / [A's backward strand] (the gate's first step), as in
// the scheme's irreversible gate, whose rate at C_max is q_max
// (qmax_per_nM_s: 3.0249e-4 /nM/s, what dsd::fullToeholdRate measures for
// qian2011 at C_max 1000 nM) and whose hold there is all of A: map-rates
// models the hold as q / q_max. The pair at C_max realises 2.517e5 /M/s
// (half its shared intermediate forward), so a gate diluted to q held
// 1.2 q / q_max (a toy 'X + P <=> c; c + K -> X + P + Z + K' re-simulated
// 9.49 % off, Z short; 0.412 % with the branch set). Calibrated, the
// release strand sends 0.6 forward (1505 nM measured), the forward gate
// at C_max realises q_max and is diluted to q / q_max C_max = 684.6 nM.
// Rates asked: 2.0707e-4 /nM/s forward, 6.376e-6 /nM/s backward with G at
// C_max (6.376e3 /M/s). Tolerance 1 % (RealisedRateTolerance).
TEST_CASE("a pair's forward gate holds its first reactant as map-rates "
          "models",
          "[dsd][qian2011][rates]") {
  Compiled c = compilePair(/*calibrate=*/true, R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr qmax_per_nM_s = "3.0249e-04"
  species A : signal = 0.15
  species B : signal = 0.2
  species C : signal = 0
  species G : fuel = 1000 constant
  reaction A + B <=> C + G [kf = 2.0707e-04, kr = 6.376e-06]
})");
  const ir::Module *module = c.module.get();
  const dna::Design *design = &c.design;
  auto [forward, backward] = dsd::reversibleDirections(*module, c.steps[0]);
  auto rateAlone = [&](const dsd::Step &dir, std::optional<double> gateLevel) {
    dna::Design d = *design;
    llvm::Expected<dsd::MeasuredRate> m =
        dsd::measureModuleRate(*module, d, 0, dir);
    REQUIRE(bool(m));
    REQUIRE(m->rateGate);
    for (dna::ComplexIndex f : d.modules.front().fuels)
      if (f != *m->rateGate && d.getComplex(f).complex.strandCount() > 1)
        d.getComplex(f).concentration = 0.0;
    if (gateLevel)
      d.getComplex(*m->rateGate).concentration = *gateLevel;
    llvm::Expected<dsd::MeasuredRate> alone =
        dsd::measureModuleRate(*module, d, 0, dir);
    REQUIRE(bool(alone));
    return std::make_pair(alone->perMolarSecond,
                          *design->getComplex(*m->rateGate).concentration);
  };
  auto [f, gate] = rateAlone(forward, std::nullopt);
  CHECK(f == Approx(2.0707e5).epsilon(0.01));
  CHECK(rateAlone(backward, std::nullopt).first ==
        Approx(6.376e3).epsilon(0.01));
  CHECK(rateAlone(forward, 1000.0).first == Approx(3.0249e5).epsilon(0.01));
  CHECK(gate == Approx(1000 * 2.0707e5 / 3.0249e5).epsilon(0.01));
}
