//===- SampleResimulation.cpp - one training sample, formal vs DNA --------===//
//
//  1. The readout signals (the model's species, then the clock triggers),
//     the formal CRN's and the DNA design's lab networks over them, and the
//     lab protocol of each (LabTraining.h).
//  2. Both networks from their initial state (the module's weights), the
//     sample presented, phases 1 and 2 recorded (LabTrainer::traceSample)
//     under one wall-clock deadline.
//  3. Per signal both networks hold: the deviation (file comment of the
//     header) and the phase of its worst time.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/SampleResimulation.h"
#include "lib/support/Format.h"
#include "lib/train/ChemicalTrainer.h"
#include "llvm/ADT/StringExtras.h"
#include <chrono>
#include <cmath>

namespace crnc::verify {

/// The smallest scale a deviation is measured against, as a fraction of the
/// largest signal: a range below it counts as no movement, and a leak into
/// a rail that stays at zero is measured against the signals around it.
static constexpr double FlatFraction = 0.01;

static llvm::Error sampleError(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 message.str().c_str());
}

/// The phase names of `formal`'s clock_phases ("forward:clk_forward,...").
static std::vector<std::string> phaseNamesOf(const ir::Module &formal) {
  llvm::SmallVector<llvm::StringRef, 2> phases;
  ir::findAttribute(formal.attrs, "clock_phases")
      .value_or("")
      .split(phases, ',', -1, false);
  std::vector<std::string> names;
  for (llvm::StringRef p : phases)
    names.push_back(p.split(':').first.str());
  while (names.size() < 2)
    names.push_back("phase " + std::to_string(names.size() + 1));
  return names;
}

/// Per signal: the network species holding it, by name.
static std::vector<std::vector<std::string>> holdersOf(const LabNetwork &net) {
  std::vector<std::vector<std::string>> out(net.signals.size());
  for (size_t s = 0; s < net.holds.size(); ++s)
    for (SpeciesIndex f : net.holds[s]) {
      std::string name = net.module.getSpecies(ir::SpeciesId(s)).name;
      if (out[f].empty() || out[f].back() != name)
        out[f].push_back(std::move(name));
    }
  return out;
}

/// The deviation of one signal (step 3): `f` the formal series, `g` the
/// DNA one, over the first `rows` times of `formal`.
static SpeciesDeviation
compareSignal(const SampleTrace &formal, const std::vector<double> &f,
              const std::vector<double> &g, size_t rows, double flat,
              llvm::ArrayRef<std::string> phaseNames, double threshold) {
  SpeciesDeviation d;
  auto phaseName = [&](size_t r) {
    unsigned p = formal.phase[r];
    return p < phaseNames.size() ? phaseNames[p] : std::string();
  };
  double lo = *std::min_element(f.begin(), f.begin() + rows);
  double hi = *std::max_element(f.begin(), f.begin() + rows);
  d.range = hi - lo > flat ? hi - lo : 0;
  double scale = std::max({hi - lo, std::fabs(hi), std::fabs(lo), flat});
  for (size_t r = 0; r < rows; ++r) {
    double deviation = std::fabs(g[r] - f[r]) / scale;
    if (deviation > threshold && !d.firstBeyond) {
      d.firstBeyond = formal.times[r];
      d.firstBeyondPhase = phaseName(r);
    }
    if (r == 0 || deviation > d.deviation) {
      d.deviation = deviation;
      d.time = formal.times[r];
      d.formal = f[r];
      d.implementation = g[r];
      d.phase = phaseName(r);
    }
  }
  d.formalSeries.assign(f.begin(), f.begin() + rows);
  d.implementationSeries.assign(g.begin(), g.begin() + rows);
  return d;
}

ResimulationResult compareSampleTraces(const SampleTrace &formal,
                                       const SampleTrace &dna,
                                       llvm::ArrayRef<std::string> signals,
                                       const std::vector<bool> &compared,
                                       llvm::ArrayRef<std::string> phaseNames,
                                       double threshold) {
  ResimulationResult result;
  size_t rows = std::min(formal.times.size(), dna.times.size());
  result.times.assign(formal.times.begin(), formal.times.begin() + rows);
  double peak = 0;
  for (size_t s = 0; s < signals.size(); ++s)
    for (size_t r = 0; compared[s] && r < rows; ++r)
      peak = std::max(peak, std::fabs(formal.values[s][r]));
  double flat = std::max(FlatFraction * peak, 1e-12);
  for (size_t s = 0; s < signals.size() && rows; ++s) {
    if (!compared[s])
      continue;
    SpeciesDeviation d = compareSignal(formal, formal.values[s], dna.values[s],
                                       rows, flat, phaseNames, threshold);
    d.species = signals[s];
    if (result.species.empty() || d.deviation > result.maxDeviation) {
      result.maxDeviation = d.deviation;
      result.worstSpecies = d.species;
    }
    result.species.push_back(std::move(d));
  }
  result.pass = !result.species.empty() && result.maxDeviation <= threshold;
  result.predictedMaxDeviation = result.maxDeviation;
  result.predictedWorstSpecies = result.worstSpecies;
  return result;
}

/// Step 2 for one network: its trace, or the error naming it.
static llvm::Expected<SampleTrace>
traceOn(LabNetwork net, llvm::StringRef what, const ir::Module &model,
        const ir::Module &formal, const train::ModelInterface &mi,
        const train::RecordedSample &sample,
        const SampleResimulationOptions &options, const Deadline &deadline,
        double &wallSeconds, double &phaseSeconds) {
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<LabProtocol> protocol = labProtocol(formal, net, mi.horizon);
  if (!protocol)
    return protocol.takeError();
  phaseSeconds = protocol->phaseSeconds;
  // The target goes in as crnc train and the protocol add it.
  protocol->targetAtBackward = targetWaitsForUpdate(model, mi);
  sim::SolverOptions solver = options.solver;
  solver.absTol *= protocol->concScale; // model units -> the network's
  auto trainer = LabTrainer::create(std::move(net), mi, *protocol, solver);
  if (!trainer)
    return trainer.takeError();
  auto trace = (*trainer)->traceSample(sample.inputs, sample.target,
                                       options.pointsPerPhase, deadline);
  wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!trace)
    return sampleError(what + ": " + llvm::toString(trace.takeError()));
  return trace;
}

/// "time limit of 30 s reached while simulating the DNA design at lab
/// time 3.1 h of 5.17 h (phase backward)".
static std::string stoppedWhere(const SampleTrace &t, llvm::StringRef what,
                                const SampleResimulation &out) {
  double total = 2 * out.phaseSeconds;
  unsigned phase = t.stoppedAt >= out.phaseSeconds ? 1 : 0;
  return t.stopped + " while simulating " + what.str() + " at lab time " +
         formatSignificant(t.stoppedAt / 3600, 3) + " h of " +
         formatSignificant(total / 3600, 3) + " h (phase " +
         out.phaseNames[phase] + ")";
}

/// A signal's value (both rails) at row `r` of `t`; the model's species
/// come first in the lab signals (labReadoutSignals), so a SignalRef of the
/// model indexes the trace.
static double valueAt(const SampleTrace &t, const train::SignalRef &ref,
                      size_t r) {
  return t.values[ref.pos][r] - (ref.neg ? t.values[*ref.neg][r] : 0.0);
}

static SampleReadouts readoutsOf(const SampleTrace &t,
                                 const train::ModelInterface &mi) {
  SampleReadouts out;
  if (t.times.empty())
    return out;
  size_t last = t.times.size() - 1, endForward = 0;
  for (size_t r = 0; r <= last; ++r)
    if (t.phase[r] == 0)
      endForward = r;
  for (const train::SignalRef &o : mi.outputSignals)
    out.outputs.push_back(valueAt(t, o, endForward));
  for (const train::SignalRef &w : mi.weights)
    out.weightChanges.push_back(valueAt(t, w, last) - valueAt(t, w, 0));
  return out;
}

/// The model network's readouts of the sample (crnc train's chemistry).
static llvm::Expected<SampleReadouts>
modelReadoutsOf(const ir::Module &model, const train::ModelInterface &mi,
                const train::RecordedSample &sample) {
  auto chem =
      train::ChemicalTrainer::create(model, mi, train::trainingSolverOptions());
  if (!chem)
    return chem.takeError();
  std::vector<double> before = (*chem)->weightValues();
  llvm::Expected<train::SampleResult> r =
      (*chem)->trainSample(sample.inputs, sample.target);
  if (!r)
    return sampleError("the model network: " + llvm::toString(r.takeError()));
  SampleReadouts out;
  out.outputs = r->outputs;
  std::vector<double> after = (*chem)->weightValues();
  for (size_t i = 0; i < after.size(); ++i)
    out.weightChanges.push_back(after[i] - before[i]);
  return out;
}

llvm::Expected<SampleResimulation>
resimulateSample(const ir::Module &model, const ir::Module &formal,
                 const enumerate::EnumeratedSystem &system,
                 const dna::Design &design, const train::RecordedSample &sample,
                 const SampleResimulationOptions &options) {
  llvm::Expected<train::ModelInterface> mi =
      train::ModelInterface::fromModule(model);
  if (!mi)
    return mi.takeError();
  if (sample.inputs.size() != mi->inputs)
    return sampleError("the recorded sample has " +
                       llvm::Twine(sample.inputs.size()) +
                       " inputs, the model " + llvm::Twine(mi->inputs));
  std::vector<std::string> signals = labReadoutSignals(model, formal);
  LabNetwork formalNet = formalLabNetwork(formal, signals, false);
  LabNetwork dnaNet = dnaLabNetwork(system, design, formal, signals, false);
  std::vector<std::vector<std::string>> formalHolders = holdersOf(formalNet),
                                        dnaHolders = holdersOf(dnaNet);
  std::vector<bool> compared(signals.size());
  for (size_t s = 0; s < signals.size(); ++s)
    compared[s] = !formalHolders[s].empty() && !dnaHolders[s].empty();
  SampleResimulation out;
  out.phaseNames = phaseNamesOf(formal);
  Deadline deadline(options.seconds);
  const char *names[2] = {"the formal CRN", "the DNA design"};
  SampleTrace traces[2];
  LabNetwork *nets[2] = {&formalNet, &dnaNet};
  double *wall[2] = {&out.formalWallSeconds, &out.dnaWallSeconds};
  for (int i = 0; i < 2; ++i) {
    auto trace = traceOn(std::move(*nets[i]), names[i], model, formal, *mi,
                         sample, options, deadline, *wall[i], out.phaseSeconds);
    if (!trace)
      return trace.takeError();
    traces[i] = std::move(*trace);
    if (!traces[i].stopped.empty()) {
      out.stopped = stoppedWhere(traces[i], names[i], out);
      return out;
    }
  }
  out.result = compareSampleTraces(traces[0], traces[1], signals, compared,
                                   out.phaseNames, options.threshold);
  llvm::Expected<SampleReadouts> modelSide =
      modelReadoutsOf(model, *mi, sample);
  if (!modelSide)
    return modelSide.takeError();
  out.modelReadouts = std::move(*modelSide);
  out.formalReadouts = readoutsOf(traces[0], *mi);
  out.dnaReadouts = readoutsOf(traces[1], *mi);
  for (const train::SignalRef &o : mi->outputSignals)
    out.outputNames.push_back(o.name);
  for (const train::SignalRef &w : mi->weights)
    out.weightNames.push_back(w.name);
  for (size_t s = 0, k = 0; s < signals.size(); ++s)
    if (compared[s])
      out.result.species[k++].representedBy = dnaHolders[s];
  return out;
}

} // namespace crnc::verify
