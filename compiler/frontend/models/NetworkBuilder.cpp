//===- NetworkBuilder.cpp - signed chemistry emitted as dual-rail ---------===//
//
// Exact dual-rail expansion of catalytic, square-decay and relaxation
// reactions (the constructions of Nagipogu & Reif, arXiv 2409.00034, for
// signed Neural CRN quantities).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/NetworkBuilder.h"
#include "lib/support/Format.h"
#include <cassert>

using namespace crnc;
using namespace crnc::frontend;

NetworkBuilder::NetworkBuilder(ir::Module &module, DiagnosticEngine &diags,
                               Location loc)
    : m(module), diags(diags), loc(loc) {}

ir::SpeciesId NetworkBuilder::addRail(llvm::StringRef name,
                                      ir::SpeciesRole role, double initial) {
  if (m.lookupSpecies(name)) {
    if (!clash)
      diags.error(loc, "model species '" + name +
                           "' clashes with a species declared before");
    clash = true;
    return *m.lookupSpecies(name);
  }
  ir::Species s;
  s.name = name.str();
  s.role = role;
  s.initial = initial;
  s.loc = loc;
  return m.addSpecies(std::move(s));
}

SignalId NetworkBuilder::addSignal(llvm::StringRef name, ir::SpeciesRole role,
                                   bool isSigned, double initial) {
  Signal sig;
  sig.name = name.str();
  sig.isSigned = isSigned;
  if (!isSigned) {
    assert(initial >= 0 && "unsigned signal with a negative value");
    sig.pos = addRail(name, role, initial);
  } else {
    sig.pos = addRail((name + "_p").str(), role, initial > 0 ? initial : 0);
    sig.neg = addRail((name + "_n").str(), role, initial < 0 ? -initial : 0);
  }
  SignalId id = signals.size();
  signals.push_back(sig);
  setAttr(id, ir::model::Signal, name.str());
  if (isSigned) {
    ir::model::set(m.getSpecies(sig.pos).attrs, ir::model::SignalRail,
                   ir::model::Rail::Positive);
    ir::model::set(m.getSpecies(sig.neg).attrs, ir::model::SignalRail,
                   ir::model::Rail::Negative);
  }
  return id;
}

void NetworkBuilder::setAttrText(SignalId id, llvm::StringRef key,
                                 llvm::StringRef value) {
  const Signal &sig = signals[id];
  ir::setAttribute(m.getSpecies(sig.pos).attrs, key, value);
  if (sig.isSigned)
    ir::setAttribute(m.getSpecies(sig.neg).attrs, key, value);
}

void NetworkBuilder::setLoad(SignalId id, const ir::model::Load &load,
                             double scale) {
  setAttr(id, ir::model::SampleLoad, load);
  if (scale != 1)
    setAttr(id, ir::model::LoadScale, scale);
  setTransient(id);
}

ir::SpeciesId NetworkBuilder::railFor(SignalId id, int sign) const {
  const Signal &sig = signals[id];
  assert((sig.isSigned || sign > 0) &&
         "negative contribution to an unsigned signal");
  return sign > 0 ? sig.pos : sig.neg;
}

void NetworkBuilder::emit(ir::TermList reactants, ir::TermList products,
                          double rate, ir::PhaseId phase) {
  ir::normalizeTerms(reactants);
  ir::normalizeTerms(products);
  ir::Reaction r;
  r.reactants = std::move(reactants);
  r.products = std::move(products);
  r.rate = rate;
  r.phase = phase;
  r.loc = loc;
  m.addReaction(std::move(r));
}

/// 1. Enumerate the rails of each catalyst (one for unsigned, two for signed).
/// 2. The combination's sign is the product of the rails' signs.
/// 3. Each product receives the flux on the rail of (combination * term) sign.
void NetworkBuilder::catalytic(llvm::ArrayRef<SignalId> catalysts,
                               llvm::ArrayRef<SignedTerm> products, double rate,
                               ir::PhaseId phase) {
  assert(catalysts.size() <= 2 && "at most bimolecular");
  ++abstractReactions;
  unsigned combos = 1;
  for (SignalId c : catalysts)
    combos *= signals[c].isSigned ? 2 : 1;
  for (unsigned mask = 0; mask < combos; ++mask) {
    ir::TermList reactants;
    int sign = 1;
    unsigned bit = 0;
    for (SignalId c : catalysts) {
      bool negRail = signals[c].isSigned && (mask >> bit++ & 1);
      sign *= negRail ? -1 : 1;
      reactants.push_back({negRail ? signals[c].neg : signals[c].pos, 1});
    }
    ir::TermList out = reactants;
    for (const SignedTerm &p : products)
      out.push_back({railFor(p.signal, sign * p.sign), 1});
    emit(reactants, out, rate, phase);
  }
}

void NetworkBuilder::squareDecay(SignalId z, llvm::ArrayRef<SignedTerm> obs,
                                 double rate, ir::PhaseId phase) {
  ++abstractReactions;
  const Signal &sig = signals[z];
  auto observers = [&](int sign, ir::TermList terms) {
    for (const SignedTerm &o : obs)
      terms.push_back({railFor(o.signal, sign * o.sign), 1});
    return terms;
  };
  // z^2 = p^2 + n^2 - 2pn;  dz/dt -= rate * z^2.
  emit({{sig.pos, 2}}, observers(1, {{sig.pos, 1}}), rate, phase);
  if (!sig.isSigned)
    return;
  emit({{sig.neg, 2}}, observers(1, {{sig.neg, 3}}), rate, phase);
  emit({{sig.pos, 1}, {sig.neg, 1}},
       observers(-1, {{sig.pos, 2}, {sig.neg, 1}}), 2 * rate, phase);
}

void NetworkBuilder::relax(SignalId z, SignalId r, double rate,
                           ir::PhaseId phase) {
  ++abstractReactions;
  const Signal &sz = signals[z];
  const Signal &sr = signals[r];
  assert(!sr.isSigned && "relax expects an unsigned relaxing signal");
  emit({{sz.pos, 1}, {sr.pos, 1}}, {{sz.pos, 1}}, rate, phase);
  if (sz.isSigned)
    emit({{sz.neg, 1}, {sr.pos, 1}}, {{sz.neg, 1}, {sr.pos, 2}}, rate, phase);
}

void NetworkBuilder::growth(SignalId gain, SignalId w, int sign, double rate,
                            ir::PhaseId phase) {
  ++abstractReactions;
  const Signal &sg = signals[gain];
  ir::SpeciesId ws = signals[w].pos;
  assert(!signals[w].isSigned && "growth of a signed signal");
  auto emitRail = [&](ir::SpeciesId g, int s) {
    if (s > 0)
      emit({{g, 1}, {ws, 1}}, {{g, 1}, {ws, 2}}, rate, phase);
    else
      emit({{g, 1}, {ws, 1}}, {{g, 1}}, rate, phase);
  };
  emitRail(sg.pos, sign);
  if (sg.isSigned)
    emitRail(sg.neg, -sign);
}

void NetworkBuilder::annihilateSignedSignals(double rate) {
  for (const Signal &sig : signals)
    if (sig.isSigned)
      emit({{sig.pos, 1}, {sig.neg, 1}}, {}, rate, ir::NoPhase);
}

void NetworkBuilder::finish() {
  ir::model::set(m.attrs, ir::model::AbstractSpecies,
                 uint64_t(abstractSpeciesCount()));
  ir::model::set(m.attrs, ir::model::AbstractReactions,
                 uint64_t(abstractReactionCount()));
}

std::pair<ir::PhaseId, ir::PhaseId> frontend::addLearningPhases(ir::Module &m,
                                                                Location loc) {
  auto get = [&](llvm::StringRef name) {
    if (std::optional<ir::PhaseId> id = m.lookupPhase(name))
      return *id;
    ir::Phase p;
    p.name = name.str();
    p.loc = loc;
    return m.addPhase(std::move(p));
  };
  ir::PhaseId fwd = get(ir::model::ForwardPhase);
  return {fwd, get(ir::model::BackwardPhase)};
}

std::vector<double> frontend::seededWeights(uint64_t seed, size_t count,
                                            double scale) {
  std::vector<double> w(count);
  uint64_t state = seed;
  for (double &v : w) {
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    double u = double(z >> 11) * 0x1.0p-53; // [0, 1)
    v = scale * (2 * u - 1);
  }
  return w;
}
