//===- LabTraining.h - crnc train's protocol on the lab's chemistry -*- C++
//-*-//
//
// Runs `crnc train`'s protocol on a LabNetwork (the lowered formal CRN or the
// enumerated DSD design) the way a lab would: per sample, every copy of a
// transient signal is removed (free or bound; a complex that also holds a
// persistent signal gives that one back as its free strand, which is what
// crnc train's reset on the model network means), the inputs and the target
// are added as their signal strands, the previous trigger is removed (its
// complement sequesters it within seconds, against hours per phase, so the
// removal is taken as instantaneous) and the phase's trigger strand added at
// its on-level; the network then runs for horizon x time_scale lab seconds.
// Outputs and weights are read through LabNetwork::holds (free and bound
// copies), in model units. Beside it, the model network trains on the same
// rows in the same order (lib/train), so every figure has its reference.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_LABTRAINING_H
#define CRNC_VERIFY_LABTRAINING_H

#include "lib/train/TrainingLoop.h"
#include "lib/verify/Deadline.h"
#include "lib/verify/LabNetwork.h"
#include <array>
#include <functional>
#include <optional>

namespace crnc::verify {

/// The complement a lab adds beyond a trigger's level to switch it off.
constexpr double TriggerComplementExcess = 0.2;

/// The schedule a lab runs, read from the lowered formal module.
struct LabProtocol {
  double phaseSeconds = 0; ///< lab seconds per phase: horizon x time_scale
  /// Per phase (forward, backward): its lab duration over phaseSeconds, the
  /// design's pace measured by calibratePace (LabPace.h); 1 until then.
  std::array<double, 2> pace{1, 1};
  /// Lab seconds of phase `phase` (0: forward, 1: backward).
  double duration(size_t phase) const { return phaseSeconds * pace[phase]; }
  double concScale = 1; ///< network units (nM) per model unit
  /// map-rates' amount_factor: a model value v is a lab total of
  /// v amountFactor concScale, free and bound (1 + lambda with SSW's
  /// buffers on every species, whose free amounts follow the formal CRN;
  /// 1 where the totals do). The design's initial amounts carry it.
  double amountFactor = 1;
  /// A trigger strand: its LabNetwork::signals index and on-level (network
  /// units).
  struct Trigger {
    size_t signal = 0;
    double level = 1;
    /// The network species of its complement (anti_<trigger>), added by
    /// LabTrainer::create; none before.
    std::optional<size_t> complement;
  };
  /// Per phase (forward, backward): its clock trigger first, then its
  /// dimmer triggers (gate-phases' dim-triggers), all added at the phase's
  /// start and removed at its end.
  std::vector<Trigger> triggers[2];
  double clockLevel = 1; ///< the clock triggers' on-level, network units
  /// Per phase: the complement added beyond its triggers' level to switch
  /// them off, as a share of the level: TriggerComplementExcess, plus what
  /// gates hold in flight at the phase's end where calibratePace measured
  /// it (they release it after the switch).
  std::array<double, 2> complementExcess{TriggerComplementExcess,
                                         TriggerComplementExcess};
  /// The LabNetwork::signals that are the model's inputs (role input).
  std::vector<size_t> inputs;
  /// Add the target with phase 2's trigger instead of with the inputs
  /// (targetWaitsForUpdate): phase 1 then runs without it.
  bool targetAtBackward = false;
};

/// True when no reaction of `model` in its forward phase reads the target's
/// signal and every unclocked reaction that does reads only its rails (the
/// annihilation X+ + X- -> 0): adding the target with phase 2 then gives the
/// model network the same phase 2, while the design's phase 1 runs without
/// it. At DNA level it must: the regression's reduce-order intermediates
/// (E + X <=> c_X_E, unclocked) hold the inputs in proportion to E, so a
/// target added with the inputs slows phase 1 by its size (first output
/// 7.28, 6.62, 5.89 for targets 5, 11.8, 20 where the model's is 6.556).
bool targetWaitsForUpdate(const ir::Module &model,
                          const train::ModelInterface &mi);
/// The same for a module that may not be a model (false then).
bool targetWaitsForUpdate(const ir::Module &model);

/// Integrates `sim` to `end`; when CVODE stops early (its non-negativity
/// constraint cannot be met from its step history), restarts it from the
/// state reached, clamped to non-negative, at most 3 times and only while
/// it advances.
llvm::Error integrateWithRestarts(sim::OdeSimulator &sim, double end);

/// Requires: `net.signals` holds the trigger species of `formal`'s
/// clock_phases and every other clock species of those phases. Fails (with the
/// reason) when the clocks are not external triggers or an attribute is
/// missing.
llvm::Expected<LabProtocol> labProtocol(const ir::Module &formal,
                                        const LabNetwork &net, double horizon);

/// One presentation recorded (LabTrainer::traceSample): every signal's
/// value, in model units, at the start of each phase (after its trigger is
/// added) and at evenly spaced lab times within it.
struct SampleTrace {
  std::vector<double> times;   ///< lab seconds from the presentation
  std::vector<unsigned> phase; ///< per time: 0 (phase 1) or 1 (phase 2)
  /// Per signal (LabNetwork::signals order): its value at each time.
  std::vector<std::vector<double>> values;
  /// Set when the deadline passed first: why, and the lab time reached
  /// (the trace holds the rows up to then).
  std::string stopped;
  double stoppedAt = 0;
};

/// The design's pace, measured on one calibration presentation: per phase,
/// the lab duration (over LabProtocol::phaseSeconds) at which the lab
/// network's readouts (phase 1: the outputs; phase 2: the weight changes)
/// come nearest the model network's after one horizon.
struct PhasePace {
  std::array<double, 2> factor{1, 1};
  /// Root mean square of the fitted readouts' deviations there, each over
  /// the model's change of it (0: met exactly).
  std::array<double, 2> misfit{0, 0};
  /// Readouts fitted per phase (0: none moved in the model; factor 1 kept).
  std::array<size_t, 2> fitted{0, 0};
  /// True where the best fit was the end of the search window.
  std::array<bool, 2> atBound{false, false};
  /// True where the readouts came no nearer than PaceMisfitLimit (LabPace.h):
  /// factor 1 kept.
  std::array<bool, 2> unmet{false, false};
  std::vector<double> probe; ///< the calibration inputs, model units
  double probeTarget = 0;
  double probeWeight = 0; ///< every weight's value in the calibration
};

class LabTrainer {
public:
  /// Requires: `mi` was read from the model module whose species names are
  /// the first entries of `net.signals`, in order.
  static llvm::Expected<std::unique_ptr<LabTrainer>>
  create(LabNetwork net, const train::ModelInterface &mi,
         const LabProtocol &protocol, const sim::SolverOptions &solver);

  /// One presentation: phase 1, read the outputs, phase 2.
  llvm::Expected<train::SampleResult> trainSample(llvm::ArrayRef<double> x,
                                                  double target);
  /// Phase 1 alone from the current state, on `threads` threads; results
  /// reduced in sample order.
  llvm::Expected<train::Metrics> evaluate(const train::Dataset &data,
                                          unsigned threads) const;
  /// The share of phase `phase`'s clock trigger held at the end of its
  /// last run (FirstSample::triggerHeld).
  double triggerHeld(size_t phase) const { return heldAtEnd[phase]; }
  /// The share of phase 1's clock trigger (as added) active at the end of
  /// the last phase 2: released by gates after its complement was used up.
  double triggerLeak() const { return leakAtEnd; }
  /// Per input (a load that is neither a target nor transient, in
  /// ModelInterface::loads order): the share of what was added that species
  /// holding it carry at the end of the last phase 1 (the model's inputs
  /// stay; the rest sits in gates' committed intermediates).
  const std::vector<double> &inputsHeldAtPhase1End() const {
    return inputsAtEnd;
  }
  /// The outputs at the end of the last phase 2 (the model's do not move
  /// there; the design's move where phase 1's reactions committed in gates
  /// complete after the switch).
  const std::vector<double> &outputsAfterPhase2() const {
    return outputsAfterUpdate;
  }
  /// Phases 1 and 2 of one presentation of (x, target) from the current
  /// state, recorded at `pointsPerPhase` times per phase; the trainer's
  /// state is left as it was (LabSampleTrace.cpp). The deadline is checked
  /// between recorded times. Fails with the integrator's error.
  llvm::Expected<SampleTrace> traceSample(llvm::ArrayRef<double> x,
                                          double target,
                                          unsigned pointsPerPhase,
                                          const Deadline &deadline) const;
  /// The learned weights (ModelInterface::weights order), model units.
  std::vector<double> weightValues() const;
  /// The smallest fraction of its initial level a fuel has left (1 when
  /// fuels are held), and its name.
  std::pair<double, std::string> lowestFuel() const;
  const LabNetwork &network() const { return net; }
  const LabProtocol &protocol() const { return proto; }
  /// Measures the pace of each phase on one presentation of (x, target)
  /// from the current state with the weights set to `weights` (model
  /// units), on a copy (LabPace.cpp), and sets protocol().pace to it, and
  /// protocol().complementExcess to what each phase's end holds in flight.
  /// `modelOutputs` are the model network's outputs after phase 1 and
  /// `modelChanges` its weight changes over phase 2 on the same
  /// presentation from the same weights.
  llvm::Expected<PhasePace> calibratePace(llvm::ArrayRef<double> x,
                                          double target,
                                          llvm::ArrayRef<double> weights,
                                          llvm::ArrayRef<double> modelOutputs,
                                          llvm::ArrayRef<double> modelChanges);

private:
  LabTrainer(LabNetwork net, const train::ModelInterface &mi,
             const LabProtocol &protocol, const sim::SolverOptions &solver);
  /// Adds each trigger's complement to `net` (a strand that takes a free
  /// copy of the trigger out of play) and records it in `protocol`.
  static void addComplements(LabNetwork &net, LabProtocol &protocol);
  double value(llvm::ArrayRef<double> y, size_t signal) const;
  double value(llvm::ArrayRef<double> y, const train::SignalRef &s) const;
  /// Removes every copy of `signals`, giving back what else a copy holds.
  void removeCopies(std::vector<double> &y,
                    llvm::ArrayRef<size_t> signals) const;
  llvm::Error add(std::vector<double> &y, size_t signal, double amount) const;
  llvm::Error load(std::vector<double> &y, llvm::ArrayRef<double> x,
                   double target, bool targets, bool inputs) const;
  llvm::Expected<std::vector<double>> presentation(llvm::ArrayRef<double> base,
                                                   llvm::ArrayRef<double> x,
                                                   double target) const;
  /// A fresh simulator of the lab network and the state that presents
  /// (x, target) from the trainer's current state (no phase started yet).
  struct SampleStart {
    std::unique_ptr<sim::OdeSimulator> sim;
    std::vector<double> y;
  };
  llvm::Expected<SampleStart> startSample(llvm::ArrayRef<double> x,
                                          double target) const;
  /// Switches `y` to phase `phase`: the triggers removed and their
  /// complements set, the phase's triggers added.
  llvm::Error startPhase(std::vector<double> &y, size_t phase) const;
  llvm::Error runPhase(sim::OdeSimulator &sim, std::vector<double> y,
                       size_t phase) const;
  std::vector<double> readOutputs(llvm::ArrayRef<double> y) const;
  /// The share of phase `phase`'s clock trigger (as added) that `y` holds.
  double clockHeld(llvm::ArrayRef<double> y, size_t phase) const;
  /// inputsHeldAtPhase1End's shares in `y` for the inputs `x`.
  std::vector<double> inputsHeld(llvm::ArrayRef<double> y,
                                 llvm::ArrayRef<double> x) const;
  /// The complement excess that switches phase `phase`'s triggers off from
  /// `y`, its end: TriggerComplementExcess plus the share in flight.
  double inFlightExcess(llvm::ArrayRef<double> y, size_t phase) const;

  LabNetwork net;
  train::ModelInterface mi;
  LabProtocol proto;
  sim::SolverOptions solver;
  std::unique_ptr<sim::CompiledNetwork> compiled;
  std::unique_ptr<sim::OdeSimulator> trainSim;
  /// Per signal: the network species holding it.
  std::vector<std::vector<size_t>> holders;
  std::array<double, 2> heldAtEnd{1, 1};
  double leakAtEnd = 0;
  std::vector<double> inputsAtEnd;
  std::vector<double> outputsAfterUpdate;
};

struct LevelEpoch {
  unsigned epoch = 0;
  train::Metrics model, lab; ///< the training rows as presented
  /// The validation rows after this epoch (samples 0: none).
  train::Metrics modelValidation, labValidation;
  double seconds = 0; ///< lab network, this epoch's training rows
};

/// The first presentation, where both networks start from the same weights:
/// phase 1's outputs compare the forward computation alone, the weight
/// changes of phase 2 the update alone.
struct FirstSample {
  std::vector<double> modelOutputs, labOutputs; ///< after phase 1
  std::vector<double> weightsBefore;            ///< the model network's
  /// Each network's weights after the presentation minus before.
  std::vector<double> modelChanges, labChanges;
  double target = 0;
  /// Per phase: the share of its clock trigger, as added, that species
  /// holding it carry at the phase's end (the rest sits in gates'
  /// committed intermediates and is released into the next phase).
  std::array<double, 2> triggerHeld{1, 1};
  /// The share of phase 1's clock trigger active at phase 2's end (the
  /// clock leak: phase 1's reactions run on into phase 2).
  double triggerLeak = 0;
  /// The lab network's outputs at phase 2's end (the model's stay at
  /// modelOutputs).
  std::vector<double> labOutputsAfterPhase2;
  /// LabTrainer::inputsHeldAtPhase1End on this sample.
  std::vector<double> inputsHeld;
};

struct LabTrainingResult {
  std::vector<LevelEpoch> epochs;
  std::optional<FirstSample> first; ///< unset: no training rows
  train::Metrics modelValidation, labValidation, modelTest, labTest;
  std::vector<double> modelWeights, labWeights;
  /// Largest |lab - model| weight difference after any sample.
  double maxWeightDifference = 0;
  double labSecondsPerSample = 0, modelSecondsPerSample = 0;
  double lowestFuelFraction = 1;
  std::string lowestFuelName;
};

struct LabLoopOptions {
  unsigned epochs = 10;
  uint64_t seed = 1;    ///< presentation order (as crnc train's)
  unsigned threads = 1; ///< evaluation threads
  std::function<void(size_t, size_t)> progress;
};

/// Trains `model` (the model network) and `lab` on the same rows in the same
/// order, evaluates both on the validation rows after every epoch (the last
/// one is `modelValidation`, `labValidation`), then on the test rows.
llvm::Expected<LabTrainingResult>
runLabTraining(train::ChemicalTrainer &model, LabTrainer &lab,
               const train::PreparedData &data, const LabLoopOptions &options);

} // namespace crnc::verify

#endif
