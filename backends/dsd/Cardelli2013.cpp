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
// one reversible toehold-exchange gate here, not a join and a fork each way
// (BufferGate.h): LS = `x( t'( + ) ) t*`, BS = `x t'`.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferGate.h"
#include "backends/dsd/Schemes.h"

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The domains of one signal: toehold and long domain.
struct Signal {
  DomainRef t, x;
};
} // namespace

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

LogicalResult crnc::dsd::buildCardelli2013(SchemeBuilder &builder) {
  DomainRef t = builder.toehold();
  BufferGates buffers(builder);
  // LS, HS and BS are the buffer gate's (BufferGates::addSignals gives BS
  // its strand).
  auto signals = buildSignals<Signal>(
      builder,
      [&] {
        return Signal{t, builder.longDomain()};
      },
      [](const Signal &s) {
        return std::vector<DomainRef>{s.t, s.x};
      },
      [&](ir::SpeciesId id) { return buffers.isBufferSpecies(id); });
  auto entryOf = [&](ir::SpeciesId x) { return BufferEntry{t, signals[x].x}; };
  buffers.addSignals(entryOf);
  for (const Step &step : buffers.merged(builder.steps(false))) {
    if (buffers.build(step, entryOf))
      continue;
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
