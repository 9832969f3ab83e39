//===- LabPace.h - the design's pace, measured per clock phase --*- C++ -*-===//
//
// map-rates' time_scale says how many lab seconds one model time unit takes,
// from its hold model (every species held by lambda = q / q_max in its
// gates and buffer). The enumerated design holds its signals by what its
// gates realise (measured 1.46-1.54 for the regression's inputs and weights
// where lambda is 1.396), so it runs at its own pace. A lab times a clocked
// protocol on a calibration sample before training: here one presentation
// of a standard sample (the training rows' mean inputs, their median
// target) to the model network and to the lab network from the same
// weights (every weight at ProbeWeight); each phase of the lab protocol then
// lasts the lab time at which the lab network's readouts come nearest the model
// network's after one horizon (phase 1: the outputs; phase 2, after the
// calibrated phase 1: the weight changes), as re-simulation fits its time axis.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_LABPACE_H
#define CRNC_VERIFY_LABPACE_H

#include "lib/verify/LabTraining.h"

namespace crnc::verify {

/// The calibration sample: per feature the mean of `rows`, and the lower
/// median of their targets (a value the data holds: a class label for a
/// classifier). Requires: rows.size() > 0.
void calibrationSample(const train::Dataset &rows, std::vector<double> &x,
                       double &target);

/// The time along a piecewise-linear trajectory at which it comes nearest
/// `goal`: `values[k]` is the readouts' vector at `times[k]` (increasing),
/// the distance is sum_i ((v_i - goal_i) / scale_i)^2, minimised exactly on
/// each segment. Returns (time, that distance). Requires: times.size() ==
/// values.size() > 0, every vector of goal's size, scale_i > 0.
std::pair<double, double>
nearestTime(llvm::ArrayRef<double> times,
            llvm::ArrayRef<std::vector<double>> values,
            llvm::ArrayRef<double> goal, llvm::ArrayRef<double> scale);

/// Every weight's value, in model units, for the calibration presentation:
/// a model's initial weights may nearly cancel (the Iris classifier's first
/// output is -0.015 from weights of +-0.2), which leaves phase 1 nothing to
/// time; at one unit each output is a sum of the inputs.
constexpr double ProbeWeight = 1;

/// A phase whose readouts come no nearer the model network's than this
/// (root mean square, relative to the model's changes) keeps map-rates'
/// time: the design does not do what the model does there (a module that
/// realises no rate, a readout of the wrong sign), which no duration mends.
constexpr double PaceMisfitLimit = 0.5;

/// The search window: a phase may last up to this many times map-rates'
/// phaseSeconds.
constexpr double PaceWindow = 3;

/// Presents the calibration sample of `rows` to a fresh model network
/// (built from `model`) and to `lab` (LabTrainer::calibratePace), which
/// then runs at the measured pace. No rows: `lab` keeps map-rates' time
/// scale and the result fits nothing.
/// Requires: `lab` has not trained yet (both start from the initial
/// weights). Fails with the integrator's error.
llvm::Expected<PhasePace> calibratePace(LabTrainer &lab,
                                        const ir::Module &model,
                                        const train::ModelInterface &mi,
                                        const train::Dataset &rows,
                                        const sim::SolverOptions &modelSolver);

/// "measured on a calibration sample (inputs 2.547, 4.009, target 11.8,
/// every weight at 1): forward 1.169 x map-rates' 5.015e+04 s (outputs
/// within < 0.05 % of the model network's); backward ...": for `crnc
/// train`.
std::string describePace(const PhasePace &pace, double phaseSeconds);

} // namespace crnc::verify

#endif
