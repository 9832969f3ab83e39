// SBML export and import: every bundled example, lowered as `crnc compile`
// lowers it, is written as SBML that passes libSBML's full consistency check
// and reads back into the same network; re-read networks simulate to the
// same trajectories; phases, reversible and higher-order reactions survive;
// laws that are not mass action are refused with a located error.
#include "backends/sbml/SBML.h"
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include "lib/passes/LoweringPipeline.h"
#include "lib/sim/Simulator.h"
#include "tests/unit/sim/SimTestUtil.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace crnc;
using simtest::maxRelativeDifference;

namespace {

struct Loaded {
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os{messages};
  DiagnosticEngine diags{sm, os};
  Loaded() { diags.setWarningsSuppressed(true); }
};

std::unique_ptr<ir::Module> readBack(llvm::StringRef text, Loaded &l) {
  unsigned id = l.sm.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "model.sbml"), llvm::SMLoc());
  return sbml::readSBML(id, l.diags);
}

/// An example lowered by the standard pipeline (what `crnc compile` writes
/// as <name>.formal.sbml).
std::unique_ptr<ir::Module> lowerExample(const std::string &path) {
  Loaded l;
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  unsigned id = l.sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::unique_ptr<ir::Module> module = frontend::compileSource(id, l.diags);
  INFO(l.os.str());
  REQUIRE(module);
  PassManager pm;
  buildLoweringPipeline(pm, LoweringOptions());
  REQUIRE(succeeded(pm.run(*module, l.diags)));
  return module;
}

/// Same species (name, initial value, constancy) and reactions (terms,
/// rates, phases) up to the 15 significant digits SBML text carries.
void requireSameNetwork(const ir::Module &a, const ir::Module &b) {
  REQUIRE(a.speciesCount() == b.speciesCount());
  REQUIRE(a.reactionCount() == b.reactionCount());
  REQUIRE(a.allPhases().size() == b.allPhases().size());
  CHECK(a.unit == b.unit);
  auto close = [](double x, double y) {
    return std::fabs(x - y) <= 1e-14 * std::max(std::fabs(x), std::fabs(y));
  };
  for (size_t i = 0; i < a.speciesCount(); ++i) {
    const ir::Species &s = a.getSpecies(ir::SpeciesId(i));
    const ir::Species &t = b.getSpecies(ir::SpeciesId(i));
    REQUIRE(s.name == t.name);
    CHECK(close(s.initial, t.initial));
    CHECK(s.constant == t.constant);
  }
  for (size_t i = 0; i < a.reactionCount(); ++i) {
    const ir::Reaction &r = a.allReactions()[i];
    const ir::Reaction &q = b.allReactions()[i];
    ir::TermList ra = r.reactants, pa = r.products;
    ir::normalizeTerms(ra);
    ir::normalizeTerms(pa);
    CHECK(ra == q.reactants);
    CHECK(pa == q.products);
    CHECK(close(r.rate, q.rate));
    CHECK(r.isReversible() == q.isReversible());
    if (r.isReversible() && q.isReversible())
      CHECK(close(*r.reverseRate, *q.reverseRate));
    CHECK(r.phase == q.phase);
  }
}

sim::Trace simulate(const ir::Module &m, double tEnd,
                    std::vector<bool> phases = {}) {
  sim::SimulateOptions opts;
  opts.tEnd = tEnd;
  opts.points = 41;
  opts.initialPhases = std::move(phases);
  opts.solver.relTol = 1e-9;
  opts.solver.absTol = 1e-12;
  auto trace = sim::simulate(m, sim::Schedule(), opts);
  REQUIRE(bool(trace));
  return std::move(*trace);
}

std::vector<std::string> exampleFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(CRNC_EXAMPLES_DIR, ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".crn")
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

// The formal CRN does not depend on the DSD scheme (schemes act after the
// lowering), so one export per example covers every scheme.
TEST_CASE("every example's formal SBML is consistent and reads back") {
  std::vector<std::string> files = exampleFiles();
  REQUIRE(files.size() >= 10);
  std::set<std::string> checked;
  for (const std::string &file : files) {
    INFO(file);
    std::unique_ptr<ir::Module> formal = lowerExample(file);
    std::string text = sbml::writeSBML(*formal);
    // (rings.crn and nonlinear_classifier.crn lower to the same file but for
    // the model name; the check takes ~1 ms per reaction, so a repeated text is
    // checked once.)
    size_t model = text.find("<model "), end = text.find('\n', model);
    if (checked.insert(text.substr(0, model) + text.substr(end)).second)
      CHECK(sbml::checkSBMLConsistency(text) == "");
    Loaded l;
    std::unique_ptr<ir::Module> back = readBack(text, l);
    INFO(l.os.str());
    REQUIRE(back);
    CHECK(back->name == formal->name);
    requireSameNetwork(*formal, *back);
  }
}

TEST_CASE("re-read SBML simulates to the original trajectories") {
  // Tolerance 1e-6 relative: the files carry 15 significant digits and both
  // runs use CVODE at rtol 1e-9; measured differences are 0 to 1.3e-13.
  for (const char *name : {"rock_paper_scissors", "reversible_binding",
                           "lotka_volterra", "linear_regression"}) {
    INFO(name);
    std::unique_ptr<ir::Module> formal =
        lowerExample(std::string(CRNC_EXAMPLES_DIR) + "/" + name + ".crn");
    Loaded l;
    std::unique_ptr<ir::Module> back = readBack(sbml::writeSBML(*formal), l);
    REQUIRE(back);
    double tEnd = 600;
    CHECK(maxRelativeDifference(simulate(*back, tEnd),
                                simulate(*formal, tEnd)) < 1e-6);
  }
}

static const char *phased = R"(module "phased" {
  unit uM
  phase on
  species A : signal = 2
  species B : signal = 0.5
  species C : signal = 0
  species F : fuel = 3 constant
  reaction 2 A -> B [k = 0.7]
  reaction A + B <=> C [kf = 1.5, kr = 0.25] phase on
  reaction F -> A [k = 0.1]
  reaction -> C [k = 0.05]
  reaction A + B + C -> [k = 0.3]
})";

TEST_CASE("phases, reversible, zero- and third-order reactions round-trip") {
  Loaded p;
  auto module = ir::parseModuleFromString(phased, p.diags);
  REQUIRE(module);
  std::string text = sbml::writeSBML(*module);
  CHECK(sbml::checkSBMLConsistency(text) == "");
  // k of 2A -> B in /uM/s and k of A + B + C in /uM^2/s, concentrations in uM.
  CHECK(text.find("<unitDefinition id=\"per_conc_per_second\">") !=
        std::string::npos);
  CHECK(text.find("<unitDefinition id=\"per_conc2_per_second\">") !=
        std::string::npos);
  CHECK(text.find("<unit kind=\"mole\" exponent=\"1\" scale=\"-6\"") !=
        std::string::npos);
  Loaded l;
  std::unique_ptr<ir::Module> back = readBack(text, l);
  INFO(l.os.str());
  REQUIRE(back);
  requireSameNetwork(*module, *back);
  for (bool on : {true, false}) {
    std::vector<bool> mask{on};
    double diff = maxRelativeDifference(simulate(*back, 20, mask),
                                        simulate(*module, 20, mask));
    CHECK(diff < 1e-6);
  }
}

TEST_CASE("laws that are not mass action are refused at their line") {
  Loaded p;
  auto module = ir::parseModuleFromString(phased, p.diags);
  REQUIRE(module);
  std::string text = sbml::writeSBML(*module);
  // Michaelis-Menten-like: A / (1 + A) is not a polynomial.
  size_t at = text.find("<ci> k_1 </ci>");
  REQUIRE(at != std::string::npos);
  std::string bad = text;
  bad.replace(at, std::string("<ci> k_1 </ci>").size(),
              "<apply><divide/><cn> 1 </cn><apply><plus/><cn> 1 </cn><ci> A "
              "</ci></apply></apply>");
  Loaded l;
  CapturedDiagnostics captured(l.diags);
  CHECK_FALSE(readBack(bad, l));
  REQUIRE(captured.hasError("kinetic law of reaction 'r1' is not mass action"));
  CHECK(captured.all().front().loc.fileName() == "model.sbml");
  CHECK(captured.all().front().loc.line > 1);

  // Power of a species different from its stoichiometry.
  std::string wrongPower = text;
  size_t pow = wrongPower.find("<cn type=\"integer\"> 2 </cn>");
  REQUIRE(pow != std::string::npos);
  wrongPower.replace(pow, std::string("<cn type=\"integer\"> 2 </cn>").size(),
                     "<cn type=\"integer\"> 3 </cn>");
  Loaded w;
  CapturedDiagnostics wrong(w.diags);
  CHECK_FALSE(readBack(wrongPower, w));
  CHECK(wrong.hasError("is not mass action"));
}

TEST_CASE("malformed XML is reported with its line") {
  Loaded l;
  CapturedDiagnostics captured(l.diags);
  CHECK_FALSE(readBack("<?xml version=\"1.0\"?>\n<sbml>\n<model\n", l));
  REQUIRE(!captured.all().empty());
  CHECK(captured.all().front().severity == Severity::Error);
  CHECK(captured.all().front().loc.line >= 1);
}
