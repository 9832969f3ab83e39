//===- ModelInterface.cpp - what the trainer reads from a model -----------===//
//
// Groups rail species into signals and collects the load, transient, output
// and weight annotations of a lowered learning network.
//
//===----------------------------------------------------------------------===//

#include "lib/train/ModelInterface.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringMap.h"

using namespace crnc;
using namespace crnc::train;

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

llvm::StringRef train::taskName(Task task) {
  switch (task) {
  case Task::Regression:
    return "regression";
  case Task::Binary:
    return "binary";
  case Task::Multiclass:
    return "multiclass";
  }
  return "regression";
}

static llvm::Error missing(llvm::StringRef what) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "the module is not a learning network: %s",
                                 what.str().c_str());
}

static size_t attrCount(const ir::Module &m, llvm::StringRef key) {
  std::optional<llvm::StringRef> v = ir::findAttribute(m.attrs, key);
  unsigned long long n = 0;
  if (!v || llvm::getAsUnsignedInteger(*v, 10, n))
    return 0;
  return size_t(n);
}

/// Groups species by their `signal` attribute, in declaration order.
static std::vector<SignalRef> collectSignals(const ir::Module &m,
                                             llvm::StringMap<size_t> &index) {
  std::vector<SignalRef> signals;
  for (size_t i = 0; i < m.speciesCount(); ++i) {
    const ir::Species &s = m.getSpecies(ir::SpeciesId(i));
    std::optional<llvm::StringRef> name = ir::findAttribute(s.attrs, "signal");
    if (!name)
      continue;
    auto [it, added] = index.try_emplace(*name, signals.size());
    if (added) {
      signals.push_back(SignalRef{name->str(), i, std::nullopt});
      continue;
    }
    if (ir::findAttribute(s.attrs, "rail") == llvm::StringRef("n"))
      signals[it->second].neg = i;
    else
      signals[it->second].pos = i;
  }
  return signals;
}

static llvm::Error readLoad(const ir::Species &s, const SignalRef &sig,
                            ModelInterface &mi) {
  std::optional<llvm::StringRef> load = ir::findAttribute(s.attrs, "load");
  if (!load)
    return llvm::Error::success();
  auto [what, idx] = load->split(':');
  LoadSpec spec;
  spec.signal = sig;
  spec.isTarget = what == "target";
  unsigned long long i = 0;
  if ((what != "x" && what != "target") ||
      llvm::getAsUnsignedInteger(idx, 10, i))
    return missing("bad load attribute '" + load->str() + "'");
  spec.index = size_t(i);
  if (auto scale = ir::findAttribute(s.attrs, "load_scale"))
    spec.scale = parseNumber(*scale).value_or(1);
  if (!spec.isTarget && spec.index < mi.inputSigned.size() && sig.neg)
    mi.inputSigned[spec.index] = true;
  mi.loads.push_back(spec);
  return llvm::Error::success();
}

llvm::Expected<ModelInterface> ModelInterface::fromModule(const ir::Module &m) {
  ModelInterface mi;
  mi.kind = ir::findAttribute(m.attrs, "model_kind").value_or("").str();
  if (mi.kind.empty())
    return missing("no 'model_kind' attribute");
  mi.name = ir::findAttribute(m.attrs, "model_name").value_or("").str();
  llvm::StringRef task = ir::findAttribute(m.attrs, "task").value_or("");
  mi.task = task == "binary"       ? Task::Binary
            : task == "multiclass" ? Task::Multiclass
                                   : Task::Regression;
  mi.inputs = attrCount(m, "inputs");
  mi.outputs = attrCount(m, "outputs");
  mi.classes = mi.task == Task::Regression ? 0 : attrCount(m, "classes");
  mi.horizon = parseNumber(ir::findAttribute(m.attrs, "horizon").value_or(""))
                   .value_or(1);
  std::optional<ir::PhaseId> fwd = m.lookupPhase("forward");
  std::optional<ir::PhaseId> bwd = m.lookupPhase("backward");
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
    if (ir::findAttribute(s.attrs, "transient")) {
      mi.transient.push_back(sig.pos);
      if (sig.neg)
        mi.transient.push_back(*sig.neg);
    }
    if (auto out = ir::findAttribute(s.attrs, "output")) {
      unsigned long long k = 0;
      if (llvm::getAsUnsignedInteger(*out, 10, k) || k >= mi.outputs)
        return missing("bad output attribute on '" + sig.name + "'");
      mi.outputSignals[k] = sig;
    }
    if (s.role == ir::SpeciesRole::Weight)
      mi.weights.push_back(sig);
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
