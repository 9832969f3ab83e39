// Numerical equivalence of each lowering pass: a network is simulated with
// lib/sim (CVODE, rtol 1e-9) before and after the pass, and the tracked
// species are compared. Tolerances: exact constructions (remove-dead,
// dual-rail, external gate-phases, map-rates without buffers) must agree to
// 1e-6 relative to the largest tracked value (integrator error only);
// reduce-order's fast-equilibrium chains to within 3 * epsilon, the bound
// stated in ReduceOrder.cpp.
#include "LoweringTestSupport.h"
#include <catch2/catch.hpp>
#include <cstdio>

using namespace crnc;
using namespace crnc::test;

static long speciesIndex(const ir::Module &m, llvm::StringRef name) {
  auto id = m.lookupSpecies(name);
  REQUIRE(id);
  return static_cast<long>(*id);
}

TEST_CASE("remove-dead leaves every live trajectory unchanged") {
  auto m = parseIR(R"(module "m" {
    species A : signal = 1
    species B : signal = 0
    species C : signal = 0
    species Z : signal = 0
    species W : signal = 0
    reaction A -> B [k = 1]
    reaction B + A -> C [k = 2]
    reaction Z + B -> W [k = 1]
    reaction W -> A [k = 1]
  })");
  auto low = lower(*m, "remove-dead");
  CHECK(low->speciesCount() == 3);
  auto times = grid(5, 50);
  double dev = relativeDeviation(simulateAt(*m, times), simulateAt(*low, times),
                                 {"A", "B", "C"});
  std::printf("[figure] remove-dead deviation %.3g\n", dev);
  CHECK(dev < 1e-6);
}

// x' = -x + w u, y' = -y + v x, z' = x y, a' = -a x / 2 with w = -1.5 and v = 2
// signed constants: x crosses zero (x = -1.5 + 2 e^-t), so do y and z, and a
// grows while x < 0.
static const char *signedLinear = R"(module "m" {
  species U : input = 1 constant
  species Wt : weight = -1.5 constant signed
  species V : weight = 2 constant signed
  species X : hidden = 0.5 signed
  species Y : output = -0.2 signed
  species Z : signal = 0 signed
  species A : signal = 1
  reaction X -> [k = 1]
  reaction Wt + U -> Wt + U + X [k = 1]
  reaction Y -> [k = 1]
  reaction V + X -> V + X + Y [k = 1]
  reaction X + Y -> X + Y + Z [k = 1]
  reaction A + X -> X [k = 0.5]
})";

TEST_CASE("dual-rail: rail differences follow a signed linear system") {
  auto m = parseIR(signedLinear);
  auto times = grid(6, 60);
  sim::Trace before = simulateAt(*m, times);
  // Closed form of x.
  for (size_t r = 0; r < times.size(); ++r)
    CHECK(tracked(before, r, "X") ==
          Approx(-1.5 + 2 * std::exp(-times[r])).margin(1e-7));
  for (const char *pipeline : {"dual-rail", "dual-rail{catalytic=true}",
                               "dual-rail{annihilation-rate=10}"}) {
    auto low = lower(*m, pipeline);
    double dev = relativeDeviation(before, simulateAt(*low, times),
                                   {"X", "Y", "Z", "A"});
    std::printf("[figure] %s deviation %.3g\n", pipeline, dev);
    CHECK(dev < 1e-6);
  }
}

TEST_CASE("dual-rail: x' = -x^2 and higher stoichiometry") {
  auto m = parseIR(R"(module "m" {
    species X : signal = 0.8 signed
    species Y : signal = -0.3 signed
    reaction 2 X -> X [k = 1]
    reaction X + 2 Y -> X + 2 Y + 3 X [k = 0.5]
    reaction Y -> [k = 0.2]
  })");
  auto times = grid(3, 30);
  auto low = lower(*m, "dual-rail");
  double dev = relativeDeviation(simulateAt(*m, times), simulateAt(*low, times),
                                 {"X", "Y"});
  std::printf("[figure] dual-rail nonlinear deviation %.3g\n", dev);
  CHECK(dev < 1e-6);
}

// Two phases: `load` converts A to B and binds B + A into C; `decay` turns B
// back into A; C decays in every phase.
static const char *twoPhase = R"(module "m" {
  phase load
  phase decay
  species A : signal = 1
  species B : signal = 0
  species C : signal = 0
  reaction A -> B [k = 1] phase load
  reaction B + A -> C [k = 0.5] phase load
  reaction B -> A [k = 2] phase decay
  reaction C -> [k = 0.3]
})";

/// Runs `m` (phased) with load on [0, 2) and decay on [2, 4].
static sim::Trace runPhased(const ir::Module &m, const std::vector<double> &t) {
  sim::Schedule s;
  s.setPhases(2, {false, true});
  return simulateAt(m, t, s, {true, false});
}

/// Runs an externally clocked module with the same schedule, in its own time
/// and concentration scale.
static sim::Trace runClocked(const ir::Module &m, const std::vector<double> &t,
                             double timeScale, double concScale) {
  sim::Schedule s;
  s.set(2 * timeScale, speciesIndex(m, "clk_load"), 0);
  s.set(2 * timeScale, speciesIndex(m, "clk_decay"), concScale);
  std::vector<double> scaled;
  for (double x : t)
    scaled.push_back(x * timeScale);
  return simulateAt(m, scaled, s);
}

TEST_CASE("gate-phases (external): a two-phase module matches its schedule") {
  auto m = parseIR(twoPhase);
  auto times = grid(4, 80);
  sim::Trace before = runPhased(*m, times);
  auto low = lower(*m, "gate-phases");
  double dev =
      relativeDeviation(before, runClocked(*low, times, 1, 1), {"A", "B", "C"});
  std::printf("[figure] gate-phases external deviation %.3g\n", dev);
  CHECK(dev < 1e-6);
  auto low2 = lower(*m, "gate-phases{clock-conc=5}");
  sim::Schedule s;
  s.set(2, speciesIndex(*low2, "clk_load"), 0);
  s.set(2, speciesIndex(*low2, "clk_decay"), 5);
  CHECK(relativeDeviation(before, simulateAt(*low2, times, s),
                          {"A", "B", "C"}) < 1e-6);
}

// A + B + C -> D and 2 A + B -> C (trimolecular, with 2 A) plus a return path.
static const char *trimolecular = R"(module "m" {
  species A : signal = 1
  species B : signal = 0.8
  species C : signal = 0.6
  species D : signal = 0
  reaction A + B + C -> D [k = 2]
  reaction 2 A + B -> C [k = 1]
  reaction D -> A [k = 0.5]
})";

TEST_CASE("reduce-order: chains approximate trimolecular kinetics within eps") {
  auto m = parseIR(trimolecular);
  auto times = grid(5, 50);
  sim::Trace before = simulateAt(*m, times);
  double previous = 1;
  // 0.02 is the default (LoweringOptions::epsilon).
  for (double eps : {0.02, 0.01, 0.001}) {
    auto low = lower(*m, "reduce-order{epsilon=" + std::to_string(eps) + "}");
    double dev = relativeDeviation(before, simulateAt(*low, times),
                                   {"A", "B", "C", "D"});
    std::printf("[figure] reduce-order eps=%g deviation %.3g\n", eps, dev);
    CHECK(dev < 3 * eps);
    CHECK(dev < previous);
    previous = dev;
  }
}

TEST_CASE("reduce-order after gate-phases: a gated bimolecular module") {
  auto m = parseIR(twoPhase);
  auto times = grid(4, 80);
  sim::Trace before = runPhased(*m, times);
  for (double eps : {0.02, 0.01}) {
    auto low = lower(
        *m, "gate-phases,reduce-order{epsilon=" + std::to_string(eps) + "}");
    double dev = relativeDeviation(before, runClocked(*low, times, 1, 1),
                                   {"A", "B", "C"});
    std::printf("[figure] gate-phases+reduce-order eps=%g deviation %.3g\n",
                eps, dev);
    CHECK(dev < 3 * eps);
  }
}

TEST_CASE("map-rates: exact after the time and concentration scales") {
  auto m = parseIR(R"(module "m" {
    unit uM
    species A : signal = 0.5
    species B : signal = 0.1
    species C : signal = 0
    reaction A + B -> 2 B [k = 2]
    reaction B -> C [k = 0.5]
    reaction C <=> A [kf = 0.1, kr = 0.05]
    reaction -> A [k = 0.01]
  })");
  auto times = grid(10, 50);
  sim::Trace before = simulateAt(*m, times);
  // qmax = 1e6 /M/s = 1e-3 /nM/s; k = 2 /uM/s = 2e-3 /nM/s: gamma = 2.
  auto low = lower(*m, "map-rates{buffers=off}");
  double scale = attrNumber(*low, "time_scale");
  CHECK(scale == Approx(2));
  std::vector<double> scaled;
  for (double t : times)
    scaled.push_back(t * scale);
  double dev = relativeDeviation(before, simulateAt(*low, scaled),
                                 {"A", "B", "C"}, 1000);
  std::printf("[figure] map-rates deviation %.3g (time scale %g)\n", dev,
              scale);
  CHECK(dev < 1e-6);
}
