//===- LabSampleTrace.cpp - one presentation of the lab protocol, recorded ===//
//
// LabTrainer::traceSample: the presentation of crnc train's lab protocol
// (LabTraining.cpp: transient signals removed, inputs and target added,
// each phase's trigger added and the previous one removed), run on a copy
// of the trainer's state with every signal read at evenly spaced lab times,
// so that two lab networks (the formal CRN and the DNA design) can be
// compared over a whole training sample.
//
//===----------------------------------------------------------------------===//

#include "lib/support/Format.h"
#include "lib/verify/LabTraining.h"

namespace crnc::verify {

/// Appends the signals' values in `y` at lab time `t` of phase `phase`.
static void record(SampleTrace &trace, double t, unsigned phase,
                   const std::vector<double> &values) {
  trace.times.push_back(t);
  trace.phase.push_back(phase);
  for (size_t s = 0; s < values.size(); ++s)
    trace.values[s].push_back(values[s]);
}

llvm::Expected<SampleTrace>
LabTrainer::traceSample(llvm::ArrayRef<double> x, double target,
                        unsigned pointsPerPhase,
                        const Deadline &deadline) const {
  SampleTrace trace;
  trace.values.resize(net.signals.size());
  auto readAll = [&](llvm::ArrayRef<double> y) {
    std::vector<double> v(net.signals.size());
    for (size_t s = 0; s < v.size(); ++s)
      v[s] = value(y, s);
    return v;
  };
  auto begun = startSample(x, target);
  if (!begun)
    return begun.takeError();
  std::unique_ptr<sim::OdeSimulator> sim = std::move(begun->sim);
  std::vector<double> &y = begun->y;
  pointsPerPhase = std::max(1u, pointsPerPhase);
  for (unsigned phase = 0; phase < 2; ++phase) {
    double start = phase ? proto.duration(0) : 0.0;
    if (phase == 1)
      y.assign(sim->state().begin(), sim->state().end());
    if (phase == 1 && proto.targetAtBackward)
      if (llvm::Error e = load(y, x, target, true, false))
        return e;
    if (llvm::Error e = startPhase(y, phase))
      return e;
    sim->setState(y, 0);
    record(trace, start, phase, readAll(y));
    for (unsigned i = 1; i <= pointsPerPhase; ++i) {
      if (deadline.expired()) {
        trace.stopped = deadline.reason();
        trace.stoppedAt = start + sim->time();
        return trace;
      }
      double t = proto.duration(phase) * i / pointsPerPhase;
      if (llvm::Error e = integrateWithRestarts(*sim, t))
        return e;
      record(trace, start + t, phase, readAll(sim->state()));
    }
  }
  return trace;
}

} // namespace crnc::verify
