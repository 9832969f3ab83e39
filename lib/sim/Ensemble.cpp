//===- Ensemble.cpp - seeded parallel SSA ensembles and their statistics --===//
//
// Runs are independent streams derived from (seed, run index) and are handed
// to worker threads through an atomic counter; results land in their run's
// slot, so the ensemble is identical on 1 or N threads. Mean and quantile
// (linear interpolation between order statistics) trajectories follow.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Ssa.h"
#include "lib/sim/SsaRandom.h"
#include "lib/support/Json.h"
#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

using namespace crnc;
using namespace crnc::sim;

namespace {
/// What one run produced.
struct RunResult {
  Trace trace;
  uint64_t firings = 0;
  bool failed = false;
  double failTime = 0;
  std::string reason;
};
} // namespace

static void recordNow(const SsaSimulator &s, double time, double omega,
                      Trace &trace) {
  std::vector<double> row;
  for (int64_t x : s.counts())
    row.push_back(static_cast<double>(x) / omega);
  trace.addRow(time, row);
}

/// One trajectory through the timeline (the same segmenting as simulate()).
static llvm::Error runTimeline(SsaSimulator &s, llvm::ArrayRef<Event> events,
                               const SimulateOptions &opts,
                               llvm::ArrayRef<double> outputs, double omega,
                               uint64_t maxFirings, Trace &trace) {
  bool eventAtStart = false;
  for (const Event &e : events)
    eventAtStart |= e.time == opts.t0;
  if (!eventAtStart)
    for (double t : outputs)
      if (t == opts.t0)
        recordNow(s, t, omega, trace);
  size_t e = 0;
  while (e < events.size() && events[e].time < opts.t0)
    ++e;
  while (e < events.size() && events[e].time <= opts.tEnd) {
    double te = events[e].time;
    auto atTe = std::lower_bound(outputs.begin(), outputs.end(), te);
    if (llvm::Error err =
            s.runTo(te, &trace, llvm::ArrayRef<double>(outputs.begin(), atTe),
                    maxFirings))
      return err;
    for (; e < events.size() && events[e].time == te; ++e)
      if (llvm::Error err = s.applyEvent(events[e]))
        return err;
    for (; atTe != outputs.end() && *atTe == te; ++atTe)
      recordNow(s, te, omega, trace);
  }
  return s.runTo(opts.tEnd, &trace, outputs, maxFirings);
}

static RunResult runOne(const CompiledNetwork &net,
                        llvm::ArrayRef<Event> events,
                        const SimulateOptions &opts,
                        llvm::ArrayRef<double> outputs, const SsaOptions &ssa,
                        unsigned run) {
  RunResult result;
  double omega = moleculesPerUnit(net.unit(), ssa.volume);
  SsaSimulator s(net, ssa.method, omega, runSeed(ssa.seed, run));
  if (!opts.initialState.empty())
    s.setConcentrations(opts.initialState, opts.t0);
  else
    s.setConcentrations(net.initialState(), opts.t0);
  if (!opts.initialPhases.empty())
    s.setActivePhases(opts.initialPhases);
  result.trace.species.assign(net.speciesNames().begin(),
                              net.speciesNames().end());
  llvm::Error err = runTimeline(s, events, opts, outputs, omega, ssa.maxFirings,
                                result.trace);
  result.firings = s.firings();
  if (err) {
    result.failed = true;
    result.failTime = s.time();
    llvm::handleAllErrors(
        std::move(err),
        [&](const SimulationError &e) {
          result.failTime = e.timeReached;
          result.reason = e.reason;
        },
        [&](const llvm::ErrorInfoBase &e) { result.reason = e.message(); });
    result.trace.completed = false;
    result.trace.failureTime = result.failTime;
    result.trace.failureReason = result.reason;
  }
  return result;
}

/// Quantile p of sorted values (linear interpolation, "type 7").
static double quantileOf(const std::vector<double> &sorted, double p) {
  double h = (sorted.size() - 1) * p;
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

static void summarize(Ensemble &ens) {
  const Trace &first = ens.runs.front();
  Trace shape;
  shape.species = first.species;
  shape.times = first.times;
  shape.values.assign(first.values.size(), 0);
  ens.mean = shape;
  ens.quantiles.assign(ens.quantileLevels.size(), shape);
  std::vector<double> column(ens.runs.size());
  for (size_t e = 0; e < shape.values.size(); ++e) {
    for (size_t r = 0; r < ens.runs.size(); ++r)
      column[r] = ens.runs[r].values[e];
    double sum = 0;
    for (double x : column)
      sum += x;
    ens.mean.values[e] = sum / column.size();
    std::sort(column.begin(), column.end());
    for (size_t q = 0; q < ens.quantileLevels.size(); ++q)
      ens.quantiles[q].values[e] = quantileOf(column, ens.quantileLevels[q]);
  }
}

llvm::Expected<Ensemble> sim::simulateSsa(const CompiledNetwork &network,
                                          const Schedule &schedule,
                                          const SimulateOptions &opts,
                                          const SsaOptions &ssa) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg.str());
  };
  if (!(opts.tEnd >= opts.t0))
    return fail("end time lies before the start time");
  if (!(ssa.volume > 0))
    return fail("the volume must be positive");
  if (ssa.runs == 0)
    return fail("an ensemble needs at least one run");
  if (!opts.initialState.empty() &&
      opts.initialState.size() != network.speciesCount())
    return fail("initial state has the wrong length");
  std::vector<Event> events = schedule.sorted();
  std::vector<double> outputs =
      opts.outputTimes.empty() ? linearTimes(opts.t0, opts.tEnd, opts.points)
                               : opts.outputTimes;
  std::sort(outputs.begin(), outputs.end());

  std::vector<RunResult> results(ssa.runs);
  std::atomic<unsigned> nextRun{0};
  unsigned finished = 0;
  std::mutex progressLock;
  auto worker = [&] {
    for (unsigned r; (r = nextRun++) < ssa.runs;) {
      results[r] = runOne(network, events, opts, outputs, ssa, r);
      if (ssa.progress) {
        std::lock_guard<std::mutex> guard(progressLock);
        ssa.progress(++finished);
      }
    }
  };
  unsigned threads =
      ssa.threads ? ssa.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min(threads, ssa.runs));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();

  Ensemble ens;
  ens.quantileLevels = ssa.quantiles;
  ens.method = resolveSsaMethod(network, ssa.method);
  size_t rows = SIZE_MAX;
  for (RunResult &r : results) {
    if (r.failed && !ens.failure) {
      if (!ssa.keepPartial)
        return llvm::make_error<SimulationError>(r.failTime, r.reason);
      ens.failure = std::make_pair(r.failTime, r.reason);
    }
    ens.firings += r.firings;
    rows = std::min(rows, r.trace.rows());
    ens.runs.push_back(std::move(r.trace));
  }
  // A partial ensemble keeps the output times every run reached.
  for (Trace &t : ens.runs) {
    t.times.resize(rows);
    t.values.resize(rows * t.species.size());
  }
  summarize(ens);
  if (ens.failure) {
    ens.mean.completed = false;
    ens.mean.failureTime = ens.failure->first;
    ens.mean.failureReason = ens.failure->second;
  }
  return ens;
}

void sim::writeEnsembleJson(const Ensemble &ens, llvm::raw_ostream &os) {
  JsonStream js(os);
  js.beginObject();
  js.member("method", "ssa");
  js.member("runs", ens.runs.size());
  js.key("mean");
  writeJsonValue(ens.mean, js);
  js.key("quantiles");
  js.beginArray();
  for (size_t q = 0; q < ens.quantiles.size(); ++q) {
    js.beginObject();
    js.member("level", jsonNumber(ens.quantileLevels[q]));
    js.key("trace");
    writeJsonValue(ens.quantiles[q], js);
    js.endObject();
  }
  js.endArray();
  js.endObject();
  os << '\n';
}
