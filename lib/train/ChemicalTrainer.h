//===- ChemicalTrainer.h - training by simulating the chemistry -*- C++ -*-===//
//
// The host does only what a lab would do: for each sample it resets the
// transient species, pipettes the inputs and the target onto their rails,
// switches the clock to phase 1 ("forward") for T, reads the outputs, and
// switches to phase 2 ("backward") for T. The weights change only through the
// network's own mass-action dynamics (lib/sim's CVODE integrator).
// Evaluation runs phase 1 alone on copies of the current state, spread over
// threads; results are reduced in sample order, so 1 or N threads agree.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_CHEMICALTRAINER_H
#define CRNC_TRAIN_CHEMICALTRAINER_H

#include "lib/sim/CompiledNetwork.h"
#include "lib/sim/Simulator.h"
#include "lib/train/Dataset.h"
#include "lib/train/ModelInterface.h"
#include <memory>

namespace crnc::train {

/// Loss and accuracy over a set of samples.
struct Metrics {
  double loss = 0;     ///< mean of 1/2 |y_hat - t|^2
  double accuracy = 0; ///< fraction classified right (classification only)
  size_t samples = 0;
};

/// The outputs and loss of one presentation.
struct SampleResult {
  std::vector<double> outputs;
  double loss = 0;
  bool correct = false;
};

/// The integrator settings training uses by default: CVODE rtol 1e-8,
/// atol 1e-10 (looser settings let the rails' non-negativity constraint
/// fail on the annihilation reactions).
sim::SolverOptions trainingSolverOptions();

/// Loss/accuracy bookkeeping shared by the chemical and float trainers.
SampleResult scoreOutputs(const ModelInterface &mi, std::vector<double> outputs,
                          double target);
Metrics summarize(const std::vector<SampleResult> &results);

class ChemicalTrainer {
public:
  static llvm::Expected<std::unique_ptr<ChemicalTrainer>>
  create(const ir::Module &module, const ModelInterface &mi,
         const sim::SolverOptions &solver);

  /// Presents one sample: phase 1, read the outputs, phase 2.
  llvm::Expected<SampleResult> trainSample(llvm::ArrayRef<double> x,
                                           double target);
  /// Phase 1 only, from the current weights, on a private simulator.
  llvm::Expected<SampleResult> evaluateSample(sim::OdeSimulator &sim,
                                              llvm::ArrayRef<double> x,
                                              double target) const;
  /// Evaluates `data` on `threads` threads (0: hardware concurrency).
  llvm::Expected<Metrics> evaluate(const Dataset &data, unsigned threads) const;

  /// Current values of the learned signals (ModelInterface::weights order).
  std::vector<double> weightValues() const;
  /// Current values of the gradient signals.
  std::vector<double> gradientValues() const;
  llvm::ArrayRef<double> state() const { return trainSim->state(); }
  const ModelInterface &interface() const { return mi; }
  const sim::CompiledNetwork &network() const { return *net; }

private:
  ChemicalTrainer(const ir::Module &module, const ModelInterface &mi,
                  const sim::SolverOptions &solver);
  /// The state a presentation starts from: `base` with transients reset and
  /// the sample loaded. Fails when a negative value meets a one-rail input.
  llvm::Expected<std::vector<double>> presentation(llvm::ArrayRef<double> base,
                                                   llvm::ArrayRef<double> x,
                                                   double target) const;
  std::vector<bool> mask(ir::PhaseId phase) const;

  ModelInterface mi;
  std::unique_ptr<sim::CompiledNetwork> net;
  sim::SolverOptions solver;
  std::unique_ptr<sim::OdeSimulator> trainSim;
};

} // namespace crnc::train

#endif
