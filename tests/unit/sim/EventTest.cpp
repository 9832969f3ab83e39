//===- EventTest.cpp - schedules, phases, reuse and failure reports ------===//
//
// Timed interventions against piecewise closed forms; the reusable simulator's
// contracts (reinit on state change, phase masks, thread sharing); solver
// failures reported as SimulationError with a partial, marked trace.
//
//===----------------------------------------------------------------------===//

#include "SimTestUtil.h"
#include <cmath>
#include <nlohmann/json.hpp>
#include <thread>

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

static const char *decay = R"(module "m" {
  phase p
  species A : signal = 1
  species B : signal = 0
  reaction A -> B [k = 0.2] phase p
})";

TEST_CASE("adding A at t = 10 follows the piecewise closed form") {
  // A = e^{-kt} for t < 10; A = (e^{-10k} + 2) e^{-k(t-10)} afterwards.
  auto m = parseIR(decay);
  CompiledNetwork net(*m);
  Schedule s;
  s.add(10, 0, 2.0);
  SimulateOptions o;
  o.tEnd = 30;
  o.outputTimes = {0, 5, 9.999, 10, 12, 20, 30};
  o.solver = tight();
  auto tr = simulate(net, s, o);
  REQUIRE(bool(tr));
  REQUIRE(tr->rows() == 7);
  const double k = 0.2;
  for (size_t r = 0; r < tr->rows(); ++r) {
    double t = tr->times[r];
    double a = t < 10 ? std::exp(-k * t)
                      : (std::exp(-10 * k) + 2) * std::exp(-k * (t - 10));
    INFO("t = " << t);
    CHECK(relErr(tr->at(r, 0), a) < 1e-7);
    CHECK(relErr(tr->at(r, 0) + tr->at(r, 1), t < 10 ? 1 : 3) < 1e-9);
  }
}

TEST_CASE("set, reset and phase switches apply at their times") {
  auto m = parseIR(decay);
  CompiledNetwork net(*m);
  Schedule s;
  s.setPhases(0, {false})
      .setPhases(5, {true})
      .reset(10, {0, 1}, 0.0)
      .set(10, 0, 4.0);
  SimulateOptions o;
  o.tEnd = 15;
  o.outputTimes = {4, 5, 10, 15};
  o.solver = tight();
  auto tr = simulate(net, s, o);
  REQUIRE(bool(tr));
  CHECK(tr->at(0, 0) == 1); // phase off: A untouched
  CHECK(relErr(tr->at(1, 0), 1) < 1e-12);
  CHECK(tr->at(2, 0) == 4); // reset then set, in insertion order
  CHECK(tr->at(2, 1) == 0);
  CHECK(relErr(tr->at(3, 0), 4 * std::exp(-0.2 * 5)) < 1e-7);
}

TEST_CASE("the reusable simulator restarts cleanly and is repeatable") {
  auto m = parseIR(decay);
  CompiledNetwork net(*m);
  auto simOrErr = OdeSimulator::create(net, tight());
  REQUIRE(bool(simOrErr));
  OdeSimulator &sim = **simOrErr;
  std::vector<double> first;
  for (int rep = 0; rep < 3; ++rep) {
    sim.setState({1.0, 0.0}, 0.0);
    sim.setPhaseActive(0, true);
    REQUIRE(!sim.integrateTo(2.0));
    sim.setPhaseActive(0, false); // clock phase off: nothing moves
    double held = sim.species(0);
    REQUIRE(!sim.integrateTo(3.0));
    CHECK(sim.species(0) == held);
    CHECK(sim.time() == 3.0);
    if (rep == 0)
      first.assign(sim.state().begin(), sim.state().end());
    CHECK(sim.state()[0] == first[0]);
    CHECK(relErr(held, std::exp(-0.4)) < 1e-8);
  }
  CHECK(sim.stats().reinits >= 6);
  CHECK(sim.stats().steps > 0);
}

TEST_CASE("simulators on several threads share one network") {
  auto m = parseIR(R"(module "rober" {
  species A : signal = 1
  species B : signal = 0
  species C : signal = 0
  reaction A -> B [k = 0.04]
  reaction 2 B -> B + C [k = 3e7]
  reaction B + C -> A + C [k = 1e4]
})");
  const CompiledNetwork net(*m);
  std::vector<double> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      auto sim = OdeSimulator::create(net);
      if (!sim) {
        llvm::consumeError(sim.takeError());
        return;
      }
      if (llvm::Error e = (*sim)->integrateTo(100.0 * (1 + i % 2)))
        llvm::consumeError(std::move(e));
      results[i] = (*sim)->species(0);
    });
  for (auto &t : threads)
    t.join();
  CHECK(results[0] == results[2]);
  CHECK(results[1] == results[3]);
  CHECK(results[0] != results[1]);
}

TEST_CASE(
    "solver failure reports the time reached and keeps the partial trace") {
  auto m = parseIR(decay);
  CompiledNetwork net(*m);
  SimulateOptions o;
  o.tEnd = 1000;
  o.points = 11;
  o.solver.maxSteps = 5;
  o.solver.relTol = 1e-12;
  o.solver.absTol = 1e-16;
  Trace tr;
  llvm::Error err = simulate(net, Schedule(), o, tr);
  REQUIRE(bool(err));
  double reached = -1;
  std::string reason;
  llvm::handleAllErrors(std::move(err), [&](const SimulationError &e) {
    reached = e.timeReached;
    reason = e.reason;
  });
  CHECK(reached > 0);
  CHECK(reached < 1000);
  CHECK(reason.find("step limit") != std::string::npos);
  CHECK(!tr.completed);
  CHECK(tr.failureTime == reached);
  CHECK(tr.rows() >= 1); // the t = 0 row at least
  CHECK(tr.rows() < 11);
}

TEST_CASE("integrating backwards is an error, not an abort") {
  auto m = parseIR(decay);
  CompiledNetwork net(*m);
  auto sim = OdeSimulator::create(net);
  REQUIRE(bool(sim));
  REQUIRE(!(*sim)->integrateTo(1.0));
  llvm::Error err = (*sim)->integrateTo(0.5);
  CHECK(bool(err));
  llvm::consumeError(std::move(err));
}

TEST_CASE("traces print as CSV and JSON") {
  Trace tr;
  tr.species = {"A", "B"};
  tr.addRow(0, {1, 0});
  tr.addRow(0.5, {0.25, 0.75});
  std::string csv, json;
  llvm::raw_string_ostream c(csv), j(json);
  writeCsv(tr, c);
  writeJson(tr, j);
  CHECK(c.str() == "time,A,B\n0,1,0\n0.5,0.25,0.75\n");
  CHECK(j.str() == "{\"species\":[\"A\",\"B\"],\"times\":[0,0.5],"
                   "\"values\":[[1,0],[0.25,0.75]],\"completed\":true}\n");
}

TEST_CASE("trace JSON is valid JSON whatever the names and the failure") {
  Trace tr;
  tr.species = {"A\"quoted\"", "\xC2\xB5M_species", "back\\slash"};
  tr.addRow(0, {1, 0, std::nan("")});
  tr.completed = false;
  tr.failureTime = 0.25;
  tr.failureReason = "CVODE: \"too much work\"\tat t=0.25";
  std::string json;
  llvm::raw_string_ostream j(json);
  writeJson(tr, j);
  nlohmann::json doc = nlohmann::json::parse(j.str());
  CHECK(doc["species"][0] == "A\"quoted\"");
  CHECK(doc["species"][1] == "\xC2\xB5M_species");
  CHECK(doc["species"][2] == "back\\slash");
  CHECK(doc["values"][0][2].is_null()); // NaN has no JSON form
  CHECK(doc["completed"] == false);
  CHECK(doc["failure"]["time"] == 0.25);
  CHECK(doc["failure"]["reason"] == tr.failureReason);
}
