//===- Schedule.cpp - timelines of events and the simulate() entry --------===//
//
// A schedule is integrated as a sequence of smooth segments between event
// times; each event is applied to the state (or phase mask) and CVODE restarts
// from it, so additions and phase switches are exact discontinuities.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Simulator.h"
#include "lib/support/Format.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::sim;

Schedule &Schedule::set(double time, size_t species, double value) {
  events.push_back(Event{time, Event::SetAmount, {species}, value, {}});
  return *this;
}

Schedule &Schedule::add(double time, size_t species, double amount) {
  events.push_back(Event{time, Event::AddAmount, {species}, amount, {}});
  return *this;
}

Schedule &Schedule::reset(double time, std::vector<size_t> species,
                          double value) {
  events.push_back(
      Event{time, Event::ResetSpecies, std::move(species), value, {}});
  return *this;
}

Schedule &Schedule::setPhases(double time, std::vector<bool> active) {
  events.push_back(Event{time, Event::SetPhases, {}, 0, std::move(active)});
  return *this;
}

std::vector<Event> Schedule::sorted() const {
  std::vector<Event> out(events);
  std::stable_sort(out.begin(), out.end(), [](const Event &a, const Event &b) {
    return a.time < b.time;
  });
  return out;
}

static llvm::Error badEvent(const Event &e, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "event at t=" + formatNumber(e.time) + ": " +
                                     what.str());
}

static llvm::Error applyEvent(OdeSimulator &sim, const Event &e) {
  size_t n = sim.network().speciesCount();
  for (size_t s : e.targets)
    if (s >= n)
      return badEvent(e,
                      "species index " + std::to_string(s) + " out of range");
  switch (e.kind) {
  case Event::SetAmount:
  case Event::ResetSpecies:
    for (size_t s : e.targets)
      sim.setSpecies(s, e.value);
    return llvm::Error::success();
  case Event::AddAmount:
    for (size_t s : e.targets)
      sim.addSpecies(s, e.value);
    return llvm::Error::success();
  case Event::SetPhases:
    if (e.phases.size() != sim.network().phaseCount())
      return badEvent(e, "phase mask has " + std::to_string(e.phases.size()) +
                             " entries, the network has " +
                             std::to_string(sim.network().phaseCount()) +
                             " phases");
    sim.setActivePhases(e.phases);
    return llvm::Error::success();
  }
  return llvm::Error::success();
}

/// Integrates to `te` recording outputs strictly before it, then applies the
/// events at `te` and records the outputs equal to `te`.
static llvm::Error runSegment(OdeSimulator &sim, double te,
                              llvm::ArrayRef<double> outputs,
                              llvm::ArrayRef<Event> eventsAtTe, Trace &trace) {
  auto atTe = std::lower_bound(outputs.begin(), outputs.end(), te);
  auto afterTe = std::upper_bound(atTe, outputs.end(), te);
  llvm::ArrayRef<double> before(outputs.begin(), atTe);
  if (llvm::Error err = sim.integrateTo(te, &trace, before))
    return err;
  for (const Event &e : eventsAtTe)
    if (llvm::Error err = applyEvent(sim, e))
      return err;
  for (auto it = atTe; it != afterTe; ++it)
    trace.addRow(*it, sim.state());
  return llvm::Error::success();
}

/// Marks `trace` as stopped by `err` and returns an equivalent error.
static llvm::Error markFailure(Trace &trace, llvm::Error err) {
  trace.completed = false;
  double time = 0;
  std::string reason;
  bool numerical = false;
  llvm::handleAllErrors(
      std::move(err),
      [&](const SimulationError &se) {
        time = se.timeReached;
        reason = se.reason;
        numerical = true;
      },
      [&](const llvm::ErrorInfoBase &other) { reason = other.message(); });
  trace.failureTime = time;
  trace.failureReason = reason;
  if (numerical)
    return llvm::make_error<SimulationError>(time, reason);
  return llvm::createStringError(llvm::inconvertibleErrorCode(), reason);
}

static llvm::Error runTimeline(OdeSimulator &sim, const Schedule &schedule,
                               const SimulateOptions &options,
                               llvm::ArrayRef<double> outputs, Trace &trace) {
  std::vector<Event> events = schedule.sorted();
  size_t e = 0;
  while (e < events.size() && events[e].time < options.t0)
    ++e; // events before the start are ignored
  while (e < events.size() && events[e].time <= options.tEnd) {
    size_t f = e;
    while (f < events.size() && events[f].time == events[e].time)
      ++f;
    llvm::ArrayRef<Event> group(&events[e], f - e);
    if (llvm::Error err =
            runSegment(sim, events[e].time, outputs, group, trace))
      return err;
    e = f;
  }
  return sim.integrateTo(options.tEnd, &trace, outputs);
}

llvm::Error sim::simulate(const CompiledNetwork &network,
                          const Schedule &schedule,
                          const SimulateOptions &options, Trace &trace,
                          SolverStats *stats) {
  trace = Trace();
  trace.species.assign(network.speciesNames().begin(),
                       network.speciesNames().end());
  if (!(options.tEnd >= options.t0))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "end time lies before the start time");
  auto simOrErr = OdeSimulator::create(network, options.solver);
  if (!simOrErr)
    return simOrErr.takeError();
  OdeSimulator &sim = **simOrErr;
  if (!options.initialState.empty()) {
    if (options.initialState.size() != network.speciesCount())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "initial state has the wrong length");
    sim.setState(options.initialState, options.t0);
  } else {
    sim.reset(options.t0);
  }
  if (!options.initialPhases.empty()) {
    if (options.initialPhases.size() != network.phaseCount())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "initial phase mask has the wrong length");
    sim.setActivePhases(options.initialPhases);
  }
  std::vector<double> outputs =
      options.outputTimes.empty()
          ? linearTimes(options.t0, options.tEnd, options.points)
          : options.outputTimes;
  std::sort(outputs.begin(), outputs.end());
  trace.times.reserve(outputs.size());
  trace.values.reserve(outputs.size() * network.speciesCount());
  // Outputs at t0 are recorded after the events at t0 (runSegment does it
  // when there are such events; otherwise record them here).
  std::vector<Event> events = schedule.sorted();
  bool eventAtStart = std::any_of(events.begin(), events.end(), [&](auto &ev) {
    return ev.time == options.t0;
  });
  if (!eventAtStart)
    for (double tout : outputs)
      if (tout == options.t0)
        trace.addRow(tout, sim.state());
  llvm::Error err = runTimeline(sim, schedule, options, outputs, trace);
  if (stats)
    *stats = sim.stats();
  if (err)
    return markFailure(trace, std::move(err));
  return llvm::Error::success();
}

llvm::Expected<Trace> sim::simulate(const CompiledNetwork &network,
                                    const Schedule &schedule,
                                    const SimulateOptions &options) {
  Trace trace;
  if (llvm::Error err = simulate(network, schedule, options, trace))
    return err;
  return trace;
}

llvm::Expected<Trace> sim::simulate(const ir::Module &module,
                                    const Schedule &schedule,
                                    const SimulateOptions &options) {
  CompiledNetwork network(module);
  return simulate(network, schedule, options);
}
