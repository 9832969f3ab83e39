// Rate calibration measures each module's rate with crnc's enumerator and
// sets the rate-setting gate's level so that it equals map-rates' q.
// Reference values: soloveichik2010's A + B -> C at C_max realises
// k1 k2 [L] / (k-1 [B]) with k1 = k-1 (the same 5-nt toehold binds and
// unbinds the join gate), so k2, the enumerator's condensed rate of H + B
// (6.505e5 /M/s, Peppercorn's model: 3-way branch migration after a 5-nt
// toehold). The realised rate is proportional to the gate's level, so
// q = 2e5 /M/s needs the gate at 1000 nM * 2e5 / 6.505e5 = 307.5 nM at a
// trace of B; B drains the held complex H beside the backward strand, so
// at the level B fires at the gate needs (1 + k2 B / (k-1 [Bk])) more:
// B = A = 10 nM decay as 10 / (1 + 10 k t) to a sixth over the horizon, so
// the flux-weighted B is 5 (1 + 1/6) = 5.83 nM, k-1 = 4.537e5 /M/s (the
// condensed rate of Bk + H), [Bk] = 1000 nM: 1.0084, 310.1 nM.
// Tolerances: 0.1 % (calibration stops within 0.1 %; levels have 4
// significant digits).
#include "backends/dsd/RateCalibration.h"
#include "DsdTestSupport.h"
#include "backends/dsd/ToeholdMismatch.h"
#include "backends/dsd/ToeholdTrim.h"
#include <catch2/catch.hpp>
#include <tuple>

using namespace crnc;
using namespace crnc::test;

TEST_CASE("the full toehold of soloveichik2010 realises 6.505e5 /M/s",
          "[dsd][rates]") {
  llvm::Expected<double> q = dsd::fullToeholdRate(dsd::SchemeOptions(), 1000);
  REQUIRE(bool(q));
  CHECK(*q == Approx(6.505e5).epsilon(1e-3));
}

TEST_CASE("calibration dilutes the join gate to realise q", "[dsd][rates]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto [module, design] = compileText(abcModule, dsd::SchemeOptions(), diags);
  const dna::ReactionModule &m = design.modules.front();
  REQUIRE(m.targetRate);
  REQUIRE(m.realisedRate);
  REQUIRE(m.rateGate);
  CHECK(*m.targetRate == Approx(2e5).epsilon(1e-9));
  CHECK(*m.realisedRate == Approx(2e5).epsilon(1e-3));
  CHECK(*design.getComplex(*m.rateGate).concentration ==
        Approx(310.1).epsilon(1e-3));
  CHECK(m.gateToeholdNt == 5u);
  CHECK(diags.warningCount() == 0);
}

/// A + B -> C compiled without calibration (every gate at C_max) and its
/// module's steps: the common start of the measurement tests below.
struct UncalibratedAbc {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  std::unique_ptr<ir::Module> module;
  dna::Design design;
  std::vector<dsd::Step> steps;
  UncalibratedAbc() {
    dsd::SchemeOptions options;
    options.calibrateRates = false;
    CompiledText c = compileText(abcModule, options, diags);
    module = std::move(c.module);
    design = std::move(c.design);
    steps = dsd::SchemeBuilder(*module, options, design).steps(false);
  }
};

TEST_CASE_METHOD(
    UncalibratedAbc,
    "without calibration every gate is at C_max and realises 6.5e5",
    "[dsd][rates]") {
  llvm::Expected<dsd::MeasuredRate> r =
      dsd::measureModuleRate(*module, design, 0, steps.front());
  REQUIRE(bool(r));
  CHECK(r->perMolarSecond == Approx(6.505e5).epsilon(1e-3));
}

// SSW's join: H = k1 [L] A / (k-1 [Bk] + k2 B), so with B at a level the
// module realises k1 k2 [L] / (k-1 [Bk] + k2 B): at C_max (L = Bk = 1000
// nM, k1 = k-1) and B = 100 nM, 6.505e5 / (1 + 6.505e5 * 1e-7 / (4.537e5 *
// 1e-6)) = 6.505e5 / 1.1434 = 5.689e5 /M/s (k-1 = 4.537e5 /M/s, the
// enumerator's condensed rate of Bk + H). Tolerance 0.2 % (both rates to 4
// digits).
TEST_CASE_METHOD(
    UncalibratedAbc,
    "a join measured at its second reactant's level is drained by it",
    "[dsd][rates]") {
  steps.front().partnerLevel = 100;
  llvm::Expected<dsd::MeasuredRate> r =
      dsd::measureModuleRate(*module, design, 0, steps.front());
  REQUIRE(bool(r));
  CHECK(r->perMolarSecond == Approx(5.689e5).epsilon(2e-3));
}

TEST_CASE_METHOD(
    UncalibratedAbc,
    "a trimmed toehold exposes fewer nucleotides and slows the gate",
    "[dsd][rates]") {
  dna::ComplexIndex gate = design.modules.front().fuels.front();
  dna::ComplexIndex a = *design.lookup("A");
  unsigned signalNt =
      dna::strandLength(design.getComplex(a).complex.strand(0), design.domains);
  REQUIRE(dsd::trimInputToehold(design, gate, a, 3));
  auto run = dsd::inputToeholdRun(design, gate, a);
  REQUIRE(run);
  CHECK(run->nucleotides == 3);
  // The signal keeps its nucleotides (its toehold is now two domains).
  CHECK(dna::strandLength(design.getComplex(a).complex.strand(0),
                          design.domains) == signalNt);
  llvm::Expected<dsd::MeasuredRate> r =
      dsd::measureModuleRate(*module, design, 0, steps.front());
  REQUIRE(bool(r));
  // Zhang & Winfree 2009: 2 nt less toehold slows displacement by over 10x.
  CHECK(r->perMolarSecond < 6.505e5 / 10);
}

// The mismatch knob (ToeholdMismatch.h). q = 500 /M/s is 1300 times below
// the full toehold's 6.505e5 at C_max: diluting the join gate to its floor
// (10 x the largest signal, 100 nM) reaches only 6.505e4. One mismatch
// (ddG_mm = 4.2 kcal/mol) divides the join gate's rate by the measured
// factor checked below; the gate is then diluted to realise q. Tolerance
// 0.1 % (calibration stops within 0.1 %).
static constexpr const char *slowJoin = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  reaction A + B -> C [k = 5e-7]
})";

TEST_CASE_METHOD(
    UncalibratedAbc,
    "one mismatch slows the join gate as the enumerator measures it",
    "[dsd][rates][mismatch]") {
  dna::ComplexIndex gate = design.modules.front().fuels.front();
  auto site = dsd::mismatchSite(design, gate, *design.lookup("A"));
  REQUIRE(site);
  CHECK(site->capacity == 3); // a 5-nt toehold: its 3 internal bases
  dsd::setMismatches(design, gate, *site, {1, false});
  CHECK(dsd::inputToeholdMismatches(design, gate, *design.lookup("A")) == 1);
  llvm::Expected<dsd::MeasuredRate> r =
      dsd::measureModuleRate(*module, design, 0, steps.front());
  REQUIRE(bool(r));
  // The join step X1 + L <=> H + B sets the rate by its equilibrium, which
  // the mismatch shifts by exp(ddG_mm / RT) = 1199.5 (detailed balance),
  // less what the slower step H + X2 takes back: between the two bounds.
  double factor = 6.505e5 / r->perMolarSecond;
  CHECK(factor > 100);
  CHECK(factor < 1199.5 * 1.001);
}

TEST_CASE("calibration weakens the toehold where dilution cannot reach q",
          "[dsd][rates][mismatch]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto [module, design] = compileText(slowJoin, dsd::SchemeOptions(), diags);
  const dna::ReactionModule &m = design.modules.front();
  REQUIRE(m.realisedRate);
  REQUIRE(m.rateGate);
  CHECK(*m.targetRate == Approx(500).epsilon(1e-9));
  CHECK(*m.realisedRate == Approx(500).epsilon(1e-3));
  CHECK(m.gateToeholdNt == 5u);
  CHECK(m.gateToeholdMismatches == 1u);
  double level = *design.getComplex(*m.rateGate).concentration;
  CHECK(level >= 100);
  CHECK(level <= 1000);
  CHECK(diags.warningCount() == 0);
  // Without the knob the gate stops at its floor, too fast, with a warning.
  dsd::SchemeOptions plain;
  plain.mismatchToeholds = false;
  plain.tuneBackwardStrands = false;
  llvm::Expected<dna::Design> diluted = dsd::compile(*module, plain, diags);
  REQUIRE(bool(diluted));
  CHECK(diluted->modules.front().gateToeholdMismatches == 0u);
  double atFloor = *diluted->modules.front().realisedRate;
  CHECK(atFloor > 100 * 500);
  CHECK(diags.warningCount() == 1);
  // The backward strand (the fuel ratio) at its ceiling, twice C_max,
  // would halve the rate (k1 k2 [L] / (k-1 [Bk] + k2 B)), still 50 times
  // too fast: calibration leaves it at C_max.
  plain.tuneBackwardStrands = true;
  llvm::Expected<dna::Design> strand = dsd::compile(*module, plain, diags);
  REQUIRE(bool(strand));
  CHECK(*strand->modules.front().realisedRate == Approx(atFloor).epsilon(1e-9));
  for (const dna::NamedComplex &c : strand->allComplexes())
    CHECK(c.concentration.value_or(0) <= 1000);
}

// The mismatch ladder by increasing ddG (RateModel.h): end 1.7, wobble 3.1,
// central 4.2, end + wobble 4.8, end + central 5.9, wobble + central 7.3,
// two central 8.4, end + wobble + central 9.0, end + two central 10.1,
// wobble + two central 11.5, three central 12.6 kcal/mol; a 5-nt toehold
// has 3 internal bases, one mismatch each.
TEST_CASE("the mismatch ladder orders its settings by ddG",
          "[dsd][rates][mismatch]") {
  dsd::MismatchSite site{0, 3, 2};
  std::vector<std::tuple<unsigned, bool, bool>> got;
  for (const dsd::MismatchSetting &s : dsd::mismatchLadder(site))
    got.push_back({s.central, s.end, s.wobble});
  using T = std::tuple<unsigned, bool, bool>;
  CHECK(got ==
        std::vector<T>{T{0, true, false}, T{0, false, true}, T{1, false, false},
                       T{0, true, true}, T{1, true, false}, T{1, false, true},
                       T{2, false, false}, T{1, true, true}, T{2, true, false},
                       T{2, false, true}, T{3, false, false}});
  site.openEnd = 0; // not the outermost domain: no end mismatch
  CHECK(dsd::mismatchLadder(site).size() == 6);
  site.capacity = 2; // a 4-nt toehold: no middle base for a wobble
  CHECK(dsd::mismatchLadder(site).size() == 2);
}

// Measured with crnc's enumerator: an end mismatch slows the join gate by
// at most exp(ddG_end / RT) = 17.7 (the equilibrium shift of its first
// step), far less than one central mismatch (100 to 1199.5 above).
TEST_CASE_METHOD(UncalibratedAbc,
                 "an end mismatch slows the join gate less than a central one",
                 "[dsd][rates][mismatch]") {
  dna::ComplexIndex gate = design.modules.front().fuels.front();
  auto site = dsd::mismatchSite(design, gate, *design.lookup("A"));
  REQUIRE(site);
  REQUIRE(site->openEnd != 0);
  dsd::setMismatches(design, gate, *site, {0, true});
  CHECK(dsd::inputToeholdMismatches(design, gate, *design.lookup("A")) == 1);
  llvm::Expected<dsd::MeasuredRate> r =
      dsd::measureModuleRate(*module, design, 0, steps.front());
  REQUIRE(bool(r));
  double factor = 6.505e5 / r->perMolarSecond;
  CHECK(factor > 2);
  CHECK(factor < 17.7 * 1.001);
}

// A clock-catalysed step fires at the trigger's free level, which the lab
// protocol sets (clock_on x conc_scale_nM: 1 x 10 nM here), also where its
// buffer holds the trigger first (gateHold > 0) and the loads are bounds (a
// clocked model). SSW's join then realises k1 k2 [L] / (k-1 [Bk] + k2 clk):
// the gate needs 1 + 6.505e5 * 1e-8 / (4.537e5 * 1e-6) = 1.01434 times the
// 307.5 nM a trace of the trigger needs (rates as above), 311.9 nM, and
// realises q at 10 nM. Tolerance 0.2 % (levels to 4 digits, calibration
// within 0.1 %).
static constexpr const char *clockedModule = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr conc_scale_nM = "10"
  species A : signal = 10
  species B : signal = 0
  species clk : clock = 10 {phase = "on", clock_on = "1"}
  species LS_clk : fuel = 1000 constant {buffer_of = "clk"}
  species BS_clk : fuel = 1000 constant
  species HS_clk : intermediate = 0
  reaction A + clk -> B + clk [k = 0.0002]
  reaction clk + LS_clk <=> HS_clk + BS_clk [kf = 0.0006, kr = 0.0006]
})";

TEST_CASE("a clock trigger's free level is the schedule's",
          "[dsd][rates][clock]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::unique_ptr<ir::Module> module = parseModule(clockedModule, diags);
  REQUIRE(module);
  ir::SpeciesId clk = *module->lookupSpecies("clk");
  CHECK(dsd::triggerLevel(*module, clk) == Approx(10));
  CHECK(dsd::triggerLevel(*module, *module->lookupSpecies("A")) == 0);
  dsd::SchemeOptions options;
  options.calibrateRates = false;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  std::vector<dsd::Step> steps =
      dsd::SchemeBuilder(*module, options, *design).steps(false);
  dsd::GateLoads bounds; // not simulated, as for a clocked model
  std::vector<dsd::Step> at = dsd::atPartnerLevels(*module, steps, bounds);
  REQUIRE(at.front().reactants.size() == 2);
  REQUIRE(at.front().reactants[1] == clk);
  CHECK(at.front().partnerLevel == Approx(10));
  // The buffer's step (clk first, LS_clk a constant) has no partner.
  for (size_t i = 1; i < at.size(); ++i)
    CHECK(at[i].partnerLevel == 0);
}

TEST_CASE("a clock-catalysed join is calibrated at the trigger's level",
          "[dsd][rates][clock]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto [module, design] =
      compileText(clockedModule, dsd::SchemeOptions(), diags);
  const dna::ReactionModule &m = design.modules.front();
  REQUIRE(m.rateGate);
  REQUIRE(m.realisedRate);
  CHECK(*m.realisedRate == Approx(2e5).epsilon(2e-3));
  CHECK(*design.getComplex(*m.rateGate).concentration ==
        Approx(311.9).epsilon(2e-3));
}

// A join whose gate would need more than C_max at its partner's level is
// pinned there short of q by less than the 1 % tolerance; the backward
// strand then takes over: q = 6.45e5 /M/s needs 1000 x 6.45 / 6.505 x
// 1.01434 = 1005.8 nM of gate (rates as above), so at C_max the module
// realises 6.505e5 / 1.01434 = 6.413e5 (0.57 % short). With k-1 [Bk] + k2
// clk = 6.505e5 x 0.4537 / 6.45e5 /s per uM it realises q: [Bk] = (0.457569
// - 0.006505) / 0.4537 x 1000 = 994.2 nM. Tolerances 0.2 % (4 digits,
// bisection in log level).
TEST_CASE("a join pinned at C_max is brought to q by its backward strand",
          "[dsd][rates][clock]") {
  std::string text = clockedModule;
  size_t at = text.find("k = 0.0002");
  REQUIRE(at != std::string::npos);
  text.replace(at, 10, "k = 0.000645");
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto [module, design] = compileText(text, dsd::SchemeOptions(), diags);
  const dna::ReactionModule &m = design.modules.front();
  REQUIRE(m.rateGate);
  REQUIRE(m.realisedRate);
  CHECK(*design.getComplex(*m.rateGate).concentration == Approx(1000));
  CHECK(*m.realisedRate == Approx(6.45e5).epsilon(2e-3));
  std::vector<double> lowered;
  for (dna::ComplexIndex f : m.fuels)
    if (*design.getComplex(f).concentration < 1000)
      lowered.push_back(*design.getComplex(f).concentration);
  REQUIRE(lowered.size() == 1);
  CHECK(lowered.front() == Approx(994.2).epsilon(2e-3));
}

// A model input (`load` = "x:i") stays at its sample's level through both
// clock phases: a join that takes it second is measured at one model unit
// (conc_scale_nM, 10 nM here; the data's level with SchemeOptions::loadLevels)
// where the input is held by no join beside a moving partner; an input that a
// join holds first against such a partner (X2 + E -> D) keeps the trace level,
// and so does every partner that is no input.
static constexpr const char *inputModule = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr conc_scale_nM = "10"
  attr join_order = "no-output-crosstalk"
  species X1 : input = 0 {load = "x:0"}
  species X2 : input = 0 {load = "x:1"}
  species E : error = 0
  species C : signal = 0
  species D : signal = 0
  reaction E + X1 -> C [k = 0.0002]
  reaction X2 + E -> D [k = 0.0002]
  reaction E + X2 -> C [k = 0.0002]
})";

TEST_CASE("a join taking a model input is measured at one model unit",
          "[dsd][rates][input]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::unique_ptr<ir::Module> module = parseModule(inputModule, diags);
  REQUIRE(module);
  ir::SpeciesId x1 = *module->lookupSpecies("X1");
  CHECK(dsd::inputLevel(*module, x1) == Approx(10));
  CHECK(dsd::inputLevel(*module, *module->lookupSpecies("E")) == 0);
  dsd::SchemeOptions options;
  options.calibrateRates = false;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  std::vector<dsd::Step> steps =
      dsd::SchemeBuilder(*module, options, *design).steps(false);
  dsd::GateLoads bounds; // not simulated, as for a clocked model
  std::vector<dsd::Step> at = dsd::atPartnerLevels(*module, steps, bounds);
  REQUIRE(at.size() == 3);
  REQUIRE(at[0].reactants[1] == x1);
  CHECK(at[0].partnerLevel == Approx(10));
  CHECK(at[1].partnerLevel == 0); // E, no input
  CHECK(at[2].partnerLevel == 0); // X2, held first beside E
}

// In a classifier (targets are class labels, `task` not "regression") the
// error stays within about one unit, so the join holding X2 beside it is
// drained as its trace calibration assumes and X2 runs free at its level:
// 'E + X2 -> C' is measured there too (the Iris rows near the data's levels
// re-simulated 6.4-8.6 % with the trace, 1.0-2.3 % at the level).
TEST_CASE("a classifier's input held beside its error is measured at its "
          "level",
          "[dsd][rates][input]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::string text = inputModule;
  text.insert(text.find("  species X1"), "  attr task = \"binary\"\n");
  std::unique_ptr<ir::Module> module = parseModule(text, diags);
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.calibrateRates = false;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  std::vector<dsd::Step> steps =
      dsd::SchemeBuilder(*module, options, *design).steps(false);
  dsd::GateLoads bounds;
  std::vector<dsd::Step> at = dsd::atPartnerLevels(*module, steps, bounds);
  REQUIRE(at.size() == 3);
  CHECK(at[0].partnerLevel == Approx(10));
  CHECK(at[1].partnerLevel == 0); // E, no input
  REQUIRE(at[2].reactants[1] == *module->lookupSpecies("X2"));
  CHECK(at[2].partnerLevel == Approx(10));
  text.replace(text.find("binary"), 6, "regression");
  std::unique_ptr<ir::Module> regression = parseModule(text, diags);
  REQUIRE(regression);
  CHECK(dsd::atPartnerLevels(*regression, steps, bounds)[2].partnerLevel == 0);
}

TEST_CASE("the data's input level replaces the model unit",
          "[dsd][rates][input]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::unique_ptr<ir::Module> module = parseModule(inputModule, diags);
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.loadLevels["x:0"] = 3.5;
  ir::SpeciesId x1 = *module->lookupSpecies("X1");
  CHECK(dsd::inputLevel(*module, x1, options) == Approx(35));
  CHECK(dsd::inputLevel(*module, *module->lookupSpecies("X2"), options) ==
        Approx(10));
}
