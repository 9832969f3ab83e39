// The whole lowering: the IR verifier proves the result legal for DSD, a
// two-phase signed model with a four-reactant gated update matches its
// abstract trajectory, map-rates' buffers equalise sequestration (with the
// held reactants of either join order), and the autonomous clock's phase
// separation is measured.
#include "LoweringTestSupport.h"
#include "lib/analysis/JoinOrder.h"
#include "lib/passes/LoweringPipeline.h"
#include "lib/support/Format.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

using namespace crnc;
using namespace crnc::test;

// y' = w u - y (forward); e' = y - t - e and w' = eta e u (update), with the
// target t = 1 written as the signed constant Tn = -t, eta = -0.5.
static const char *learner = R"(module "m" {
  phase forward
  phase update
  species U : input = 1 constant
  species Eta : weight = -0.5 constant signed
  species Tn : target = -1 constant signed
  species W : weight = -0.5 signed
  species Y : output = 0 signed
  species E : error = 0 signed
  reaction U + W -> U + W + Y [k = 1] phase forward
  reaction Y -> [k = 1] phase forward
  reaction Y -> Y + E [k = 1] phase update
  reaction Tn -> Tn + E [k = 1] phase update
  reaction E -> [k = 1] phase update
  reaction Eta + E + U -> Eta + E + U + W [k = 1] phase update
})";

static std::unique_ptr<ir::Module> lowerStandard(const ir::Module &m,
                                                 const LoweringOptions &o) {
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sm, os);
  diags.setWarningsSuppressed(true);
  auto copy = std::make_unique<ir::Module>(m);
  PassManagerOptions pmo;
  pmo.verifyEach = true;
  PassManager pm(pmo);
  buildLoweringPipeline(pm, o);
  bool ok = succeeded(pm.run(*copy, diags)) &&
            succeeded(verifyLowered(*copy, o, diags));
  INFO(os.str());
  REQUIRE(ok);
  return copy;
}

TEST_CASE("the lowered module is legal for DSD under both clock strategies") {
  for (GateStrategy strategy :
       {GateStrategy::External, GateStrategy::Autonomous})
    for (BufferMode buffers :
         {BufferMode::Auto, BufferMode::On, BufferMode::Off}) {
      LoweringOptions o;
      o.gatePhases.strategy = strategy;
      o.mapRates.buffers = buffers;
      auto low = lowerStandard(*parseIR(learner), o);
      for (const ir::Reaction &r : low->allReactions()) {
        CHECK(r.order() == 2);
        CHECK(r.rate <= 1e-3 * (1 + 1e-12));
        CHECK(r.rate >= 1e-9 * (1 - 1e-12));
      }
      for (const ir::Species &s : low->allSpecies())
        CHECK(s.initial >= 0);
    }
}

TEST_CASE("verifyLowered rejects what the lowering has not handled") {
  auto m = parseIR(learner);
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sm, os);
  CapturedDiagnostics captured(diags);
  CHECK(failed(verifyLowered(*m, LoweringOptions(), diags)));
  CHECK(captured.hasError("is signed; run 'dual-rail'"));
  CHECK(captured.hasError("is in a phase; run 'gate-phases' first"));
  CHECK(captured.hasError("has 4 reactants"));
  CHECK(captured.hasError("not in nM"));
}

TEST_CASE("full lowering of a two-phase signed learner matches the model") {
  auto m = parseIR(learner);
  auto times = grid(6, 60);
  sim::Schedule phases;
  phases.setPhases(3, {false, true});
  sim::Trace before = simulateAt(*m, times, phases, {true, false});
  // The error and the weight move in the update phase (sanity of the model).
  CHECK(tracked(before, 60, "W") > -0.5 + 0.1);

  LoweringOptions o;
  o.mapRates.buffers = BufferMode::Off; // sequestration is the
                                        // implementation's; see MapRates.cpp
  auto low = lowerStandard(*m, o);
  double timeScale = attrNumber(*low, "time_scale");
  double concScale = attrNumber(*low, "conc_scale_nM");
  REQUIRE(timeScale > 0);
  sim::Schedule clocks;
  auto fwd = low->lookupSpecies("clk_forward");
  auto upd = low->lookupSpecies("clk_update");
  REQUIRE(fwd);
  REQUIRE(upd);
  clocks.set(3 * timeScale, *fwd, 0);
  clocks.set(3 * timeScale, *upd, concScale);
  std::vector<double> scaled;
  for (double t : times)
    scaled.push_back(t * timeScale);
  double dev = relativeDeviation(before, simulateAt(*low, scaled, clocks),
                                 {"Y", "E", "W"}, concScale);
  std::printf("[figure] full lowering deviation %.3g (time scale %g, %zu "
              "species, %zu reactions)\n",
              dev, timeScale, low->speciesCount(), low->reactionCount());
  // Measured 0.0214 (0.0421 while reduce-order's chains unbound at kr, not
  // kr - S: every gated chain 1/(1 + eps) slow); the rest is sequestration.
  CHECK(dev < 0.03);
}

TEST_CASE("map-rates buffers make every species' sequestration equal") {
  auto m = parseIR(R"(module "m" {
    unit nM
    species A : signal = 10
    species B : signal = 5
    species C : signal = 0
    species F : fuel = 100 constant
    reaction A + B -> C [k = 2e-04]
    reaction A + C -> B [k = 9e-04]
    reaction A -> B [k = 0.8]
    reaction 2 A -> C [k = 9e-04]
    reaction 2 A -> B [k = 8e-04]
    reaction B + C <=> A [kf = 1e-04, kr = 0.05]
    reaction C + F -> [k = 1e-05]
  })");
  // SSW's buffers on every species (buffers=auto slows the less held
  // reactions instead here).
  auto low = lower(*m, "map-rates{buffers=on}");
  double qmax = attrNumber(*low, "qmax_per_nM_s");
  double lambda = attrNumber(*low, "sequestration");
  REQUIRE(lambda > 0);
  std::vector<double> alpha(low->speciesCount(), 0);
  // The gated reactant is the first one (map-rates moves it there).
  auto firstGated = [&](const ir::TermList &side) -> long {
    const ir::Species &s = low->getSpecies(side.front().species);
    if (s.role == ir::SpeciesRole::Fuel || s.constant)
      return -1;
    return side.front().species;
  };
  // A buffer module holds (kf / qmax) [LS] / [BS] of its species.
  auto bufferRatio = [&](const ir::Reaction &r) {
    if (r.reactants.size() < 2 || r.products.size() < 2 ||
        !ir::findAttribute(low->getSpecies(r.reactants[1].species).attrs,
                           "buffer_of"))
      return 1.0;
    return low->getSpecies(r.reactants[1].species).initial /
           low->getSpecies(r.products[1].species).initial;
  };
  for (const ir::Reaction &r : low->allReactions()) {
    if (long s = firstGated(r.reactants); s >= 0)
      alpha[s] += r.rate / qmax * bufferRatio(r);
    if (r.reverseRate)
      if (long s = firstGated(r.products); s >= 0)
        alpha[s] += *r.reverseRate / qmax;
  }
  // 2 A is gated by A alone: lambda > 1, so some buffer runs at qmax with a
  // diluted BS.
  CHECK(lambda > 1);
  for (const char *name : {"A", "B", "C"})
    CHECK(alpha[*low->lookupSpecies(name)] == Approx(lambda).epsilon(1e-9));
  CHECK(attrNumber(*low, "time_scale") ==
        Approx(attrNumber(*low, "rate_time_scale") * (1 + lambda)));
}

/// Overlap of the phase catalysts of a two-phase autonomous clock over
/// [tEnd/2, tEnd]: integral of min(c_0, c_1) over integral of c_0 + c_1
/// (0: perfectly separated; 0.5: indistinguishable).
static double measureOverlap(double spacing) {
  auto m = parseIR(R"(module "m" {
    phase a
    phase b
    species X : signal = 1
    species Y : signal = 0
    reaction X -> Y [k = 1] phase a
    reaction Y -> X [k = 1] phase b
  })");
  auto low = lower(*m, "gate-phases{strategy=autonomous,spacing=" +
                           formatNumber(spacing) + "}");
  auto times = grid(600, 6000);
  sim::Trace trace = simulateAt(*low, times);
  long c0 = trace.column("osc_0");
  // Phase b is catalysed by osc_<spacing> (phase p by osc_<p * spacing>).
  long c1 = trace.column("osc_" + formatNumber(spacing));
  double shared = 0, total = 0;
  for (size_t r = times.size() / 2; r < times.size(); ++r) {
    double a = trace.at(r, c0), b = trace.at(r, c1);
    shared += std::min(a, b);
    total += a + b;
  }
  return shared / total;
}

TEST_CASE("autonomous clock: phase separation grows with the spacing") {
  double o1 = measureOverlap(1), o2 = measureOverlap(2), o3 = measureOverlap(3);
  std::printf("[figure] autonomous clock overlap: spacing 1 %.4f, spacing 2 "
              "%.4f, spacing 3 %.4f\n",
              o1, o2, o3);
  CHECK(o3 < o2);
  CHECK(o2 < o1);
  CHECK(o3 < 0.05);
}

TEST_CASE("map-rates slows the less held directions where a few buffers "
          "cannot equalise them") {
  // Approximate majority: X is gated in X + Y, Y in Y + X and Y + B, B in
  // B + X, all at q = k: Y is held most, and B + X (X and B held) would
  // run fastest. No buffer on a few species equalises it (Y is in three
  // directions); map-rates instead runs each direction at r = q f / F
  // (f = prod (1 + alpha) of its reactants, alpha from the rates r), so at
  // DNA level every direction's rate over its slowdown, r / f, is the
  // formal k over the time scale: a time-scaled copy in the totals.
  auto m = parseIR(R"(module "m" {
    unit nM
    species X : signal = 60
    species Y : signal = 40
    species B : signal = 0
    reaction X + Y -> X + B [k = 1e-3]
    reaction X + Y -> Y + B [k = 1e-3]
    reaction X + B -> 2 X [k = 1e-3]
    reaction Y + B -> 2 Y [k = 1e-3]
  })");
  auto low = lower(*m, "map-rates");
  for (const ir::Species &s : low->allSpecies())
    CHECK_FALSE(ir::findAttribute(s.attrs, "buffer_of"));
  CHECK(attrNumber(*low, "amount_factor") == 1);
  double qmax = attrNumber(*low, "qmax_per_nM_s");
  double timeScale = attrNumber(*low, "time_scale");
  std::vector<double> alpha(low->speciesCount(), 0);
  for (const ir::Reaction &r : low->allReactions())
    alpha[r.reactants.front().species] += r.rate / qmax;
  double slowest = 0;
  for (const ir::Reaction &r : low->allReactions()) {
    double f = 1;
    for (const ir::Term &t : r.reactants)
      f *= std::pow(1 + alpha[t.species], double(t.count));
    // k = 1e-3 /nM/s for every reaction; the fixed point is iterated to
    // 1e-12.
    CHECK(r.rate / f == Approx(1e-3 / timeScale).epsilon(1e-9));
    slowest = std::max(slowest, f);
  }
  CHECK(timeScale ==
        Approx(attrNumber(*low, "rate_time_scale") * slowest).epsilon(1e-9));
  CHECK(attrNumber(*low, "sequestration") == Approx(slowest - 1));
}

TEST_CASE("map-rates holds the reactants soloveichik2010 binds first") {
  // The same network lowered for soloveichik2010: a join gate binding X
  // before Y in X + Y -> X + B is entered by the strand of a gate whose last
  // reactant is X and which makes Y. Of the 16 orders, five are free of that
  // crosstalk (first reactants XXXB, XXBB, YXBB, YYBY, YYBB, counted by
  // hand); at equal rates YXBB spreads the slowdowns least (4, 4, 6, 6
  // against 8 or 9 for the others), and map-rates must model the gates
  // holding exactly those reactants.
  auto m = parseIR(R"(module "m" {
    unit nM
    species X : signal = 60
    species Y : signal = 40
    species B : signal = 0
    reaction X + Y -> X + B [k = 1e-3]
    reaction X + Y -> Y + B [k = 1e-3]
    reaction X + B -> 2 X [k = 1e-3]
    reaction Y + B -> 2 Y [k = 1e-3]
  })");
  auto low = lower(*m, "map-rates{join-order=no-output-crosstalk}");
  CHECK(ir::findAttribute(low->attrs, "join_order") ==
        llvm::StringRef("no-output-crosstalk"));
  std::string first;
  for (const ir::Reaction &r : low->allReactions())
    first += low->getSpecies(r.reactants.front().species).name;
  CHECK(first == "YXBB");
  // The order is the rule's fixed point: the scheme builds what was modelled.
  std::vector<analysis::JoinDirection> dirs =
      analysis::joinDirections(*low, analysis::gateFuels(*low), true);
  CHECK(analysis::outputCrosstalk(dirs) == 0);
  std::vector<analysis::JoinDirection> again = dirs;
  analysis::orderAgainstOutputCrosstalk(again);
  for (size_t d = 0; d < dirs.size(); ++d)
    CHECK(again[d].reactants == dirs[d].reactants);
  // Still a time-scaled copy in the totals, with the holds of those gates.
  double qmax = attrNumber(*low, "qmax_per_nM_s");
  double timeScale = attrNumber(*low, "time_scale");
  std::vector<double> alpha(low->speciesCount(), 0);
  for (const ir::Reaction &r : low->allReactions())
    alpha[r.reactants.front().species] += r.rate / qmax;
  for (const ir::Reaction &r : low->allReactions()) {
    double f = 1;
    for (const ir::Term &t : r.reactants)
      f *= std::pow(1 + alpha[t.species], double(t.count));
    CHECK(r.rate / f == Approx(1e-3 / timeScale).epsilon(1e-9));
  }
}
