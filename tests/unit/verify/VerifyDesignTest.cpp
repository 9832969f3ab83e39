// What `crnc compile`'s verification steps rely on (lib/verify/VerifyDesign.h
// and the history-variant handling of FromEnumeration.h): complexes equal up
// to history domains, variants merged into their signal for pathway
// decomposition, the measured time scale of re-simulation, and a whole
// design (A + B -> C under soloveichik2010) checked end to end.
#include "lib/verify/VerifyDesign.h"
#include "VerifyTestSupport.h"
#include "backends/dsd/Scheme.h"
#include "backends/sbml/SBML.h"
#include "compiler/driver/Pipeline.h"
#include "lib/verify/FromEnumeration.h"

using namespace crnc;
using namespace crnc::test;

TEST_CASE("complexes equal up to history domains", "[verify]") {
  dna::DomainTable domains;
  dna::DomainRef h1{domains.add("h1", 15, dna::DomainKind::History)};
  dna::DomainRef h2{domains.add("h2", 15, dna::DomainKind::History)};
  dna::DomainRef t{domains.add("t", 5, dna::DomainKind::Toehold)};
  dna::DomainRef d{domains.add("d", 15, dna::DomainKind::Long)};
  dna::DomainRef e{domains.add("e", 15, dna::DomainKind::Long)};
  auto strand = [](std::vector<dna::DomainRef> ds) {
    dna::ComplexSketch sketch;
    for (dna::DomainRef x : ds)
      sketch.unpaired(x);
    return sketch.build();
  };
  dna::Complex signal = strand({h1, t, d, t});
  CHECK(verify::sameUpToHistory(signal, strand({h2, t, d, t}), domains));
  CHECK(verify::sameUpToHistory(signal, signal, domains));
  // A long domain is not a history domain; the order counts.
  CHECK_FALSE(verify::sameUpToHistory(signal, strand({e, t, d, t}), domains));
  CHECK_FALSE(verify::sameUpToHistory(signal, strand({h2, t, e, t}), domains));
  CHECK_FALSE(verify::sameUpToHistory(signal, strand({t, h2, d, t}), domains));
  // Pairs count: the same strands bound to a complement are another complex.
  dna::Complex bound = dna::ComplexSketch()
                           .unpaired(h2)
                           .paired(t)
                           .unpaired(d)
                           .unpaired(t)
                           .split()
                           .close(t.complemented())
                           .build();
  CHECK_FALSE(verify::sameUpToHistory(signal, bound, domains));
}

TEST_CASE("history variants merge into their signal", "[verify]") {
  verify::Crn formal = crnOf("A + B -> C\n");
  verify::Crn impl = crnOf("A + B -> i\ni -> e6 + w\ne6 + j -> k\n");
  verify::Interpretation m =
      verify::interpretationFromNames(impl, formal); // A, B
  m[*impl.lookup("e6")] = verify::Multiset{*formal.lookup("C")};
  verify::Crn merged = verify::mergeSignalVariants(impl, m, formal);
  // No species named C: e6 is renamed C (same index).
  CHECK(merged.speciesNames[*impl.lookup("e6")] == "C");
  CHECK(merged.format(merged.reactions[1]) == "i -> C + w");
  // With a species named C (declared after i, w: listed last), e6's
  // reactions use it instead.
  verify::Crn withC = crnOf("A + B -> i\ni -> e6 + w\nC + e6 -> k\n");
  verify::Interpretation m2 = verify::interpretationFromNames(withC, formal);
  m2[*withC.lookup("e6")] = verify::Multiset{*formal.lookup("C")};
  verify::Crn merged2 = verify::mergeSignalVariants(withC, m2, formal);
  CHECK(merged2.format(merged2.reactions[1]) == "i -> w + C");
  CHECK(merged2.format(merged2.reactions[2]) == "2 C -> k");
}

TEST_CASE("re-simulation measures the time scale", "[verify]") {
  // The implementation's A -> B runs at half the formal rate: the measured
  // time scale is 2 (exact for first-order decay); on the predicted axis
  // (1) the deviation is max over t of exp(-t/2) - exp(-t), 1/4 of the
  // range at t = 2 ln 2 (units of 1/k), minus the sampling error.
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  auto formal =
      frontend::compileString("species A = 10\nA -> B [k = 0.01]\n", diags);
  auto impl = frontend::compileString("A -> B [k = 0.005]\n", diags);
  REQUIRE(formal);
  REQUIRE(impl);
  verify::Crn formalCrn = verify::crnFromModule(*formal),
              implCrn = verify::crnFromModule(*impl);
  verify::Interpretation m =
      verify::interpretationFromNames(implCrn, formalCrn);
  verify::ResimulationOptions options;
  options.tEnd = 500;
  options.fitTimeScale = true;
  auto r = verify::resimulate(*formal, formalCrn, *impl, implCrn, m, options);
  if (!r)
    FAIL(llvm::toString(r.takeError()));
  // The verdict is on the predicted axis (1); the fit is information.
  REQUIRE(r->fittedTimeScale);
  CHECK(*r->fittedTimeScale == Approx(2).epsilon(2e-3));
  CHECK(r->fittedMaxDeviation < 2e-3); // interpolation in the dense run
  CHECK(r->timeScale == 1);
  CHECK_FALSE(r->pass);
  CHECK(r->maxDeviation == r->predictedMaxDeviation);
  CHECK(r->predictedMaxDeviation ==
        Approx(0.25 / (1 - std::exp(-5.0))).epsilon(1e-2));
  CHECK(verify::defaultHorizon(*formal) == Approx(500));
}

TEST_CASE("A + B -> C under soloveichik2010, enumerated and checked",
          "[verify][enumerate]") {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setWarningsSuppressed(true);
  auto module = frontend::compileString(
      "unit nM\nspecies A = 10 nM, B = 8 nM\nA + B -> C [k = 1e-3 /nM/s]\n",
      diags);
  REQUIRE(module);
  ir::Module asWritten = *module;
  driver::CompileOptions options;
  options.stopAfterDesign = true;
  driver::CompileResult result;
  REQUIRE(
      succeeded(driver::runCompilePipeline(*module, options, diags, result)));
  verify::PreparedDesign p = verify::prepareDesign(
      *module, *result.design, verify::nuskellEnumerateOptions());
  REQUIRE(p.system);
  verify::VerificationOutcome o = verify::checkDesign(
      p, *module, &asWritten, "soloveichik2010", verify::DesignCheckOptions());
  REQUIRE(o.checks.size() == 2);
  CHECK(o.checks[0].verdict == verify::Verdict::Correct);
  CHECK(o.checks[1].verdict == verify::Verdict::Correct);
  CHECK_FALSE(o.foundIncorrect());
  // The gate's output is C up to its history domain: an e<n> stands for C.
  bool variant = false;
  for (const auto &[species, meaning] : o.interpretation)
    variant |= species[0] == 'e' && meaning == std::vector<std::string>{"C"};
  CHECK(variant);
  REQUIRE(o.resimulation.ran);
  CHECK(o.resimulation.reference == "the model as written");
  CHECK(o.resimulation.result.pass);
  CHECK(o.allHold());
  // The implementation as SBML (compile's <name>.implementation.sbml)
  // passes libSBML's consistency checks, fuels as boundary species.
  std::string text = sbml::writeSBML(p.implementation.module);
  CHECK(sbml::checkSBMLConsistency(text) == "");
  CHECK(text.find("boundaryCondition=\"true\"") != std::string::npos);
}
