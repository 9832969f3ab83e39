//===- SinkLawsTest.cpp - sinks reconstructed from conservation laws -----===//
//
// Every law found must hold exactly for every channel and name exactly one
// sink; the generated families have known sinks (a cascade's waste per stage,
// three per DSD-like formal reaction); sinks without a law stay integrated;
// and a simulation that reconstructs the sinks gives the trajectory of one
// that integrates them, through events and phase switches: 1e-6 relative
// (floor 1e-3 of the largest value) at relTol 1e-9.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/SinkLaws.h"
#include "SimTestUtil.h"
#include "tests/bench/NetworkGenerators.h"

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

namespace {
/// Species no channel reads but some channel changes.
std::vector<bool> sinksOf(const CompiledNetwork &net) {
  std::vector<bool> read(net.speciesCount(), false),
      sink(net.speciesCount(), false);
  for (size_t c = 0; c < net.channelCount(); ++c)
    for (uint32_t s : net.reactantSpecies(c))
      read[s] = true;
  for (size_t c = 0; c < net.channelCount(); ++c)
    for (uint32_t s : net.changeSpecies(c))
      sink[s] = !read[s] && !net.isConstant(s);
  return sink;
}

/// Checks every law against every channel: sum of coefficient x change = 0.
void checkLaws(const CompiledNetwork &net, const SinkLaws &laws) {
  std::vector<bool> sink = sinksOf(net);
  std::vector<bool> kept(net.speciesCount(), false);
  for (uint32_t s : laws.kept)
    kept[s] = true;
  CHECK(laws.kept.size() + laws.laws.size() == net.speciesCount());
  for (const SinkLaw &law : laws.laws) {
    INFO("sink " << net.speciesName(law.sink));
    CHECK(sink[law.sink]);
    CHECK(!kept[law.sink]);
    REQUIRE(!law.terms.empty());
    std::vector<double> c(net.speciesCount(), 0.0);
    c[law.sink] = 1;
    for (auto &[s, coef] : law.terms) {
      CHECK(!sink[s]);
      CHECK(kept[s]);
      c[s] = coef;
    }
    for (size_t ch = 0; ch < net.channelCount(); ++ch) {
      double sum = 0;
      auto sp = net.changeSpecies(ch);
      auto d = net.changeDeltas(ch);
      for (size_t e = 0; e < sp.size(); ++e)
        sum += c[sp[e]] * d[e];
      CHECK(sum == 0);
    }
  }
}

} // namespace

TEST_CASE("sink laws hold for every channel of the generated families",
          "[sim][sinks]") {
  SECTION("cascade: each stage's waste W by G + C + W") {
    CompiledNetwork net(bench::cascade(999, 1));
    SinkLaws laws = findSinkLaws(net);
    checkLaws(net, laws);
    REQUIRE(laws.laws.size() == 333);
    for (const SinkLaw &law : laws.laws) {
      std::string stage = net.speciesName(law.sink).substr(1);
      CHECK(net.speciesName(law.sink) == "W" + stage);
      REQUIRE(law.terms.size() == 2);
      for (auto &[s, coef] : law.terms) {
        CHECK(coef == 1);
        std::string name = net.speciesName(s);
        CHECK((name == "G" + stage || name == "C" + stage));
      }
    }
  }
  SECTION("DSD-like: three wastes per formal reaction") {
    CompiledNetwork net(bench::dsdLike(1000, 2));
    SinkLaws laws = findSinkLaws(net);
    checkLaws(net, laws);
    CHECK(laws.laws.size() == 3 * 200);
  }
  SECTION("random sparse networks") {
    for (uint64_t seed : {1, 2, 3}) {
      CompiledNetwork net(bench::randomSparse(500, seed));
      checkLaws(net, findSinkLaws(net));
    }
  }
}

TEST_CASE("sinks without a conservation law stay integrated", "[sim][sinks]") {
  auto m = parseIR(R"(module "m" {
  species A : signal = 1
  species B : signal = 0
  species P : signal = 0
  species Z : signal = 0
  species K : signal = 1 constant
  reaction A -> B [k = 1]
  reaction A -> A + P [k = 1]
  reaction -> Z [k = 0.5]
  reaction K -> K + Z [k = 1]
})");
  CompiledNetwork net(*m);
  SinkLaws laws = findSinkLaws(net);
  checkLaws(net, laws);
  // B = 1 - A; P grows as a catalytic product and Z from a source: no law.
  REQUIRE(laws.laws.size() == 1);
  CHECK(net.speciesName(laws.laws[0].sink) == "B");
  CHECK(laws.kept.size() == 4);
}

TEST_CASE("a reconstructed sink reads its round-off below zero as zero",
          "[sim][sinks]") {
  SinkLaw law{2, {{0, 1.0}, {1, 1.0}}};
  double x[3] = {0.7, 0.3, 0.0};
  double total = 1.0;
  double exact = law.reconstruct(x, total, false);
  CHECK(std::fabs(exact) < 1e-15);
  CHECK(law.reconstruct(x, total, true) >= 0);
  x[0] = 0.7 + 1e-6; // a real deficit is reported, not hidden
  CHECK(law.reconstruct(x, total, true) < -9e-7);
}

TEST_CASE("reconstructing sinks gives the integrated trajectory",
          "[sim][sinks]") {
  auto compare = [](const CompiledNetwork &net, const Schedule &schedule,
                    double tEnd, double absTol) {
    SimulateOptions o;
    o.tEnd = tEnd;
    o.points = 21;
    o.solver.relTol = 1e-9;
    o.solver.absTol = absTol;
    Trace with, without;
    SolverStats statsWith, statsWithout;
    REQUIRE(!simulate(net, schedule, o, with, &statsWith));
    o.solver.eliminateSinks = false;
    REQUIRE(!simulate(net, schedule, o, without, &statsWithout));
    CHECK(statsWith.reconstructedSinks > 0);
    CHECK(statsWith.integratedSpecies + statsWith.reconstructedSinks ==
          net.speciesCount());
    CHECK(statsWithout.reconstructedSinks == 0);
    CHECK(maxRelativeDifference(with, without) < 1e-6);
  };
  SECTION("cascade with a waste topped up and a stage reset") {
    CompiledNetwork net(bench::cascade(300, 4));
    long w5 = net.lookupSpecies("W5"), g7 = net.lookupSpecies("G7"),
         c7 = net.lookupSpecies("C7");
    REQUIRE(w5 >= 0);
    REQUIRE(g7 >= 0);
    Schedule s;
    s.add(10, size_t(w5), 0.5).set(20, size_t(g7), 2.0).reset(30, {size_t(c7)});
    compare(net, s, 50, 1e-12);
  }
  SECTION("DSD-like network with a gate set mid-run") {
    CompiledNetwork net(bench::dsdLike(200, 6));
    long g3 = net.lookupSpecies("G3"), w3 = net.lookupSpecies("W3");
    REQUIRE(g3 >= 0);
    REQUIRE(w3 >= 0);
    Schedule s;
    s.set(1200, size_t(g3), 500).set(2400, size_t(w3), 0);
    compare(net, s, 3600, 1e-12 * 1e4);
  }
}

TEST_CASE("phases switched off and on keep the sink laws", "[sim][sinks]") {
  auto m = parseIR(R"(module "m" {
  phase p
  phase q
  species A : signal = 1
  species B : signal = 0.5
  species C : signal = 0
  species W : signal = 0
  reaction A + B -> C + W [k = 2] phase p
  reaction C -> A [k = 1] phase q
})");
  CompiledNetwork net(*m);
  SinkLaws laws = findSinkLaws(net);
  REQUIRE(laws.laws.size() == 1);
  CHECK(net.speciesName(laws.laws[0].sink) == "W");
  Schedule s;
  s.setPhases(0, {true, false})
      .setPhases(2, {false, true})
      .setPhases(4, {true, true});
  SimulateOptions o;
  o.tEnd = 8;
  o.points = 17;
  o.solver = tight();
  Trace with, without;
  REQUIRE(!simulate(net, s, o, with));
  o.solver.eliminateSinks = false;
  REQUIRE(!simulate(net, s, o, without));
  // W counts the firings of A + B -> C + W, which also consume B: W = 0.5 - B.
  for (size_t r = 0; r < with.rows(); ++r) {
    INFO("t = " << with.times[r]);
    CHECK(std::fabs(with.at(r, 3) - (0.5 - with.at(r, 1))) < 1e-12);
    CHECK(std::fabs(with.at(r, 3) - without.at(r, 3)) < 1e-8);
  }
}
