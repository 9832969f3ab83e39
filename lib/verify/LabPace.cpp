//===- LabPace.cpp - the design's pace, measured per clock phase ----------===//

#include "lib/verify/LabPace.h"
#include "lib/support/Format.h"
#include "lib/train/ChemicalTrainer.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <cmath>
#include <functional>

namespace crnc::verify {

void calibrationSample(const train::Dataset &rows, std::vector<double> &x,
                       double &target) {
  x.assign(rows.features(), 0.0);
  for (const std::vector<double> &r : rows.x)
    for (size_t i = 0; i < x.size() && i < r.size(); ++i)
      x[i] += r[i] / double(rows.size());
  std::vector<double> t = rows.target;
  std::sort(t.begin(), t.end());
  target = t[(t.size() - 1) / 2];
}

std::pair<double, double>
nearestTime(llvm::ArrayRef<double> times,
            llvm::ArrayRef<std::vector<double>> values,
            llvm::ArrayRef<double> goal, llvm::ArrayRef<double> scale) {
  auto distance = [&](const std::vector<double> &v) {
    double d = 0;
    for (size_t i = 0; i < goal.size(); ++i)
      d += std::pow((v[i] - goal[i]) / scale[i], 2);
    return d;
  };
  std::pair<double, double> best{times[0], distance(values[0])};
  for (size_t k = 1; k < times.size(); ++k) {
    // On the segment v(u) = a + u (b - a), u in [0, 1]: the distance is a
    // quadratic in u, least at u = sum (goal - a)(b - a) / sum (b - a)^2.
    const std::vector<double> &a = values[k - 1], &b = values[k];
    double num = 0, den = 0;
    for (size_t i = 0; i < goal.size(); ++i) {
      double w = 1 / (scale[i] * scale[i]);
      num += w * (goal[i] - a[i]) * (b[i] - a[i]);
      den += w * (b[i] - a[i]) * (b[i] - a[i]);
    }
    double u = den > 0 ? std::clamp(num / den, 0.0, 1.0) : 1.0;
    std::vector<double> v(goal.size());
    for (size_t i = 0; i < goal.size(); ++i)
      v[i] = a[i] + u * (b[i] - a[i]);
    double d = distance(v);
    if (d < best.second)
      best = {times[k - 1] + u * (times[k] - times[k - 1]), d};
  }
  return best;
}

/// Recorded times of one phase's trajectory (PaceWindow phases).
static constexpr unsigned PacePoints = 150;

/// Each readout's scale: its change in the model network, at least a tenth
/// of the largest change (a readout that hardly moves does not dominate).
/// Empty when nothing moved.
static std::vector<double> readoutScales(llvm::ArrayRef<double> start,
                                         llvm::ArrayRef<double> goal) {
  double largest = 0;
  for (size_t i = 0; i < goal.size(); ++i)
    largest = std::max(largest, std::fabs(goal[i] - start[i]));
  if (!(largest > 1e-12))
    return {};
  std::vector<double> scale;
  for (size_t i = 0; i < goal.size(); ++i)
    scale.push_back(std::max(std::fabs(goal[i] - start[i]), 0.1 * largest));
  return scale;
}

/// Readouts of a state (the outputs, or the weight changes).
using ReadFn = std::function<std::vector<double>(llvm::ArrayRef<double>)>;

/// Fits phase `phase` of `pace`: runs `start` on `sim` over PaceWindow
/// phases of `phaseSeconds`, reading `read` at PacePoints times, and takes
/// the time nearest `goal` (nothing when no goal readout moved; factor 1
/// kept when the nearest is beyond PaceMisfitLimit).
static llvm::Error fitPhase(sim::OdeSimulator &sim,
                            llvm::ArrayRef<double> start, const ReadFn &read,
                            llvm::ArrayRef<double> goal, double phaseSeconds,
                            size_t phase, PhasePace &pace) {
  std::vector<double> times{0};
  std::vector<std::vector<double>> values{read(start)};
  std::vector<double> scale = readoutScales(values[0], goal);
  if (scale.empty())
    return llvm::Error::success();
  sim.setState(start, 0);
  for (unsigned k = 1; k <= PacePoints; ++k) {
    times.push_back(PaceWindow * phaseSeconds * k / PacePoints);
    if (llvm::Error e = integrateWithRestarts(sim, times.back()))
      return e;
    values.push_back(read(sim.state()));
  }
  auto [t, d] = nearestTime(times, values, goal, scale);
  pace.misfit[phase] = std::sqrt(d / double(goal.size()));
  pace.fitted[phase] = goal.size();
  pace.unmet[phase] = !(pace.misfit[phase] <= PaceMisfitLimit);
  if (!pace.unmet[phase]) {
    pace.factor[phase] = t / phaseSeconds;
    pace.atBound[phase] = t >= times.back();
  }
  return llvm::Error::success();
}

llvm::Expected<PhasePace> LabTrainer::calibratePace(
    llvm::ArrayRef<double> x, double target, llvm::ArrayRef<double> weights,
    llvm::ArrayRef<double> modelOutputs, llvm::ArrayRef<double> modelChanges) {
  PhasePace pace;
  pace.probe.assign(x.begin(), x.end());
  pace.probeTarget = target;
  auto begun = startSample(x, target);
  if (!begun)
    return begun.takeError();
  std::unique_ptr<sim::OdeSimulator> sim = std::move(begun->sim);
  std::vector<double> &y = begun->y;
  for (size_t w = 0; w < mi.weights.size() && w < weights.size(); ++w) {
    const train::SignalRef &s = mi.weights[w];
    if (weights[w] < 0 && !s.neg)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "weight '%s' has one rail",
                                     s.name.c_str());
    std::vector<size_t> rails{s.pos};
    if (s.neg)
      rails.push_back(*s.neg);
    removeCopies(y, rails);
    if (llvm::Error e =
            add(y, weights[w] >= 0 ? s.pos : *s.neg, std::fabs(weights[w])))
      return e;
  }
  std::vector<double> weightsStart;
  for (const train::SignalRef &w : mi.weights)
    weightsStart.push_back(value(y, w));
  ReadFn readChanges = [&](llvm::ArrayRef<double> state) {
    std::vector<double> c;
    for (size_t w = 0; w < mi.weights.size(); ++w)
      c.push_back(value(state, mi.weights[w]) - weightsStart[w]);
    return c;
  };
  ReadFn readOut = [&](llvm::ArrayRef<double> s) { return readOutputs(s); };
  // Phase 1, then phase 2 from where the calibrated phase 1 ends.
  if (llvm::Error e = startPhase(y, 0))
    return e;
  if (llvm::Error e =
          fitPhase(*sim, y, readOut, modelOutputs, proto.phaseSeconds, 0, pace))
    return e;
  proto.pace[0] = pace.factor[0];
  sim->setState(y, 0);
  if (llvm::Error e = integrateWithRestarts(*sim, proto.duration(0)))
    return e;
  proto.complementExcess[0] = inFlightExcess(sim->state(), 0);
  y.assign(sim->state().begin(), sim->state().end());
  if (proto.targetAtBackward)
    if (llvm::Error e = load(y, x, target, true, false))
      return e;
  if (llvm::Error e = startPhase(y, 1))
    return e;
  if (llvm::Error e = fitPhase(*sim, y, readChanges, modelChanges,
                               proto.phaseSeconds, 1, pace))
    return e;
  proto.pace[1] = pace.factor[1];
  sim->setState(y, 0);
  if (llvm::Error e = integrateWithRestarts(*sim, proto.duration(1)))
    return e;
  proto.complementExcess[1] = inFlightExcess(sim->state(), 1);
  return pace;
}

double LabTrainer::inFlightExcess(llvm::ArrayRef<double> y,
                                  size_t phase) const {
  return TriggerComplementExcess + std::max(0.0, 1 - clockHeld(y, phase));
}

llvm::Expected<PhasePace> calibratePace(LabTrainer &lab,
                                        const ir::Module &model,
                                        const train::ModelInterface &mi,
                                        const train::Dataset &rows,
                                        const sim::SolverOptions &modelSolver) {
  if (rows.size() == 0)
    return PhasePace{};
  std::vector<double> x;
  double target = 0;
  calibrationSample(rows, x, target);
  train::ModelInterface probe = mi;
  std::vector<double> weights(mi.weights.size(), ProbeWeight);
  for (const train::SignalRef &w : mi.weights)
    w.store(probe.initialState, ProbeWeight);
  auto chem = train::ChemicalTrainer::create(model, probe, modelSolver);
  if (!chem)
    return chem.takeError();
  std::vector<double> before = (*chem)->weightValues();
  auto r = (*chem)->trainSample(x, target);
  if (!r)
    return r.takeError();
  std::vector<double> changes = (*chem)->weightValues();
  for (size_t w = 0; w < changes.size(); ++w)
    changes[w] -= before[w];
  auto pace = lab.calibratePace(x, target, weights, r->outputs, changes);
  if (pace)
    pace->probeWeight = ProbeWeight;
  return pace;
}

/// "3.2 %", or "< 0.05 %" where a match that close would print as 0.
static std::string misfitPercent(double misfit) {
  double percent = 100 * misfit;
  return percent < 0.05 ? "< 0.05 %" : formatSignificant(percent, 3) + " %";
}

std::string describePace(const PhasePace &pace, double phaseSeconds) {
  std::vector<std::string> x;
  for (double v : pace.probe)
    x.push_back(formatSignificant(v, 4));
  std::string text =
      "measured on a calibration sample (inputs " + llvm::join(x, ", ") +
      ", target " + formatSignificant(pace.probeTarget, 4) +
      ", every weight at " + formatSignificant(pace.probeWeight, 4) + "):";
  const char *names[2] = {"forward", "backward"};
  const char *readouts[2] = {"outputs", "weight changes"};
  for (size_t i = 0; i < 2; ++i) {
    text += std::string(i ? ";" : "") + " " + names[i] + " ";
    if (!pace.fitted[i])
      text +=
          "map-rates' time kept (no " + std::string(readouts[i]) + " moved)";
    else if (pace.unmet[i])
      text += "map-rates' time kept (the design's " + std::string(readouts[i]) +
              " come no nearer than " +
              formatSignificant(100 * pace.misfit[i], 3) +
              " % to the model network's: no duration mends that)";
    else
      text += formatSignificant(pace.factor[i], 4) + " x map-rates' " +
              formatSignificant(phaseSeconds, 4) + " s (" + readouts[i] +
              " within " + misfitPercent(pace.misfit[i]) +
              " of the model network's" +
              (pace.atBound[i] ? "; the end of the search window" : "") + ")";
  }
  return text;
}

} // namespace crnc::verify
