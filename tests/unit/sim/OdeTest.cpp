//===- OdeTest.cpp - CVODE simulation against closed forms ---------------===//
//
// Each case states its closed form (or reference) and tolerance. Solved with
// relTol 1e-10 / absTol 1e-14 unless said otherwise; closed forms must agree to
// 1e-7 relative.
//
//===----------------------------------------------------------------------===//

#include "SimTestUtil.h"

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

static const double kClosedFormTol = 1e-7;

TEST_CASE("A -> B decays exponentially") {
  auto m = parseIR(R"(module "m" {
  species A : signal = 2
  species B : signal = 0
  reaction A -> B [k = 0.3]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {0, 1, 5, 20}, tight());
  for (size_t r = 0; r < tr.rows(); ++r) {
    double a = 2 * std::exp(-0.3 * tr.times[r]);
    CHECK(relErr(tr.at(r, 0), a) < kClosedFormTol);
    CHECK(relErr(tr.at(r, 1), 2 - a) < kClosedFormTol);
  }
}

TEST_CASE("A + B -> C with equal initial amounts") {
  // A(t) = A0 / (1 + k A0 t)
  auto m = parseIR(R"(module "m" {
  species A : signal = 1.5
  species B : signal = 1.5
  species C : signal = 0
  reaction A + B -> C [k = 2]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {0.1, 1, 10, 100}, tight());
  for (size_t r = 0; r < tr.rows(); ++r) {
    double a = 1.5 / (1 + 2 * 1.5 * tr.times[r]);
    CHECK(relErr(tr.at(r, 0), a) < kClosedFormTol);
    CHECK(relErr(tr.at(r, 2), 1.5 - a) < kClosedFormTol);
  }
}

TEST_CASE("A + B -> C with unequal initial amounts") {
  // With D = A0 - B0: A(t) = D A0 / (A0 - B0 exp(-D k t)), B = A - D.
  double a0 = 3, b0 = 1, k = 0.5, d = a0 - b0;
  auto m = parseIR(R"(module "m" {
  species A : signal = 3
  species B : signal = 1
  species C : signal = 0
  reaction A + B -> C [k = 0.5]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {0.2, 1, 4, 10}, tight());
  for (size_t r = 0; r < tr.rows(); ++r) {
    double a = d * a0 / (a0 - b0 * std::exp(-d * k * tr.times[r]));
    CHECK(relErr(tr.at(r, 0), a) < kClosedFormTol);
    CHECK(relErr(tr.at(r, 1), a - d, 1e-9) < kClosedFormTol);
  }
}

TEST_CASE("A <=> B relaxes to equilibrium") {
  // A(t) = Aeq + (A0 - Aeq) exp(-(kf + kr) t), Aeq = kr (A0 + B0) / (kf + kr).
  auto m = parseIR(R"(module "m" {
  species A : signal = 4
  species B : signal = 1
  reaction A <=> B [kf = 0.7, kr = 0.2]
})");
  CompiledNetwork net(*m);
  REQUIRE(net.channelCount() == 2);
  Trace tr = run(net, {0.5, 2, 10, 60}, tight());
  double aeq = 0.2 * 5 / 0.9;
  for (size_t r = 0; r < tr.rows(); ++r) {
    double a = aeq + (4 - aeq) * std::exp(-0.9 * tr.times[r]);
    CHECK(relErr(tr.at(r, 0), a) < kClosedFormTol);
    CHECK(relErr(tr.at(r, 1), 5 - a) < kClosedFormTol);
  }
  CHECK(relErr(tr.at(3, 1) / tr.at(3, 0), 0.7 / 0.2) < 1e-6);
}

TEST_CASE("2A -> B fires at k*A^2 and consumes two A") {
  // dA/dt = -2 k A^2: A(t) = A0 / (1 + 2 k A0 t), B = (A0 - A) / 2.
  auto m = parseIR(R"(module "m" {
  species A : signal = 2
  species B : signal = 0
  reaction 2 A -> B [k = 0.25]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {0.5, 3, 30}, tight());
  for (size_t r = 0; r < tr.rows(); ++r) {
    double a = 2 / (1 + 2 * 0.25 * 2 * tr.times[r]);
    CHECK(relErr(tr.at(r, 0), a) < kClosedFormTol);
    CHECK(relErr(tr.at(r, 1), (2 - a) / 2) < kClosedFormTol);
  }
}

TEST_CASE("a zero-order source grows linearly") {
  auto m = parseIR(R"(module "m" {
  species A : signal = 0.5
  reaction -> A [k = 0.125]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {1, 8, 100}, tight());
  for (size_t r = 0; r < tr.rows(); ++r)
    CHECK(relErr(tr.at(r, 0), 0.5 + 0.125 * tr.times[r]) < kClosedFormTol);
}

// Robertson (1966). Reference: SciPy Radau/LSODA/BDF at rtol 1e-12, atol 1e-20
// agree on all digits shown (t = 40 also matches Hairer & Wanner's table).
static const char *robertson = R"(module "rober" {
  species A : signal = 1
  species B : signal = 0
  species C : signal = 0
  reaction A -> B [k = 0.04]
  reaction 2 B -> B + C [k = 3e7]
  reaction B + C -> A + C [k = 1e4]
})";

TEST_CASE("Robertson stiff problem matches reference values") {
  auto m = parseIR(robertson);
  CompiledNetwork net(*m);
  const double ref40[3] = {0.7158270687, 9.185534765e-06, 0.2841637457};
  const double ref4e5[3] = {0.004938274521, 1.984994088e-08, 0.9950617056};
  for (LinearSolverKind kind : {LinearSolverKind::Dense, LinearSolverKind::Klu,
                                LinearSolverKind::Gmres}) {
    INFO("solver " << linearSolverName(kind).str());
    SolverOptions o;
    o.relTol = 1e-9;
    o.absTol = 1e-16;
    o.solver = kind;
    Trace tr = run(net, {40, 4e5}, o);
    for (int i = 0; i < 3; ++i) {
      CHECK(relErr(tr.at(0, i), ref40[i]) < 1e-6);
      CHECK(relErr(tr.at(1, i), ref4e5[i]) < 1e-5);
    }
  }
}

TEST_CASE("Lotka-Volterra conserves its first integral over 10 periods") {
  // X -> 2X (a), X + Y -> 2Y (b), Y -> 0 (c) conserve
  // V = b x - c ln x + b y - a ln y. The small-amplitude period is 2 pi /
  // sqrt(a c) and grows with amplitude; we integrate past 10 periods and
  // check V at every sample.
  auto m = parseIR(R"(module "lv" {
  species X : signal = 1.5
  species Y : signal = 0.5
  reaction X -> 2 X [k = 1]
  reaction X + Y -> 2 Y [k = 1]
  reaction Y -> [k = 1]
})");
  CompiledNetwork net(*m);
  auto V = [](double x, double y) { return x - std::log(x) + y - std::log(y); };
  double v0 = V(1.5, 0.5);
  SolverOptions o;
  o.relTol = 1e-10;
  o.absTol = 1e-12;
  Trace tr = run(net, linearTimes(0, 10 * 2 * M_PI * 1.2, 400), o);
  double worst = 0;
  for (size_t r = 0; r < tr.rows(); ++r)
    worst = std::max(worst, relErr(V(tr.at(r, 0), tr.at(r, 1)), v0));
  CHECK(worst < 1e-6);
  // The orbit really completes 10 periods: X crosses 1 upwards 10 times.
  int crossings = 0;
  for (size_t r = 1; r < tr.rows(); ++r)
    crossings += tr.at(r - 1, 0) < 1 && tr.at(r, 0) >= 1;
  CHECK(crossings >= 10);
}

TEST_CASE("constant species never change and signed species may go negative") {
  auto m = parseIR(R"(module "m" {
  species F : fuel = 5 constant
  species A : signal = 0
  species S : hidden = -1 signed
  reaction F -> A [k = 0.1]
  reaction F + A -> [k = 0.01]
  reaction S -> [k = 0.5]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {1, 10, 50}, tight());
  for (size_t r = 0; r < tr.rows(); ++r) {
    CHECK(tr.at(r, 0) == 5);
    CHECK(relErr(tr.at(r, 2), -std::exp(-0.5 * tr.times[r]), 1e-6) < 1e-7);
  }
  // dA/dt = 0.5 - 0.05 A: A(t) = 10 (1 - exp(-0.05 t)).
  CHECK(relErr(tr.at(2, 1), 10 * (1 - std::exp(-0.05 * 50))) < kClosedFormTol);
}

TEST_CASE(
    "a module whose species are all signed integrates with nonNegative on") {
  // X(t) = -e^{-t}: the only species is signed, so no constraint applies and
  // CVODE must not be handed an empty constraint vector.
  auto m = parseIR(R"(module "m" {
  species X : hidden = -1 signed
  reaction X -> [k = 1]
})");
  CompiledNetwork net(*m);
  Trace tr = run(net, {0, 1, 3}, tight());
  for (size_t r = 0; r < tr.rows(); ++r)
    CHECK(relErr(tr.at(r, 0), -std::exp(-tr.times[r])) < kClosedFormTol);
}
