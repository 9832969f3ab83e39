//===- Cardelli2013.cpp - two-domain n x m join/fork gates ----------------===//
//
// Cardelli, "Two-domain DNA strand displacement", Mathematical Structures
// in Computer Science 23:247-271 (2013): n x m gates for n reactants and m
// products, here without garbage collection. A signal is `t x` (the one
// toehold shared by every species, a long domain). The join gate takes the
// reactants and, when a trigger strand `t a` completes it, releases an `a`
// strand that opens the fork gate, which releases the products; `x t`
// strands in excess make each step reversible.
//
// A buffer module of map-rates (X + LS <=> HS + BS, LS marked buffer_of) is
// one reversible step here, not a join and a fork each way: LS is the gate
// `x( t'( + ) ) t*` (the first step of a join, with a toehold t' that only
// buffers use), BS the strand `x t'` it releases, HS the gate holding X. X
// binds t* and displaces BS; BS binds t' and displaces X (the BS of another
// species binds t' by its toehold alone). The two directions are
// mirror images (same toehold length, same branch migration), so the gate
// holds X by [LS] / [BS]; the gate is put at LS kf / kr, which holds X by the
// fraction the formal buffer does (kf [LS] / (kr [BS])). Its strands are in
// no other gate, so it reacts with nothing but X and BS.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/Schemes.h"
#include "ir/LoweringAttributes.h"
#include <algorithm>
#include <optional>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The domains of one signal: toehold and long domain.
struct Signal {
  DomainRef t, x;
};

/// A buffer module X + LS <=> HS + BS of map-rates.
struct Buffer {
  ir::SpeciesId x, ls, hs, bs;
  double gateLevel; ///< [LS] kf / kr: the gate's concentration
};
} // namespace

/// The buffer modules of `module`: reversible reactions with a reactant
/// marked buffer_of (LS); the other reactant is X, the constant product BS.
static std::vector<Buffer> findBuffers(const ir::Module &module) {
  std::vector<Buffer> buffers;
  for (const ir::Reaction &r : module.allReactions()) {
    if (!r.isReversible() || r.reactants.size() != 2 || r.products.size() != 2)
      continue;
    auto marked = [&](const ir::Term &t) {
      return bool(ir::lowering::get(module.getSpecies(t.species).attrs,
                                    ir::lowering::BufferOf));
    };
    auto ls = std::find_if(r.reactants.begin(), r.reactants.end(), marked);
    if (ls == r.reactants.end())
      continue;
    Buffer b;
    b.ls = ls->species;
    b.x = r.reactants[ls == r.reactants.begin() ? 1 : 0].species;
    bool firstConstant = module.getSpecies(r.products[0].species).constant;
    b.bs = r.products[firstConstant ? 0 : 1].species;
    b.hs = r.products[firstConstant ? 1 : 0].species;
    b.gateLevel =
        module.getSpecies(b.ls).initial * r.rate / r.reverseRate.value_or(1);
    buffers.push_back(b);
  }
  return buffers;
}

static const Buffer *bufferWith(const std::vector<Buffer> &buffers,
                                const std::vector<ir::SpeciesId> &species,
                                ir::SpeciesId Buffer::*role) {
  for (const Buffer &b : buffers)
    if (std::count(species.begin(), species.end(), b.*role))
      return &b;
  return nullptr;
}

/// Join: strands x_i t, then a t and a, on a* t* a* (t* x_i*)* t*.
static Complex joinGate(DomainRef t, DomainRef a,
                        const std::vector<Signal> &in) {
  ComplexSketch gate;
  for (const Signal &r : in)
    gate.paired(r.x).paired(t).split();
  gate.paired(a).paired(t).split().paired(a).split();
  gate.close(~a).close(~t).close(~a);
  for (size_t k = in.size(); k-- > 0;)
    gate.close(~t).close(~in[k].x);
  gate.unpaired(~t);
  return gate.build();
}

/// Fork: x_1, the products t x_j (last first) and t a, on
/// t* a* t* (x_j* t*)* x_1*, with the toehold t* at the 5' end.
static Complex forkGate(DomainRef t, DomainRef a, DomainRef firstInput,
                        const std::vector<Signal> &out) {
  ComplexSketch gate;
  gate.paired(firstInput).split();
  for (size_t k = out.size(); k-- > 0;)
    gate.paired(t).paired(out[k].x).split();
  gate.paired(t).paired(a).split();
  gate.unpaired(~t).close(~a).close(~t);
  for (const Signal &p : out)
    gate.close(~p.x).close(~t);
  gate.close(~firstInput);
  return gate.build();
}

/// Buffer gate LS: strand x t' on t'* x* t*, the toehold t* open.
static Complex bufferGate(DomainRef t, DomainRef own, DomainRef x) {
  ComplexSketch gate;
  gate.paired(x).paired(own).split();
  gate.close(~own).close(~x);
  gate.unpaired(~t);
  return gate.build();
}

/// The signal `t x` of every species except the gate fuels and the buffers'
/// LS and HS (a gate and what it becomes); BS is `x t'` with X's long
/// domain and the buffers' toehold t' (`bufferToehold`, made for the first).
static std::vector<Signal>
makeSignals(SchemeBuilder &builder, DomainRef t,
            const std::vector<Buffer> &buffers,
            std::optional<DomainRef> &bufferToehold) {
  const ir::Module &m = builder.module();
  std::vector<Signal> signals(m.speciesCount());
  std::vector<bool> skip(m.speciesCount(), false);
  for (const Buffer &b : buffers)
    skip[b.ls] = skip[b.hs] = skip[b.bs] = true;
  for (ir::SpeciesId id = 0; id < m.speciesCount(); ++id) {
    if (builder.isGateFuel(id) || skip[id])
      continue;
    signals[id] = Signal{t, builder.longDomain()};
    builder.addSignal(id, singleStrand({t, signals[id].x}));
  }
  for (const Buffer &b : buffers) {
    if (!bufferToehold)
      bufferToehold = builder.toehold();
    builder.addSignal(b.bs, singleStrand({signals[b.x].x, *bufferToehold}));
  }
  return signals;
}

LogicalResult crnc::dsd::buildCardelli2013(SchemeBuilder &builder) {
  DomainRef t = builder.toehold();
  std::vector<Buffer> buffers = findBuffers(builder.module());
  std::optional<DomainRef> bufferToehold;
  std::vector<Signal> signals = makeSignals(builder, t, buffers, bufferToehold);
  for (const Step &step : builder.steps(/*keepReversible=*/false)) {
    if (bufferWith(buffers, step.reactants, &Buffer::hs))
      continue; // the backward direction of a buffer: its forward gate
    if (const Buffer *b = bufferWith(buffers, step.reactants, &Buffer::ls)) {
      Step both = step;
      both.reversible = true; // one gate, both directions (not calibrated)
      both.equation.replace(both.equation.find(" -> "), 4, " <=> ");
      both.gateFuelLevel = b->gateLevel;
      builder.beginModule(both);
      builder.fuel(bufferGate(t, *bufferToehold, signals[b->x].x));
      continue;
    }
    builder.beginModule(step);
    std::vector<Signal> in = signalsOf(signals, step.reactants);
    std::vector<Signal> out = signalsOf(signals, step.products);
    if (in.empty()) {
      // -> X: a signal-shaped fuel stands in for the missing reactant.
      Signal source{t, builder.longDomain()};
      builder.fuel(singleStrand({source.t, source.x}));
      in.push_back(source);
    }
    DomainRef a = builder.longDomain();
    builder.fuel(joinGate(t, a, in));
    builder.fuel(singleStrand({t, a}));
    builder.fuel(forkGate(t, a, in[0].x, out));
    for (size_t k = out.size(); k-- > 0;)
      builder.fuel(singleStrand({out[k].x, t}));
    for (const Signal &r : in)
      builder.fuel(singleStrand({r.x, t}));
  }
  return success();
}
