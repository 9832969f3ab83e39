//===- ModelInterface.cpp - what the trainer reads from a model -----------===//
//
// Groups rail species into signals and collects the load, transient, output
// and weight annotations of a lowered learning network.
//
//===----------------------------------------------------------------------===//

#include "lib/train/ModelInterface.h"
#include "llvm/ADT/StringMap.h"

using namespace crnc;
using namespace crnc::train;
namespace model = crnc::ir::model;

bool SignalRef::store(std::vector<double> &state, double v) const {
  if (!neg) {
    if (v < 0)
      return false;
    state[pos] = v;
    return true;
  }
  state[pos] = v > 0 ? v : 0;
  state[*neg] = v < 0 ? -v : 0;
  return true;
}

static llvm::Error missing(llvm::StringRef what) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "the module is not a learning network: %s",
                                 what.str().c_str());
}

/// Groups species by their `signal` attribute, in declaration order.
static std::vector<SignalRef> collectSignals(const ir::Module &m,
                                             llvm::StringMap<size_t> &index) {
  std::vector<SignalRef> signals;
  for (size_t i = 0; i < m.speciesCount(); ++i) {
    const ir::Species &s = m.getSpecies(ir::SpeciesId(i));
    std::optional<std::string> name = model::get(s.attrs, model::Signal);
    if (!name)
      continue;
    auto [it, added] = index.try_emplace(*name, signals.size());
    if (added) {
      signals.push_back(SignalRef{*name, i, std::nullopt});
      continue;
    }
    if (model::get(s.attrs, model::SignalRail) == model::Rail::Negative)
      signals[it->second].neg = i;
    else
      signals[it->second].pos = i;
  }
  return signals;
}

static llvm::Error readLoad(const ir::Species &s, const SignalRef &sig,
                            ModelInterface &mi) {
  if (!ir::findAttribute(s.attrs, model::SampleLoad.name))
    return llvm::Error::success();
  std::optional<model::Load> load = model::get(s.attrs, model::SampleLoad);
  if (!load)
    return missing("bad load attribute on '" + sig.name + "'");
  LoadSpec spec;
  spec.signal = sig;
  spec.isTarget = load->isTarget;
  spec.index = size_t(load->index);
  spec.scale = model::get(s.attrs, model::LoadScale).value_or(1);
  if (!spec.isTarget && spec.index < mi.inputSigned.size() && sig.neg)
    mi.inputSigned[spec.index] = true;
  mi.loads.push_back(spec);
  return llvm::Error::success();
}

llvm::Expected<ModelInterface> ModelInterface::fromModule(const ir::Module &m) {
  ModelInterface mi;
  std::optional<llvm::StringRef> kindText =
      ir::findAttribute(m.attrs, model::ModelKind.name);
  if (!kindText)
    return missing("no 'model_kind' attribute");
  std::optional<model::Kind> kind = model::parseKind(*kindText);
  if (!kind)
    return missing("unknown model kind '" + kindText->str() + "'");
  mi.kind = *kind;
  mi.name = model::get(m.attrs, model::ModelName).value_or("");
  mi.task = model::get(m.attrs, model::ModelTask).value_or(Task::Regression);
  mi.inputs = model::get(m.attrs, model::Inputs).value_or(0);
  mi.outputs = model::get(m.attrs, model::Outputs).value_or(0);
  mi.classes = mi.task == Task::Regression
                   ? 0
                   : model::get(m.attrs, model::Classes).value_or(0);
  mi.horizon = model::get(m.attrs, model::Horizon).value_or(1);
  std::optional<ir::PhaseId> fwd = m.lookupPhase(model::ForwardPhase);
  std::optional<ir::PhaseId> bwd = m.lookupPhase(model::BackwardPhase);
  if (!fwd || !bwd || mi.inputs == 0 || mi.outputs == 0)
    return missing("phases 'forward'/'backward' or the dimensions are missing");
  mi.forward = *fwd;
  mi.backward = *bwd;
  mi.inputSigned.assign(mi.inputs, false);
  mi.outputSignals.resize(mi.outputs);
  llvm::StringMap<size_t> index;
  std::vector<SignalRef> signals = collectSignals(m, index);
  for (const SignalRef &sig : signals) {
    const ir::Species &s = m.getSpecies(ir::SpeciesId(sig.pos));
    if (llvm::Error e = readLoad(s, sig, mi))
      return e;
    if (model::get(s.attrs, model::Transient).value_or(false)) {
      mi.transient.push_back(sig.pos);
      if (sig.neg)
        mi.transient.push_back(*sig.neg);
    }
    if (ir::findAttribute(s.attrs, model::Output.name)) {
      std::optional<uint64_t> k = model::get(s.attrs, model::Output);
      if (!k || *k >= mi.outputs)
        return missing("bad output attribute on '" + sig.name + "'");
      mi.outputSignals[*k] = sig;
    }
    if (s.role == ir::SpeciesRole::Weight) {
      mi.weights.push_back(sig);
      mi.weightSlots.push_back(model::get(s.attrs, model::Slot));
    }
    if (s.role == ir::SpeciesRole::Gradient)
      mi.gradients.push_back(sig);
  }
  for (const SignalRef &o : mi.outputSignals)
    if (o.name.empty())
      return missing("an output index has no species");
  for (const ir::Species &s : m.allSpecies())
    mi.initialState.push_back(s.initial);
  return mi;
}

std::vector<double> ModelInterface::targetVector(double target) const {
  if (task != Task::Multiclass)
    return {target};
  std::vector<double> t(outputs, 0.0);
  size_t k = size_t(target);
  if (k < outputs)
    t[k] = 1;
  return t;
}

size_t ModelInterface::predictedClass(llvm::ArrayRef<double> out) const {
  if (task == Task::Binary)
    return out[0] >= 0.5 ? 1 : 0;
  size_t best = 0;
  for (size_t k = 1; k < out.size(); ++k)
    if (out[k] > out[best])
      best = k;
  return best;
}
