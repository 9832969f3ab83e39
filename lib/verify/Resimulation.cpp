//===- Resimulation.cpp - formal vs implementation trajectories -----------===//
//
//  1. Initial state of the implementation: declared values, except that a
//     species interpreted as exactly {X} starts at X's formal initial value
//     times amountFactor (the one named X if several are, else the first),
//     the others at zero unless a fuel (declared constant or listed; fuels
//     keep their declared level throughout).
//  2. The reference simulated to tEnd, the implementation to timeScale *
//     tEnd, at the same number of evenly spaced output times (CVODE, or the
//     mean of a seeded SSA ensemble at the implementation's copy numbers:
//     the SSA volume is read in the implementation's unit, litres when it
//     has one).
//  3. Per formal species the reference has, the interpreted sum divided by
//     concScale * amountFactor is compared with the reference trajectory
//     relative to the reference's range.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/Resimulation.h"
#include "lib/analysis/SettlingTime.h"
#include "lib/sim/CompiledNetwork.h"
#include "lib/verify/QuasiSteadyAxis.h"
#include <algorithm>
#include <cmath>
#include <map>

namespace crnc::verify {

/// The implementation's initial state (step 1).
static std::vector<double>
initialState(const Crn &formalCrn, const ir::Module &implementation,
             const Crn &implCrn, const Interpretation &m,
             llvm::ArrayRef<SpeciesIndex> fuels, double amountFactor) {
  std::vector<double> state(implementation.speciesCount(), 0);
  std::vector<std::optional<SpeciesIndex>> carrier(formalCrn.speciesCount());
  for (SpeciesIndex s = 0; s < implCrn.speciesCount(); ++s) {
    if (implementation.getSpecies(s).constant || llvm::is_contained(fuels, s))
      state[s] = implementation.getSpecies(s).initial;
    if (s >= m.size() || !m[s] || m[s]->size() != 1)
      continue;
    SpeciesIndex f = m[s]->front();
    if (!carrier[f] || implCrn.speciesNames[s] == formalCrn.speciesNames[f])
      carrier[f] = s;
  }
  for (SpeciesIndex f = 0; f < carrier.size(); ++f)
    if (carrier[f])
      state[*carrier[f]] = formalCrn.initial[f] * amountFactor;
  return state;
}

/// Simulates `module` to `tEnd`; an SSA run uses `moleculesPerUnit`
/// molecules per unit of concentration whatever the module's unit, so that
/// both networks are sampled at the same copy numbers.
static llvm::Expected<sim::Trace> run(const ir::Module &module,
                                      std::vector<double> initial, double tEnd,
                                      const ResimulationOptions &options,
                                      double moleculesPerUnit,
                                      const Deadline &deadline) {
  sim::CompiledNetwork network(module);
  sim::SimulateOptions sim;
  sim.tEnd = tEnd;
  sim.points = options.points;
  sim.initialState = std::move(initial);
  sim.solver = options.solver;
  // Checked after each output time (outside the integrator); resimulate()
  // catches it.
  sim.solver.progress = [&deadline](double) {
    if (deadline.expired())
      throw DeadlineExpired{};
  };
  if (!options.ssa)
    return sim::simulate(network, sim::Schedule(), sim);
  sim::SsaOptions ssa = *options.ssa;
  ssa.volume = moleculesPerUnit / sim::moleculesPerUnit(module.unit, 1.0);
  llvm::Expected<sim::Ensemble> ensemble =
      sim::simulateSsa(network, sim::Schedule(), sim, ssa);
  if (!ensemble)
    return ensemble.takeError();
  return std::move(ensemble->mean);
}

/// Step 3 for the formal species `fs` that count as column `column` of the
/// reference (named `name`).
static SpeciesDeviation compare(llvm::StringRef name,
                                llvm::ArrayRef<SpeciesIndex> fs, size_t column,
                                const sim::Trace &reference,
                                const sim::Trace &impl, const Crn &implCrn,
                                const Interpretation &m, double concScale) {
  SpeciesDeviation d;
  d.species = name.str();
  std::vector<std::pair<size_t, unsigned>> weights; // species, copies
  for (size_t s = 0; s < m.size(); ++s) {
    unsigned weight = 0;
    for (SpeciesIndex f : fs)
      weight += m[s] ? multisetCount(*m[s], f) : 0;
    if (!weight)
      continue;
    weights.push_back({s, weight});
    d.representedBy.push_back(
        (weight > 1 ? std::to_string(weight) + " x " : "") +
        implCrn.speciesNames[s]);
  }
  double lo = INFINITY, hi = -INFINITY;
  for (size_t r = 0; r < reference.rows(); ++r) {
    lo = std::min(lo, reference.at(r, column));
    hi = std::max(hi, reference.at(r, column));
  }
  d.range = hi - lo;
  // A constant formal species is compared relative to its level.
  double scale = d.range > 0 ? d.range : std::max(std::fabs(hi), 1e-12);
  for (size_t r = 0; r < reference.rows() && r < impl.rows(); ++r) {
    double sum = 0;
    for (auto [s, weight] : weights)
      sum += weight * impl.at(r, s);
    sum /= concScale;
    d.formalSeries.push_back(reference.at(r, column));
    d.implementationSeries.push_back(sum);
    double deviation = std::fabs(sum - reference.at(r, column)) / scale;
    if (r == 0 || deviation > d.deviation) {
      d.deviation = deviation;
      d.time = reference.times[r];
      d.formal = reference.at(r, column);
      d.implementation = sum;
    }
  }
  return d;
}

/// Linear interpolation of the columns `cols` of `trace` at time `t`
/// (clamped) into `row`.
static void valuesAt(const sim::Trace &trace, llvm::ArrayRef<size_t> cols,
                     double t, std::vector<double> &row) {
  auto it = std::lower_bound(trace.times.begin(), trace.times.end(), t);
  size_t r = it - trace.times.begin();
  if (r == 0 || r >= trace.rows()) {
    size_t at = r == 0 ? 0 : trace.rows() - 1;
    for (size_t c : cols)
      row[c] = trace.at(at, c);
    return;
  }
  double t0 = trace.times[r - 1], t1 = trace.times[r];
  double w = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
  for (size_t c : cols)
    row[c] = (1 - w) * trace.at(r - 1, c) + w * trace.at(r, c);
}

/// The time scale in [predicted / 4, 4 predicted] with the smallest
/// largest deviation `deviationAt(scale)`: a grid of 2^(1/16) steps, then a
/// golden-section search between the best grid point's neighbours.
template <typename F>
static double fitScale(F &&deviationAt, double predicted) {
  double step = std::pow(2.0, 1.0 / 16), best = predicted;
  double bestValue = deviationAt(best);
  for (int i = -32; i <= 32; ++i)
    if (double v = deviationAt(predicted * std::pow(step, i)); v < bestValue)
      best = predicted * std::pow(step, i), bestValue = v;
  double lo = best / step, hi = best * step, g = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 30; ++i) {
    double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    if (deviationAt(a) < deviationAt(b))
      hi = b;
    else
      lo = a;
  }
  double mid = (lo + hi) / 2;
  return deviationAt(mid) < bestValue ? mid : best;
}

/// The rows of `dense` at `scale` * `times` (linear interpolation), with
/// times written as `times`: the implementation on the reference's axis.
/// Only the columns `cols` are interpolated (the species some formal
/// species counts); the others are 0.
static sim::Trace resample(const sim::Trace &dense,
                           llvm::ArrayRef<double> times, double scale,
                           llvm::ArrayRef<size_t> cols) {
  sim::Trace out;
  out.species = dense.species;
  std::vector<double> row(dense.columns(), 0.0);
  for (double t : times) {
    valuesAt(dense, cols, scale * t, row);
    out.addRow(t, row);
  }
  return out;
}

/// Per reference species (column), the formal species that count as it.
static std::map<ir::SpeciesId, std::vector<SpeciesIndex>>
countedSpecies(const ir::Module &refModule, const Crn &formalCrn,
               const ResimulationOptions &options) {
  std::map<ir::SpeciesId, std::vector<SpeciesIndex>> counted;
  for (SpeciesIndex f : formalCrn.usedSpecies()) {
    llvm::StringRef name = formalCrn.speciesNames[f];
    auto alias = options.countsAs.find(name);
    if (alias != options.countsAs.end())
      name = alias->second;
    if (std::optional<ir::SpeciesId> column = refModule.lookupSpecies(name))
      counted[*column].push_back(f);
  }
  return counted;
}

/// Step 3 for every formal species the reference has (with the formal
/// species that count as it).
static void compareAll(ResimulationResult &result, const sim::Trace &reference,
                       const sim::Trace &impl, const ir::Module &refModule,
                       const Crn &formalCrn, const Crn &implCrn,
                       const Interpretation &m,
                       const ResimulationOptions &options) {
  result.species.clear();
  result.maxDeviation = 0;
  result.times = reference.times;
  for (const auto &[column, fs] :
       countedSpecies(refModule, formalCrn, options)) {
    result.species.push_back(compare(refModule.getSpecies(column).name, fs,
                                     column, reference, impl, implCrn, m,
                                     options.concScale * options.amountFactor));
    if (result.species.back().deviation >= result.maxDeviation) {
      result.maxDeviation = result.species.back().deviation;
      result.worstSpecies = result.species.back().species;
    }
  }
}

/// The compared species as QuasiSteadyAxis sees them: per reference column
/// the implementation species counted for it, and the free strand of the
/// formal species named as the column (the one named so, if several).
static std::vector<AxisSpecies>
axisSpecies(const ir::Module &reference, const sim::Trace &trace,
            const Crn &formalCrn, const Crn &implCrn, const Interpretation &m,
            const ResimulationOptions &options) {
  std::vector<AxisSpecies> out;
  for (const auto &[column, fs] :
       countedSpecies(reference, formalCrn, options)) {
    AxisSpecies a;
    a.column = column;
    llvm::StringRef name = reference.getSpecies(column).name;
    for (SpeciesIndex s = 0; s < m.size(); ++s) {
      if (!m[s])
        continue;
      unsigned weight = 0;
      for (SpeciesIndex f : fs)
        weight += multisetCount(*m[s], f);
      if (weight)
        a.countedBy.push_back({s, weight});
      bool strand = s < options.signalStrands.size() &&
                    options.signalStrands[s] && m[s]->size() == 1 &&
                    formalCrn.speciesNames[m[s]->front()] == name;
      if (strand && (!a.freeStrand || implCrn.speciesNames[s] == name))
        a.freeStrand = s;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t r = 0; r < trace.rows(); ++r)
      lo = std::min(lo, trace.at(r, column)),
      hi = std::max(hi, trace.at(r, column));
    a.range = hi > lo ? hi - lo : std::max(std::fabs(hi), 1e-12);
    out.push_back(std::move(a));
  }
  return out;
}

/// The time axis the verdict is taken on: the design's own
/// (QuasiSteadyAxis.h) when asked for and derivable, else map-rates'.
static void predictAxis(const ir::Module &reference, const sim::Trace &trace,
                        const Crn &formalCrn, const ir::Module &held,
                        const Crn &implCrn, const Interpretation &m,
                        const ResimulationOptions &options,
                        const Deadline &deadline, ResimulationResult &result) {
  result.formulaTimeScale = options.timeScale;
  result.timeScale = options.timeScale;
  result.timeAxisSource = "map-rates' formula";
  if (!options.quasiSteadyAxis)
    return;
  QuasiSteadyAxisInput in;
  in.reference = &reference;
  in.trajectory = &trace;
  in.implementation = &held;
  in.species = axisSpecies(reference, trace, formalCrn, implCrn, m, options);
  in.signalStrand = options.signalStrands;
  in.concFactor = options.concScale * options.amountFactor;
  // A third of the time limit at most: the runs need the rest.
  Deadline share(options.wallSeconds / 3, /*memoryBytes=*/0);
  in.deadline = deadline.expired() ? &deadline : &share;
  QuasiSteadyAxis axis = quasiSteadyTimeScale(in);
  if (!axis.timeScale) {
    result.timeAxisProblem = axis.problem;
    return;
  }
  result.timeScale = *axis.timeScale;
  result.designAxis = true;
  result.timeAxisSource = "the design's condensed reactions at quasi-steady "
                          "state along the model's trajectory";
}

static llvm::Expected<ResimulationResult>
resimulateWithin(const ir::Module &reference, const Crn &formalCrn,
                 const ir::Module &implementation, const Crn &implCrn,
                 const Interpretation &interpretation,
                 const ResimulationOptions &options, const Deadline &deadline,
                 std::string &running) {
  running = "the reference";
  std::vector<double> referenceInitial;
  for (const ir::Species &s : reference.allSpecies())
    referenceInitial.push_back(s.initial);
  double omega = options.ssa ? sim::moleculesPerUnit(implementation.unit,
                                                     options.ssa->volume)
                             : 1;
  llvm::Expected<sim::Trace> referenceTrace =
      run(reference, referenceInitial, options.tEnd, options,
          omega * options.concScale * options.amountFactor, deadline);
  if (!referenceTrace)
    return referenceTrace.takeError();
  ir::Module held = implementation;
  for (SpeciesIndex s : options.fuels)
    held.getSpecies(s).constant = true;
  ResimulationResult result;
  running = "the design's quasi-steady state";
  predictAxis(reference, *referenceTrace, formalCrn, held, implCrn,
              interpretation, options, deadline, result);
  double timeScale = result.timeScale;
  std::vector<double> implInitial =
      initialState(formalCrn, implementation, implCrn, interpretation,
                   options.fuels, options.amountFactor);
  // Fitting reads a run 4 times longer, 8 times denser, at any time scale.
  bool fit = options.fitTimeScale && !options.ssa;
  ResimulationOptions implOptions = options;
  if (fit)
    implOptions.points = 32 * options.points;
  running = "the implementation";
  llvm::Expected<sim::Trace> implTrace =
      run(held, implInitial, (fit ? 4 : 1) * options.tEnd * timeScale,
          implOptions, omega, deadline);
  if (!implTrace)
    return implTrace.takeError();
  std::vector<size_t> interpreted;
  for (SpeciesIndex s = 0; s < interpretation.size(); ++s)
    if (interpretation[s] && !interpretation[s]->empty())
      interpreted.push_back(s);
  auto compareAt = [&](double scale) {
    sim::Trace aligned =
        fit ? resample(*implTrace, referenceTrace->times, scale, interpreted)
            : *implTrace;
    compareAll(result, *referenceTrace, aligned, reference, formalCrn, implCrn,
               interpretation, options);
    return result.maxDeviation;
  };
  result.predictedMaxDeviation = compareAt(timeScale);
  result.predictedWorstSpecies = result.worstSpecies;
  if (result.species.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "no formal species of the checked CRN is "
                                   "a species of the reference");
  if (fit) {
    result.fittedTimeScale = fitScale(compareAt, timeScale);
    result.fittedMaxDeviation = compareAt(*result.fittedTimeScale);
    if (timeScale != options.timeScale)
      result.formulaMaxDeviation = compareAt(options.timeScale);
  }
  compareAt(timeScale);
  result.pass = result.maxDeviation <= options.threshold;
  result.formalTrace = std::move(*referenceTrace);
  result.implementationTrace = std::move(*implTrace);
  return result;
}

llvm::Expected<ResimulationResult>
resimulate(const ir::Module &reference, const Crn &formalCrn,
           const ir::Module &implementation, const Crn &implCrn,
           const Interpretation &interpretation,
           const ResimulationOptions &options) {
  Deadline deadline(options.wallSeconds, /*memoryBytes=*/0);
  std::string running;
  try {
    return resimulateWithin(reference, formalCrn, implementation, implCrn,
                            interpretation, options, deadline, running);
  } catch (DeadlineExpired &) {
    ResimulationResult stopped;
    stopped.stopped = deadline.reason() + " while simulating " + running;
    return stopped;
  }
}

double defaultHorizon(const ir::Module &reference) {
  return analysis::settlingHorizon(reference);
}

} // namespace crnc::verify
