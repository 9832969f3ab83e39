//===- ChemicalTrainer.cpp - training by simulating the chemistry ---------===//
//
// Sample presentation through lib/sim events (set state, phase mask,
// integrate), and threaded evaluation with per-thread simulators over one
// shared CompiledNetwork.
//
//===----------------------------------------------------------------------===//

#include "lib/train/ChemicalTrainer.h"
#include "lib/support/Format.h"
#include "lib/support/Threads.h"
#include <thread>

using namespace crnc;
using namespace crnc::train;

sim::SolverOptions train::trainingSolverOptions() {
  sim::SolverOptions o;
  o.relTol = 1e-8;
  o.absTol = 1e-10;
  return o;
}

SampleResult train::scoreOutputs(const ModelInterface &mi,
                                 std::vector<double> outputs, double target) {
  SampleResult r;
  std::vector<double> t = mi.targetVector(target);
  for (size_t k = 0; k < outputs.size() && k < t.size(); ++k)
    r.loss += 0.5 * (outputs[k] - t[k]) * (outputs[k] - t[k]);
  if (mi.task != Task::Regression)
    r.correct = mi.predictedClass(outputs) == size_t(target);
  r.outputs = std::move(outputs);
  return r;
}

Metrics train::summarize(const std::vector<SampleResult> &results) {
  Metrics m;
  m.samples = results.size();
  if (results.empty())
    return m;
  size_t right = 0;
  for (const SampleResult &r : results) {
    m.loss += r.loss;
    right += r.correct;
  }
  m.loss /= double(results.size());
  m.accuracy = double(right) / double(results.size());
  return m;
}

ChemicalTrainer::ChemicalTrainer(const ir::Module &module,
                                 const ModelInterface &mi,
                                 const sim::SolverOptions &solver)
    : mi(mi), net(std::make_unique<sim::CompiledNetwork>(module)),
      solver(solver) {}

llvm::Expected<std::unique_ptr<ChemicalTrainer>>
ChemicalTrainer::create(const ir::Module &module, const ModelInterface &mi,
                        const sim::SolverOptions &solver) {
  std::unique_ptr<ChemicalTrainer> t(new ChemicalTrainer(module, mi, solver));
  auto sim = sim::OdeSimulator::create(*t->net, solver);
  if (!sim)
    return sim.takeError();
  t->trainSim = std::move(*sim);
  t->trainSim->setState(mi.initialState, 0);
  return t;
}

std::vector<bool> ChemicalTrainer::mask(ir::PhaseId phase) const {
  std::vector<bool> m(net->phaseCount(), false);
  m[phase] = true;
  return m;
}

llvm::Expected<std::vector<double>>
ChemicalTrainer::presentation(llvm::ArrayRef<double> base,
                              llvm::ArrayRef<double> x, double target) const {
  std::vector<double> y(base.begin(), base.end());
  for (size_t i : mi.transient)
    y[i] = mi.initialState[i];
  std::vector<double> t = mi.targetVector(target);
  for (const LoadSpec &l : mi.loads) {
    double v = l.isTarget ? (l.index < t.size() ? t[l.index] : 0)
                          : (l.index < x.size() ? x[l.index] : 0);
    if (!l.signal.store(y, l.scale * v))
      return llvm::createStringError(
          std::errc::invalid_argument,
          "feature %zu is negative (%s) but the model's inputs are "
          "non-negative; declare 'signed_inputs = 1' or scale the data",
          l.index + 1, formatNumber(v).c_str());
  }
  return y;
}

static std::vector<double> readOutputs(const ModelInterface &mi,
                                       llvm::ArrayRef<double> state) {
  std::vector<double> out;
  for (const SignalRef &o : mi.outputSignals)
    out.push_back(o.value(state));
  return out;
}

llvm::Expected<SampleResult>
ChemicalTrainer::trainSample(llvm::ArrayRef<double> x, double target) {
  llvm::Expected<std::vector<double>> y0 =
      presentation(trainSim->state(), x, target);
  if (!y0)
    return y0.takeError();
  trainSim->setState(*y0, 0);
  trainSim->setActivePhases(mask(mi.forward));
  if (llvm::Error e = trainSim->integrateTo(mi.horizon))
    return e;
  SampleResult r = scoreOutputs(mi, readOutputs(mi, trainSim->state()), target);
  trainSim->setActivePhases(mask(mi.backward));
  if (llvm::Error e = trainSim->integrateTo(2 * mi.horizon))
    return e;
  return r;
}

llvm::Expected<SampleResult>
ChemicalTrainer::evaluateSample(sim::OdeSimulator &sim,
                                llvm::ArrayRef<double> x, double target) const {
  llvm::Expected<std::vector<double>> y0 =
      presentation(trainSim->state(), x, target);
  if (!y0)
    return y0.takeError();
  sim.setState(*y0, 0);
  sim.setActivePhases(mask(mi.forward));
  if (llvm::Error e = sim.integrateTo(mi.horizon))
    return e;
  return scoreOutputs(mi, readOutputs(mi, sim.state()), target);
}

llvm::Expected<Metrics> ChemicalTrainer::evaluate(const Dataset &data,
                                                  unsigned threads) const {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  threads =
      unsigned(std::min<size_t>(threads, std::max<size_t>(1, data.size())));
  std::vector<SampleResult> results(data.size());
  std::vector<std::string> errors(threads);
  auto work = [&](unsigned w) {
    auto sim = sim::OdeSimulator::create(*net, solver);
    if (!sim) {
      errors[w] = llvm::toString(sim.takeError());
      return;
    }
    for (size_t i = w; i < data.size(); i += threads) {
      auto r = evaluateSample(**sim, data.x[i], data.target[i]);
      if (!r) {
        errors[w] = llvm::toString(r.takeError());
        return;
      }
      results[i] = std::move(*r);
    }
  };
  runOnThreads(threads, work);
  for (const std::string &e : errors)
    if (!e.empty())
      return llvm::createStringError(std::errc::invalid_argument, "%s",
                                     e.c_str());
  return summarize(results);
}

std::vector<double> ChemicalTrainer::weightValues() const {
  std::vector<double> w;
  for (const SignalRef &s : mi.weights)
    w.push_back(s.value(trainSim->state()));
  return w;
}

std::vector<double> ChemicalTrainer::gradientValues() const {
  std::vector<double> g;
  for (const SignalRef &s : mi.gradients)
    g.push_back(s.value(trainSim->state()));
  return g;
}
