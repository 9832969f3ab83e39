//===- SsaTest.cpp - stochastic simulation against exact distributions ---===//
//
// Seeded, so every statistic below is deterministic; the bounds are what a
// correct sampler meets with overwhelming probability (4 standard errors, or a
// chi-square test at the 0.999 level), so a biased sampler fails them.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Ssa.h"
#include "SimTestUtil.h"

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

static const SsaMethod kMethods[] = {SsaMethod::Direct,
                                     SsaMethod::NextReaction};

static double logChoose(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

/// Chi-square 0.999 quantile, Wilson-Hilferty approximation.
static double chiSquare999(int df) {
  double z = 3.0902, c = 2.0 / (9.0 * df);
  return df * std::pow(1 - c + z * std::sqrt(c), 3);
}

TEST_CASE("SSA on A -> B gives the binomial distribution") {
  // Each of 50 molecules survives to t = 5 with p = exp(-0.1 * 5).
  auto m = parseIR(R"(module "m" {
  species A : signal = 50
  species B : signal = 0
  reaction A -> B [k = 0.1]
})");
  CompiledNetwork net(*m);
  const int n0 = 50, runs = 4000;
  const double p = std::exp(-0.5);
  for (SsaMethod method : kMethods) {
    INFO("method " << ssaMethodName(method).str());
    SimulateOptions o;
    o.tEnd = 5;
    o.outputTimes = {5};
    SsaOptions s;
    s.method = method;
    s.runs = runs;
    s.seed = 42;
    auto ens = simulateSsa(net, Schedule(), o, s);
    REQUIRE(bool(ens));
    std::vector<int> hist(n0 + 1, 0);
    for (const Trace &tr : ens->runs) {
      CHECK(tr.at(0, 0) + tr.at(0, 1) == n0);
      ++hist[static_cast<int>(tr.at(0, 0))];
    }
    // Chi-square over bins with expected count >= 5 (tails pooled).
    double chi = 0, tailObs = 0, tailExp = 0;
    int bins = 0;
    for (int k = 0; k <= n0; ++k) {
      double expect = runs * std::exp(logChoose(n0, k) + k * std::log(p) +
                                      (n0 - k) * std::log1p(-p));
      if (expect < 5) {
        tailObs += hist[k];
        tailExp += expect;
        continue;
      }
      chi += (hist[k] - expect) * (hist[k] - expect) / expect;
      ++bins;
    }
    chi += (tailObs - tailExp) * (tailObs - tailExp) / tailExp;
    ++bins;
    CHECK(chi < chiSquare999(bins - 1));
    double meanA = ens->mean.at(0, 0);
    CHECK(std::fabs(meanA - n0 * p) < 4 * std::sqrt(n0 * p * (1 - p) / runs));
  }
}

TEST_CASE("SSA mean approaches the ODE for large counts") {
  // A + B -> C and C -> A, Omega = 2000 molecules per unit. Bound: 4 standard
  // errors of the ensemble mean plus the O(1/Omega) bias of the mean.
  auto m = parseIR(R"(module "m" {
  species A : signal = 1
  species B : signal = 0.6
  species C : signal = 0
  reaction A + B -> C [k = 2]
  reaction C -> A [k = 0.3]
})");
  CompiledNetwork net(*m);
  std::vector<double> times = {0.5, 1, 3};
  Trace ode = run(net, times, tight());
  for (SsaMethod method : kMethods) {
    INFO("method " << ssaMethodName(method).str());
    SimulateOptions o;
    o.tEnd = 3;
    o.outputTimes = times;
    SsaOptions s;
    s.method = method;
    s.volume = 2000;
    s.runs = 200;
    s.seed = 7;
    auto ens = simulateSsa(net, Schedule(), o, s);
    REQUIRE(bool(ens));
    for (size_t r = 0; r < times.size(); ++r)
      for (size_t i = 0; i < 3; ++i) {
        double var = 0, mean = ens->mean.at(r, i);
        for (const Trace &tr : ens->runs)
          var += (tr.at(r, i) - mean) * (tr.at(r, i) - mean);
        double se = std::sqrt(var / (s.runs - 1) / s.runs);
        CHECK(std::fabs(mean - ode.at(r, i)) < 4 * se + 2.0 / s.volume);
      }
    // Quantiles bracket the mean.
    CHECK(ens->quantiles[0].at(2, 2) <= ens->mean.at(2, 2));
    CHECK(ens->quantiles[2].at(2, 2) >= ens->mean.at(2, 2));
  }
}

TEST_CASE("2A -> B has propensity k n (n - 1) / Omega") {
  // Two molecules, Omega = 1, k = 0.5: a = 0.5 * 2 * 1 = 1, so
  // P(no firing by t = 1) = exp(-1). A k*n^2 propensity would give exp(-2).
  auto m = parseIR(R"(module "m" {
  species A : signal = 2
  species B : signal = 0
  reaction 2 A -> B [k = 0.5]
})");
  CompiledNetwork net(*m);
  SimulateOptions o;
  o.tEnd = 1;
  o.outputTimes = {1};
  SsaOptions s;
  s.runs = 4000;
  auto ens = simulateSsa(net, Schedule(), o, s);
  REQUIRE(bool(ens));
  double unfired = 0;
  for (const Trace &tr : ens->runs)
    unfired += tr.at(0, 0) == 2;
  double p = std::exp(-1.0), frac = unfired / s.runs;
  CHECK(std::fabs(frac - p) < 4 * std::sqrt(p * (1 - p) / s.runs));
}

TEST_CASE("ensembles are identical on 1 and N threads") {
  auto m = parseIR(R"(module "m" {
  species A : signal = 30
  species B : signal = 20
  species C : signal = 0
  reaction A + B <=> C [kf = 0.01, kr = 0.5]
  reaction C -> A [k = 0.1]
})");
  CompiledNetwork net(*m);
  SimulateOptions o;
  o.tEnd = 20;
  o.points = 21;
  for (SsaMethod method : kMethods) {
    SsaOptions s;
    s.method = method;
    s.runs = 16;
    s.seed = 3;
    s.threads = 1;
    auto one = simulateSsa(net, Schedule(), o, s);
    s.threads = 4;
    auto four = simulateSsa(net, Schedule(), o, s);
    REQUIRE(bool(one));
    REQUIRE(bool(four));
    for (size_t r = 0; r < s.runs; ++r)
      CHECK(one->runs[r].values == four->runs[r].values);
    CHECK(one->runs[0].values != one->runs[1].values);
    CHECK(one->firings == four->firings);
  }
}

TEST_CASE("SSA applies schedule events and phase masks") {
  auto m = parseIR(R"(module "m" {
  phase p
  species A : signal = 10
  species B : signal = 0
  reaction A -> B [k = 1] phase p
})");
  CompiledNetwork net(*m);
  Schedule sched;
  sched.setPhases(0, {false}).set(5, 0, 40).setPhases(6, {true});
  SimulateOptions o;
  o.tEnd = 8;
  o.outputTimes = {4, 5, 6, 8};
  for (SsaMethod method : kMethods) {
    SsaOptions s;
    s.method = method;
    s.runs = 8;
    auto ens = simulateSsa(net, sched, o, s);
    REQUIRE(bool(ens));
    for (const Trace &tr : ens->runs) {
      CHECK(tr.at(0, 0) == 10); // phase off
      CHECK(tr.at(1, 0) == 40); // set at t = 5, recorded after the event
      CHECK(tr.at(2, 0) == 40);
      CHECK(tr.at(3, 0) < 40); // firing again after t = 6
      CHECK(tr.at(3, 0) + tr.at(3, 1) == 40);
    }
  }
}

TEST_CASE("an exploding SSA run is reported, not hung") {
  auto m = parseIR(R"(module "m" {
  species A : signal = 10
  reaction A -> 2 A [k = 1]
})");
  CompiledNetwork net(*m);
  SimulateOptions o;
  o.tEnd = 100;
  SsaOptions s;
  s.maxFirings = 10000;
  auto ens = simulateSsa(net, Schedule(), o, s);
  REQUIRE(!ens);
  std::string msg = llvm::toString(ens.takeError());
  CHECK(msg.find("firings") != std::string::npos);
}
