// The lab-level training record a trained module carries
// (lib/verify/LabRecord.h): it survives the textual IR, and a design is the
// same design when only what training changes (initial amounts, and the rate
// constants and buffer levels map-rates derives from them) differs.
#include "lib/verify/LabRecord.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>
#include <cmath>

using namespace crnc;

namespace {

std::unique_ptr<ir::Module> parse(llvm::StringRef text) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  std::unique_ptr<ir::Module> m = ir::parseModuleFromString(text, diags);
  REQUIRE(m);
  return m;
}

/// A lowered module as map-rates leaves it (attributes as it writes them).
std::string formal(double weight, double rate, double fuel,
                   const char *extra = "") {
  return std::string("module \"m\" {\n  unit nM\n"
                     "  attr conc_scale_nM = \"100\"\n"
                     "  attr cmax_nM = \"1000\"\n"
                     "  attr qmax_per_nM_s = \"0.001\"\n"
                     "  species X : input = 0\n"
                     "  species W : weight = ") +
         std::to_string(weight) +
         "\n  species G : fuel = " + std::to_string(fuel) +
         " constant\n  species C : hidden = 0\n"
         "  reaction X + W <=> C + G [kf = " +
         std::to_string(rate) + ", kr = 0.001]\n" + extra + "}\n";
}

verify::LabRecord sampleRecord(const ir::Module &m) {
  verify::LabRecord r;
  r.level = "dna";
  r.network = "12 complexes, 5 resting macrostates (species)";
  r.design = verify::designIdentity(m, "soloveichik2010");
  r.trainLoss = {2.5, 1.25};
  r.trainAccuracy = {0.5, 0.75};
  r.validationLoss = {NAN, 0.125};
  r.validationAccuracy = {NAN, 1};
  r.testLoss = 0.375;
  r.testAccuracy = 0.875;
  r.weightNames = {"P1", "B"};
  r.weights = {0.25, -1.5};
  r.firstModelOutputs = {6.5};
  r.firstOutputs = {82.25};
  r.firstModelChanges = {0.125, 0.0625};
  r.firstChanges = {0.25, 30.5};
  r.lowestFuelFraction = 0.0;
  r.lowestFuelName = "f45";
  r.phaseSeconds = 5555;
  r.trainingSamples = 4;
  r.evaluatedSamples = 3;
  r.loadLevels = {{"x:0", 5.875}, {"x:1", 4.75}};
  return r;
}

} // namespace

TEST_CASE("a lab record survives printing and parsing the module",
          "[verify][lab]") {
  std::unique_ptr<ir::Module> m = parse(formal(0, 2e-4, 833));
  verify::LabRecord r = sampleRecord(*m);
  verify::recordLabTraining(*m, r);
  std::unique_ptr<ir::Module> back = parse(ir::printModuleToString(*m));
  std::optional<verify::LabRecord> read = verify::readLabRecord(*back);
  REQUIRE(read);
  CHECK(read->level == "dna");
  CHECK(read->network == r.network);
  CHECK(read->design.structure == r.design.structure);
  CHECK(read->design.concScaleNM == 100);
  CHECK(read->trainLoss == r.trainLoss);
  CHECK(std::isnan(read->validationLoss[0]));
  CHECK(read->validationLoss[1] == 0.125);
  CHECK(read->testAccuracy == 0.875);
  CHECK(read->weightNames == r.weightNames);
  CHECK(read->weights == r.weights);
  CHECK(read->firstOutputs == r.firstOutputs);
  CHECK(read->firstModelChanges == r.firstModelChanges);
  CHECK(read->firstChanges == r.firstChanges);
  CHECK(read->lowestFuelFraction == 0.0);
  CHECK(read->lowestFuelName == "f45");
  // 2 phases of 5555 s per sample, 4 samples in sequence.
  CHECK(read->sampleHours() == Approx(2 * 5555.0 / 3600).epsilon(1e-12));
  CHECK(read->trainingHours() == Approx(4 * 2 * 5555.0 / 3600).epsilon(1e-12));
  CHECK(read->evaluatedSamples == 3);
  // The training rows' input levels the design was built for (compile of
  // the trained module rebuilds that design, DesignStep.cpp).
  CHECK(read->loadLevels == r.loadLevels);
  verify::clearLabRecord(back->attrs);
  CHECK_FALSE(ir::findAttribute(back->attrs, "lab_load_levels"));
  CHECK_FALSE(verify::readLabRecord(*back));
  CHECK_FALSE(ir::findAttribute(back->attrs, "lab_weights"));
  CHECK(ir::findAttribute(back->attrs, "cmax_nM"));
}

TEST_CASE("a record with a list of the wrong length is not read",
          "[verify][lab]") {
  std::unique_ptr<ir::Module> m = parse(formal(0, 2e-4, 833));
  verify::recordLabTraining(*m, sampleRecord(*m));
  ir::setAttribute(m->attrs, "lab_validation_loss", "0.5");
  CHECK_FALSE(verify::readLabRecord(*m));
}

TEST_CASE("trained weights leave the design the same; the lowering does not",
          "[verify][lab]") {
  verify::DesignIdentity trained = verify::designIdentity(
      *parse(formal(0, 2e-4, 833.33)), "soloveichik2010");
  // Training moved the weight; map-rates' sequestration moved a rate and a
  // buffer level with it (1.96e-4 and 835.96 measured on the regression
  // example): still the design that was trained.
  verify::DesignIdentity retrained = verify::designIdentity(
      *parse(formal(13.97, 1.9623e-4, 835.96)), "soloveichik2010");
  CHECK(verify::designDifferences(trained, retrained).empty());
  verify::DesignIdentity other = verify::designIdentity(
      *parse(formal(0, 2e-4, 833.33, "  reaction C -> X [k = 0.01]\n")),
      "qian2011");
  other.cmaxNM = 2000;
  std::vector<std::string> why = verify::designDifferences(trained, other);
  REQUIRE(why.size() == 3);
  CHECK(why[0] ==
        "trained on the soloveichik2010 design; this design uses qian2011");
  CHECK(why[1].find("reactions") != std::string::npos);
  CHECK(why[2] == "C_max (nM) 1000 when trained, 2000 now (--cmax=1000 "
                  "builds the one trained)");
}
