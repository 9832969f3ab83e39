// Re-simulation: the formal CRN and a hand-built implementation with an
// intermediate, compared through the interpretation. For A -> i -> B with
// i -> B k2 times faster than A -> i, the implementation's A + i trails the
// formal A by about k1/k2 of A's range (quasi-steady state i = (k1/k2) A),
// so a fast i passes a 5 % threshold and a slow one fails it.
#include "lib/verify/Resimulation.h"
#include "VerifyTestSupport.h"

using namespace crnc;
using namespace crnc::test;

namespace {
struct Setup {
  std::unique_ptr<ir::Module> formal, impl;
  verify::Crn formalCrn, implCrn;
  verify::Interpretation m;
};

/// Fails the test with the simulator's message on an error.
verify::ResimulationResult
resimulate(Setup &s, const verify::ResimulationOptions &options) {
  auto r = verify::resimulate(*s.formal, s.formalCrn, *s.impl, s.implCrn, s.m,
                              options);
  if (!r)
    FAIL(llvm::toString(r.takeError()));
  return std::move(*r);
}

Setup setup(llvm::StringRef implText) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  Setup s;
  s.formal = frontend::compileString("species A = 10\nA -> B [k = 0.01]\n",
                                     diags, "formal.crn");
  s.impl = frontend::compileString(implText, diags, "impl.crn");
  REQUIRE(s.formal);
  REQUIRE(s.impl);
  s.formalCrn = verify::crnFromModule(*s.formal);
  s.implCrn = verify::crnFromModule(*s.impl);
  s.m = verify::interpretationFromNames(s.implCrn, s.formalCrn);
  s.m[*s.implCrn.lookup("i")] = verify::Multiset{*s.formalCrn.lookup("A")};
  return s;
}
} // namespace

TEST_CASE("a fast intermediate follows the formal trajectory") {
  Setup s = setup("A -> i [k = 0.01]\ni -> B [k = 10]\n");
  verify::ResimulationOptions options;
  options.tEnd = 500;
  verify::ResimulationResult r = resimulate(s, options);
  CHECK(r.pass);
  // k1/k2 = 1e-3; CVODE's tolerances are far below.
  CHECK(r.maxDeviation < 2e-3);
  CHECK(r.maxDeviation > 5e-4);
  REQUIRE(r.species.size() == 2);
  CHECK(r.species[0].range == Approx(10 * (1 - std::exp(-5.0))).epsilon(1e-4));
}

TEST_CASE("a slow intermediate fails the threshold, naming the species") {
  Setup s = setup("A -> i [k = 0.01]\ni -> B [k = 0.02]\n");
  verify::ResimulationOptions options;
  options.tEnd = 500;
  verify::ResimulationResult r = resimulate(s, options);
  CHECK_FALSE(r.pass);
  CHECK(r.maxDeviation > 0.1);
}

TEST_CASE("fuels are held at their level and signals start at the formal "
          "initial values") {
  // A + f -> i + f: the fuel f (100) must not run out; only A is set to 10.
  Setup s = setup("species f = 100, A = 3\nA + f -> i + f [k = 1e-4]\n"
                  "i -> B [k = 10]\n");
  verify::ResimulationOptions options;
  options.tEnd = 500;
  options.fuels = {*s.implCrn.lookup("f")};
  verify::ResimulationResult r = resimulate(s, options);
  CHECK(r.implementationTrace.at(0, *s.implCrn.lookup("A")) == 10);
  CHECK(r.pass);
}

TEST_CASE("the SSA ensemble mean is compared the same way") {
  Setup s = setup("A -> i [k = 0.01]\ni -> B [k = 10]\n");
  verify::ResimulationOptions options;
  options.tEnd = 500;
  sim::SsaOptions ssa;
  ssa.volume = 100; // 1000 molecules of A
  ssa.runs = 20;
  ssa.seed = 7;
  ssa.threads = 1;
  options.ssa = ssa;
  verify::ResimulationResult r = resimulate(s, options);
  // Both sides are ensemble means of 20 runs of ~1000 molecules: noise of a
  // few per cent of the range at most.
  CHECK(r.maxDeviation < 0.05);
}

TEST_CASE("SSA samples a unitless formal CRN at the design's copy numbers") {
  // The design is in nM: --volume is litres there (1e-13 L: 60.2 molecules
  // per nM); the unitless formal CRN is sampled at 60.2 per unit too.
  Setup s = setup("unit nM\nA -> i [k = 0.01 /s]\ni -> B [k = 10 /s]\n");
  REQUIRE(s.impl->unit != s.formal->unit);
  verify::ResimulationOptions options;
  options.tEnd = 500;
  sim::SsaOptions ssa;
  ssa.volume = 1e-13;
  ssa.runs = 20;
  ssa.seed = 5;
  ssa.threads = 1;
  options.ssa = ssa;
  verify::ResimulationResult r = resimulate(s, options);
  // 600 molecules of A in each of 20 runs on both sides: a few per cent.
  CHECK(r.maxDeviation < 0.05);
}

TEST_CASE("with SSW's buffers the free signals follow the model: amounts "
          "and readings scale by amount_factor") {
  // Formal A + C -> B. The implementation holds A and C by lambda = 1 in
  // fast equilibria (A <=> a, C <=> c, K = 1) and reacts on the free ones:
  // with totals (1 + lambda) x0 the free amounts are x0 and follow the
  // formal CRN slowed by 1 + lambda = 2, and every total is twice the
  // formal value. Read with amount_factor 1 instead, the free amounts start
  // at x0 / 2 and the reaction runs 4 times too slowly at first.
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  Setup s;
  s.formal = frontend::compileString(
      "species A = 10, C = 8\nA + C -> B [k = 0.001]\n", diags, "formal.crn");
  s.impl = frontend::compileString("A <=> a [kf = 50, kr = 50]\n"
                                   "C <=> c [kf = 50, kr = 50]\n"
                                   "A + C -> B [k = 0.001]\n",
                                   diags, "impl.crn");
  REQUIRE(s.formal);
  REQUIRE(s.impl);
  s.formalCrn = verify::crnFromModule(*s.formal);
  s.implCrn = verify::crnFromModule(*s.impl);
  s.m = verify::interpretationFromNames(s.implCrn, s.formalCrn);
  s.m[*s.implCrn.lookup("a")] = verify::Multiset{*s.formalCrn.lookup("A")};
  s.m[*s.implCrn.lookup("c")] = verify::Multiset{*s.formalCrn.lookup("C")};
  verify::ResimulationOptions options;
  options.tEnd = 300;
  options.timeScale = 2;
  options.amountFactor = 2;
  verify::ResimulationResult r = resimulate(s, options);
  CHECK(r.implementationTrace.at(0, *s.implCrn.lookup("A")) == 20);
  // The equilibria settle within 0.01 s of 600 s; k x / kf ~ 2e-4.
  CHECK(r.maxDeviation < 2e-3);
  options.amountFactor = 1;
  CHECK(resimulate(s, options).maxDeviation > 0.1);
}

TEST_CASE("a wall-clock limit stops the re-simulation and says so") {
  Setup s = setup("A -> i [k = 0.01]\ni -> B [k = 10]\n");
  verify::ResimulationOptions options;
  options.tEnd = 500;
  options.wallSeconds = 1e-9; // passed by the first output time
  verify::ResimulationResult r = resimulate(s, options);
  CHECK(r.stopped == "time limit of 1e-09 s reached while simulating the "
                     "reference");
  CHECK(r.species.empty());
  CHECK_FALSE(r.pass);
  options.wallSeconds = 60;
  CHECK(resimulate(s, options).stopped.empty());
}
