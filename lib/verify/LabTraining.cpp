//===- LabTraining.cpp - crnc train's protocol on the lab's chemistry -----===//

#include "lib/verify/LabTraining.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Format.h"
#include "lib/support/Threads.h"
#include "lib/support/Units.h"
#include "llvm/ADT/StringExtras.h"
#include <chrono>
#include <cmath>

namespace crnc::verify {

static llvm::Error protocolError(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 message.str().c_str());
}

static std::optional<double> numberAttr(const ir::AttributeList &attrs,
                                        llvm::StringRef key) {
  std::optional<llvm::StringRef> text = ir::findAttribute(attrs, key);
  double v = 0;
  if (!text || text->getAsDouble(v))
    return std::nullopt;
  return v;
}

llvm::Expected<LabProtocol> labProtocol(const ir::Module &formal,
                                        const LabNetwork &net, double horizon) {
  if (ir::findAttribute(formal.attrs, "clock_strategy").value_or("") !=
      "external")
    return protocolError("training at lab level needs external clock "
                         "triggers (--gate=external, the default)");
  std::optional<double> timeScale = numberAttr(formal.attrs, "time_scale");
  std::optional<double> concScale = numberAttr(formal.attrs, "conc_scale_nM");
  if (!timeScale || !concScale)
    return protocolError("the lowered module has no time_scale or "
                         "conc_scale_nM (map-rates did not run)");
  LabProtocol p;
  for (size_t i = 0; i < net.signals.size(); ++i)
    if (std::optional<ir::SpeciesId> id = formal.lookupSpecies(net.signals[i]))
      if (formal.getSpecies(*id).role == ir::SpeciesRole::Input)
        p.inputs.push_back(i);
  p.phaseSeconds = horizon * *timeScale;
  p.concScale = *concScale;
  p.amountFactor =
      numberAttr(formal.attrs, "amount_factor")
          .value_or(1 + numberAttr(formal.attrs, "sequestration").value_or(0));
  llvm::SmallVector<llvm::StringRef, 2> phases;
  ir::findAttribute(formal.attrs, "clock_phases")
      .value_or("")
      .split(phases, ',', -1, false);
  if (phases.size() != 2)
    return protocolError("a learning network has two phases, this one has " +
                         llvm::Twine(phases.size()));
  for (size_t i = 0; i < 2; ++i) {
    auto [phase, clock] = phases[i].split(':');
    std::optional<ir::SpeciesId> id = formal.lookupSpecies(clock);
    if (!id)
      return protocolError("clock '" + clock + "' is not a species");
    p.clockLevel =
        numberAttr(formal.getSpecies(*id).attrs, "clock_on").value_or(1) *
        p.concScale;
    std::vector<ir::SpeciesId> triggers{*id};
    for (ir::SpeciesId s = 0; s < formal.speciesCount(); ++s) {
      const ir::Species &sp = formal.getSpecies(s);
      if (s != *id && sp.role == ir::SpeciesRole::Clock &&
          ir::findAttribute(sp.attrs, "phase") == phase)
        triggers.push_back(s);
    }
    for (ir::SpeciesId s : triggers) {
      const ir::Species &sp = formal.getSpecies(s);
      auto it = llvm::find(net.signals, sp.name);
      if (it == net.signals.end())
        return protocolError("trigger '" + sp.name +
                             "' is not a signal of the lab network");
      double level = numberAttr(sp.attrs, "clock_on").value_or(1);
      LabProtocol::Trigger t;
      t.signal = size_t(it - net.signals.begin());
      t.level = level * p.concScale;
      p.triggers[i].push_back(t);
    }
  }
  return p;
}

LabTrainer::LabTrainer(LabNetwork network, const train::ModelInterface &mi,
                       const LabProtocol &protocol,
                       const sim::SolverOptions &solver)
    : net(std::move(network)), mi(mi), proto(protocol), solver(solver),
      compiled(std::make_unique<sim::CompiledNetwork>(net.module)) {
  holders.resize(net.signals.size());
  for (size_t s = 0; s < net.holds.size(); ++s)
    for (SpeciesIndex f : net.holds[s])
      if (holders[f].empty() || holders[f].back() != s)
        holders[f].push_back(s);
}

/// Hybridisation of a trigger with its full complement (toehold-initiated,
/// every domain complementary): 1e6 /M/s, the fast end of strand
/// displacement (Zhang & Winfree 2009).
static constexpr double ComplementPerMolarSecond = 1e6;

void LabTrainer::addComplements(LabNetwork &net, LabProtocol &protocol) {
  double k = ComplementPerMolarSecond * concUnitInMolar(net.module.unit);
  for (auto &phase : protocol.triggers)
    for (LabProtocol::Trigger &t : phase) {
      ir::Species anti;
      anti.name = net.module.uniqueSpeciesName("anti_" + net.signals[t.signal]);
      anti.role = ir::SpeciesRole::Waste;
      ir::SpeciesId a = net.module.addSpecies(std::move(anti));
      net.holds.push_back({});
      t.complement = size_t(a);
      // Every copy of the trigger that holds nothing else: its free strand
      // and history variants, and the trigger bound reversibly to fuels.
      for (size_t s = 0; s + 1 < net.holds.size(); ++s) {
        if (net.holds[s] != Multiset{SpeciesIndex(t.signal)})
          continue;
        ir::Reaction r;
        r.reactants = {ir::Term{ir::SpeciesId(s), 1}, ir::Term{a, 1}};
        ir::normalizeTerms(r.reactants);
        r.rate = k;
        net.module.addReaction(std::move(r));
        ++net.reactions;
      }
    }
}

llvm::Expected<std::unique_ptr<LabTrainer>>
LabTrainer::create(LabNetwork net, const train::ModelInterface &mi,
                   const LabProtocol &protocol,
                   const sim::SolverOptions &solver) {
  LabProtocol withComplements = protocol;
  addComplements(net, withComplements);
  std::unique_ptr<LabTrainer> t(
      new LabTrainer(std::move(net), mi, withComplements, solver));
  auto sim = sim::OdeSimulator::create(*t->compiled, solver);
  if (!sim)
    return sim.takeError();
  t->trainSim = std::move(*sim);
  std::vector<double> y(t->compiled->initialState().begin(),
                        t->compiled->initialState().end());
  t->trainSim->setState(y, 0);
  return t;
}

double LabTrainer::value(llvm::ArrayRef<double> y, size_t signal) const {
  double sum = 0;
  for (size_t s : holders[signal])
    sum += multisetCount(net.holds[s], SpeciesIndex(signal)) * y[s];
  return sum / (proto.concScale * proto.amountFactor);
}

double LabTrainer::value(llvm::ArrayRef<double> y,
                         const train::SignalRef &s) const {
  return value(y, s.pos) - (s.neg ? value(y, *s.neg) : 0.0);
}

void LabTrainer::removeCopies(std::vector<double> &y,
                              llvm::ArrayRef<size_t> signals) const {
  for (size_t f : signals)
    for (size_t s : holders[f]) {
      double amount = y[s];
      if (amount == 0)
        continue;
      y[s] = 0;
      for (SpeciesIndex g : net.holds[s])
        if (!llvm::is_contained(signals, g) && net.injection[g])
          y[*net.injection[g]] += amount;
    }
}

llvm::Error LabTrainer::add(std::vector<double> &y, size_t signal,
                            double amount) const {
  if (amount == 0)
    return llvm::Error::success();
  if (!net.injection[signal])
    return protocolError("signal '" + net.signals[signal] +
                         "' has no free strand in the network to add");
  y[*net.injection[signal]] += amount * proto.concScale * proto.amountFactor;
  return llvm::Error::success();
}

llvm::Expected<std::vector<double>>
LabTrainer::presentation(llvm::ArrayRef<double> base, llvm::ArrayRef<double> x,
                         double target) const {
  std::vector<double> y(base.begin(), base.end());
  removeCopies(y, mi.transient);
  // As the model network resets them: a transient species that starts above
  // 0 (nonlinear_classifier's augmented states, 2 units) is added again.
  for (size_t s : mi.transient)
    if (llvm::Error e = add(y, s, mi.initialState[s]))
      return e;
  if (llvm::Error e = load(y, x, target, !proto.targetAtBackward, true))
    return e;
  return y;
}

llvm::Error LabTrainer::load(std::vector<double> &y, llvm::ArrayRef<double> x,
                             double target, bool targets, bool inputs) const {
  std::vector<double> t = mi.targetVector(target);
  for (const train::LoadSpec &l : mi.loads) {
    if (l.isTarget ? !targets : !inputs)
      continue;
    double v = l.scale * (l.isTarget ? (l.index < t.size() ? t[l.index] : 0)
                                     : (l.index < x.size() ? x[l.index] : 0));
    if (v < 0 && !l.signal.neg)
      return protocolError("feature " + llvm::Twine(l.index + 1) +
                           " is negative (" + formatNumber(v) +
                           ") but the model's inputs are non-negative");
    std::vector<size_t> rails{l.signal.pos};
    if (l.signal.neg)
      rails.push_back(*l.signal.neg);
    // A target added with phase 2 joins what phase 1 made of its signal.
    if (inputs)
      removeCopies(y, rails);
    if (llvm::Error e =
            add(y, v >= 0 ? l.signal.pos : *l.signal.neg, std::fabs(v)))
      return e;
  }
  return llvm::Error::success();
}

/// The species the model's targets are loaded into (both rails).
static std::vector<size_t> targetRails(const train::ModelInterface &mi) {
  std::vector<size_t> rails;
  for (const train::LoadSpec &l : mi.loads) {
    if (!l.isTarget)
      continue;
    rails.push_back(l.signal.pos);
    if (l.signal.neg)
      rails.push_back(*l.signal.neg);
  }
  return rails;
}

bool targetWaitsForUpdate(const ir::Module &model,
                          const train::ModelInterface &mi) {
  std::vector<size_t> rails = targetRails(mi);
  if (rails.empty())
    return false;
  auto isRail = [&](const ir::Term &t) {
    return llvm::is_contained(rails, size_t(t.species));
  };
  for (const ir::Reaction &r : model.allReactions()) {
    if (!llvm::any_of(r.reactants, isRail))
      continue;
    if (r.phase == mi.forward)
      return false;
    if (r.phase == ir::NoPhase && !llvm::all_of(r.reactants, isRail))
      return false;
  }
  return true;
}

bool targetWaitsForUpdate(const ir::Module &model) {
  llvm::Expected<train::ModelInterface> mi =
      train::ModelInterface::fromModule(model);
  if (!mi) {
    llvm::consumeError(mi.takeError());
    return false;
  }
  return targetWaitsForUpdate(model, *mi);
}

/// Integrates to `end`; when CVODE stops early (its non-negativity
/// constraint cannot be met from its step history, as with a trigger at
/// 1 % of the others' level), restarts it from the state it reached, with
/// that state clamped to non-negative, at most 3 times and only while it
/// advances.
llvm::Error integrateWithRestarts(sim::OdeSimulator &sim, double end) {
  llvm::Error e = sim.integrateTo(end);
  for (int restart = 0; e && restart < 3; ++restart) {
    double reached = sim.time();
    if (!(reached > 0) || reached >= end)
      return e;
    llvm::consumeError(std::move(e));
    std::vector<double> y(sim.state().begin(), sim.state().end());
    for (double &v : y)
      v = std::max(v, 0.0);
    sim.setState(y, reached);
    e = sim.integrateTo(end);
  }
  return e;
}

llvm::Error LabTrainer::runPhase(sim::OdeSimulator &sim, std::vector<double> y,
                                 size_t phase) const {
  if (llvm::Error e = startPhase(y, phase))
    return e;
  sim.setState(y, 0);
  return integrateWithRestarts(sim, proto.duration(phase));
}

llvm::Error LabTrainer::startPhase(std::vector<double> &y, size_t phase) const {
  std::vector<size_t> triggers;
  for (const std::vector<LabProtocol::Trigger> &ts : proto.triggers)
    for (const LabProtocol::Trigger &t : ts)
      triggers.push_back(t.signal);
  removeCopies(y, triggers);
  // CVODE keeps concentrations non-negative only up to its tolerance; a
  // restart needs them exactly so.
  for (double &v : y)
    v = std::max(v, 0.0);
  // A phase's triggers are switched off by their complements at 1 +
  // complementExcess times their level (the protocol's timeline): the
  // copies free now are taken at once, the excess left takes the copies
  // that gates in flight release later. The next addition of a trigger
  // first fills the complement left over.
  for (size_t p = 0; p < 2; ++p)
    for (const LabProtocol::Trigger &t : proto.triggers[p])
      if (t.complement)
        y[*t.complement] = p == phase ? 0.0
                                      : proto.complementExcess[p] * t.level *
                                            proto.amountFactor;
  for (const LabProtocol::Trigger &t : proto.triggers[phase])
    if (llvm::Error e = add(y, t.signal, t.level / proto.concScale))
      return e;
  return llvm::Error::success();
}

std::vector<double> LabTrainer::readOutputs(llvm::ArrayRef<double> y) const {
  std::vector<double> out;
  for (const train::SignalRef &o : mi.outputSignals)
    out.push_back(value(y, o));
  return out;
}

llvm::Expected<LabTrainer::SampleStart>
LabTrainer::startSample(llvm::ArrayRef<double> x, double target) const {
  auto sim = sim::OdeSimulator::create(*compiled, solver);
  if (!sim)
    return sim.takeError();
  auto y = presentation(trainSim->state(), x, target);
  if (!y)
    return y.takeError();
  return SampleStart{std::move(*sim), std::move(*y)};
}

llvm::Expected<train::SampleResult>
LabTrainer::trainSample(llvm::ArrayRef<double> x, double target) {
  auto y0 = presentation(trainSim->state(), x, target);
  if (!y0)
    return y0.takeError();
  if (llvm::Error e = runPhase(*trainSim, std::move(*y0), 0))
    return e;
  heldAtEnd[0] = clockHeld(trainSim->state(), 0);
  inputsAtEnd = inputsHeld(trainSim->state(), x);
  train::SampleResult r =
      train::scoreOutputs(mi, readOutputs(trainSim->state()), target);
  std::vector<double> y(trainSim->state().begin(), trainSim->state().end());
  if (proto.targetAtBackward)
    if (llvm::Error e = load(y, x, target, true, false))
      return e;
  if (llvm::Error e = runPhase(*trainSim, std::move(y), 1))
    return e;
  heldAtEnd[1] = clockHeld(trainSim->state(), 1);
  leakAtEnd = clockHeld(trainSim->state(), 0);
  outputsAfterUpdate = readOutputs(trainSim->state());
  return r;
}

std::vector<double> LabTrainer::inputsHeld(llvm::ArrayRef<double> y,
                                           llvm::ArrayRef<double> x) const {
  std::vector<double> shares;
  for (const train::LoadSpec &l : mi.loads) {
    if (l.isTarget || !llvm::is_contained(proto.inputs, l.signal.pos))
      continue;
    double added = l.scale * (l.index < x.size() ? x[l.index] : 0);
    shares.push_back(added == 0 ? 1 : value(y, l.signal) / added);
  }
  return shares;
}

double LabTrainer::clockHeld(llvm::ArrayRef<double> y, size_t phase) const {
  if (proto.triggers[phase].empty())
    return 1;
  const LabProtocol::Trigger &t = proto.triggers[phase].front();
  return value(y, t.signal) * proto.concScale / t.level;
}

llvm::Expected<train::Metrics> LabTrainer::evaluate(const train::Dataset &data,
                                                    unsigned threads) const {
  threads = unsigned(
      std::clamp<size_t>(threads, 1, std::max<size_t>(1, data.size())));
  std::vector<train::SampleResult> results(data.size());
  std::vector<std::string> errors(threads);
  auto work = [&](unsigned w) {
    auto sim = sim::OdeSimulator::create(*compiled, solver);
    if (!sim) {
      errors[w] = llvm::toString(sim.takeError());
      return;
    }
    for (size_t i = w; i < data.size() && errors[w].empty(); i += threads) {
      auto y0 = presentation(trainSim->state(), data.x[i], data.target[i]);
      llvm::Error e = y0 ? runPhase(**sim, std::move(*y0), 0) : y0.takeError();
      if (e) {
        errors[w] = llvm::toString(std::move(e));
        return;
      }
      results[i] =
          train::scoreOutputs(mi, readOutputs((*sim)->state()), data.target[i]);
    }
  };
  runOnThreads(threads, work);
  for (const std::string &e : errors)
    if (!e.empty())
      return protocolError(e);
  return train::summarize(results);
}

std::vector<double> LabTrainer::weightValues() const {
  std::vector<double> w;
  for (const train::SignalRef &s : mi.weights)
    w.push_back(value(trainSim->state(), s));
  return w;
}

std::pair<double, std::string> LabTrainer::lowestFuel() const {
  std::pair<double, std::string> worst{1.0, ""};
  for (size_t f : net.fuels) {
    double level = net.module.getSpecies(ir::SpeciesId(f)).initial;
    if (level <= 0)
      continue;
    double left = trainSim->state()[f] / level;
    if (left < worst.first)
      worst = {left, net.module.getSpecies(ir::SpeciesId(f)).name};
  }
  return worst;
}

static double largestDifference(llvm::ArrayRef<double> a,
                                llvm::ArrayRef<double> b) {
  double worst = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    worst = std::max(worst, std::fabs(a[i] - b[i]));
  return worst;
}

static FirstSample firstSample(const train::SampleResult &model,
                               const train::SampleResult &lab, double target,
                               const std::vector<double> &before,
                               const std::vector<double> &modelAfter,
                               const std::vector<double> &labBefore,
                               const std::vector<double> &labAfter) {
  FirstSample f;
  f.modelOutputs = model.outputs;
  f.labOutputs = lab.outputs;
  f.target = target;
  f.weightsBefore = before;
  for (size_t w = 0; w < before.size(); ++w) {
    f.modelChanges.push_back(modelAfter[w] - before[w]);
    f.labChanges.push_back(labAfter[w] - labBefore[w]);
  }
  return f;
}

/// One epoch of both networks on the same rows (step 1 of runLabTraining).
static llvm::Error runEpoch(train::ChemicalTrainer &model, LabTrainer &lab,
                            const train::Dataset &rows, const LabLoopOptions &o,
                            unsigned epoch, size_t &done,
                            LabTrainingResult &result) {
  LevelEpoch rec;
  rec.epoch = epoch + 1;
  std::vector<train::SampleResult> modelResults, labResults;
  size_t total = size_t(o.epochs) * rows.size();
  for (size_t i : train::presentationOrder(rows.size(), o.seed, epoch)) {
    std::vector<double> before = model.weightValues();
    std::vector<double> labBefore = lab.weightValues();
    auto start = std::chrono::steady_clock::now();
    auto m = model.trainSample(rows.x[i], rows.target[i]);
    if (!m)
      return m.takeError();
    auto mid = std::chrono::steady_clock::now();
    auto l = lab.trainSample(rows.x[i], rows.target[i]);
    if (!l)
      return l.takeError();
    auto end = std::chrono::steady_clock::now();
    result.modelSecondsPerSample +=
        std::chrono::duration<double>(mid - start).count();
    rec.seconds += std::chrono::duration<double>(end - mid).count();
    if (!result.first) {
      result.first =
          firstSample(*m, *l, rows.target[i], before, model.weightValues(),
                      labBefore, lab.weightValues());
      result.first->triggerHeld = {lab.triggerHeld(0), lab.triggerHeld(1)};
      result.first->triggerLeak = lab.triggerLeak();
      result.first->inputsHeld = lab.inputsHeldAtPhase1End();
      result.first->labOutputsAfterPhase2 = lab.outputsAfterPhase2();
    }
    modelResults.push_back(std::move(*m));
    labResults.push_back(std::move(*l));
    result.maxWeightDifference =
        std::max(result.maxWeightDifference,
                 largestDifference(lab.weightValues(), model.weightValues()));
    if (o.progress)
      o.progress(++done, total);
  }
  rec.model = train::summarize(modelResults);
  rec.lab = train::summarize(labResults);
  result.labSecondsPerSample += rec.seconds;
  result.epochs.push_back(rec);
  return llvm::Error::success();
}

/// Both networks on `rows` from their current state (no rows: nothing).
static llvm::Error evaluateBoth(train::ChemicalTrainer &model, LabTrainer &lab,
                                const train::Dataset &rows, unsigned threads,
                                train::Metrics &modelOut,
                                train::Metrics &labOut) {
  if (rows.size() == 0)
    return llvm::Error::success();
  auto m = model.evaluate(rows, threads);
  if (!m)
    return m.takeError();
  auto l = lab.evaluate(rows, threads);
  if (!l)
    return l.takeError();
  modelOut = *m;
  labOut = *l;
  return llvm::Error::success();
}

llvm::Expected<LabTrainingResult>
runLabTraining(train::ChemicalTrainer &model, LabTrainer &lab,
               const train::PreparedData &data, const LabLoopOptions &o) {
  LabTrainingResult result;
  result.maxWeightDifference =
      largestDifference(lab.weightValues(), model.weightValues());
  size_t done = 0;
  // 1. Epochs: both networks, same rows, same order; then the validation
  //    rows on both.
  for (unsigned epoch = 0; epoch < o.epochs; ++epoch) {
    if (llvm::Error e =
            runEpoch(model, lab, data.train, o, epoch, done, result))
      return e;
    LevelEpoch &rec = result.epochs.back();
    if (llvm::Error e = evaluateBoth(model, lab, data.validation, o.threads,
                                     rec.modelValidation, rec.labValidation))
      return e;
    result.modelValidation = rec.modelValidation;
    result.labValidation = rec.labValidation;
  }
  if (done) {
    result.labSecondsPerSample /= double(done);
    result.modelSecondsPerSample /= double(done);
  }
  // 2. The test rows on both.
  if (llvm::Error e = evaluateBoth(model, lab, data.test, o.threads,
                                   result.modelTest, result.labTest))
    return e;
  result.modelWeights = model.weightValues();
  result.labWeights = lab.weightValues();
  std::tie(result.lowestFuelFraction, result.lowestFuelName) = lab.lowestFuel();
  return result;
}

} // namespace crnc::verify
