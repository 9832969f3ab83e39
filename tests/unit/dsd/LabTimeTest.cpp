// dsd::labTimeOf reads the lab time from a formal module's attributes: the
// time scale per model time unit, times the horizon per phase, times the
// number of clock phases per training sample. Reference values are the
// products of the attributes below (exact in binary floating point).
#include "backends/dsd/Scheme.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>

using namespace crnc;

static std::optional<dna::LabTime> labTimeOfText(llvm::StringRef text) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(text, diags, "in.crnir");
  REQUIRE(module);
  return dsd::labTimeOf(*module);
}

TEST_CASE("a model's lab time counts every clock phase per sample") {
  auto t = labTimeOfText(R"(module "m" {
    unit nM
    attr model_kind = "linear_regression"
    attr horizon = "2"
    attr clock_phases = "forward:clk_f,backward:clk_b"
    attr time_scale = "30"
  })");
  REQUIRE(t);
  CHECK(t->secondsPerTimeUnit == 30);
  REQUIRE(t->secondsPerPhase);
  CHECK(*t->secondsPerPhase == 60);
  REQUIRE(t->secondsPerTrainingSample);
  CHECK(*t->secondsPerTrainingSample == 120);
}

TEST_CASE("a plain CRN has only a time unit; no time scale, no lab time") {
  auto t = labTimeOfText("module \"m\" {\n  unit nM\n  attr time_scale = "
                         "\"2.5\"\n}\n");
  REQUIRE(t);
  CHECK(t->secondsPerTimeUnit == 2.5);
  CHECK(!t->secondsPerPhase);
  CHECK(!t->secondsPerTrainingSample);
  CHECK(!labTimeOfText("module \"m\" {\n  unit nM\n}\n"));
}
