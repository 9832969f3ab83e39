//===- Qian2011.cpp - three-domain gates with an irreversible step --------===//
//
// Qian, Soloveichik & Winfree, "Efficient Turing-universal computation with
// DNA polymers", DNA 16, LNCS 6518 (2011), Figures 1 and 2, in the corrected
// variant: the irreversible gate gains a step after all reactants are bound
// (a fuel strand t f g displaces a lone f strand) before any product is
// released, which makes it correct under both CRN bisimulation and pathway
// decomposition. A signal is `x t y` (a species' own long domain, the one
// toehold shared by every species, a recognition domain). Reversible
// reactions use the two-gate construction of Figure 2.
//
// A buffer module of map-rates (X + LS <=> HS + BS, LS marked buffer_of) is
// one toehold-exchange gate (BufferGate.h): LS = `y( o( + ) ) t*` on
// X = `x t y`, with a toehold o that only buffers use, BS = `y o`. Built as
// Figure 2's gate pair, its intermediates hold X as well (HS, the gate
// with X bound, and the pair's shared intermediate: 3.0 for the 0.98 the
// buffer of bimolecular_cascade asks), so the design ran about twice
// slower than map-rates' time scale where X is buffered.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferGate.h"
#include "backends/dsd/Schemes.h"

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The domains of one signal: history (fixed per species), toehold, recog.
struct Signal {
  DomainRef hist, th, recog;
};
} // namespace

/// Appends the bottom-strand complements of `list` in reverse order, each
/// signal contributing (second*, first*) as chosen by `pick`.
template <typename Pick>
static void closeReversed(ComplexSketch &gate, const std::vector<Signal> &list,
                          Pick pick) {
  for (size_t k = list.size(); k-- > 0;) {
    auto [first, second] = pick(list[k]);
    gate.close(~second).close(~first);
  }
}

/// The irreversible gate of the corrected Figure 1.
static Complex forwardGate(DomainRef t, DomainRef f, DomainRef g,
                           const std::vector<Signal> &in,
                           const std::vector<Signal> &out) {
  ComplexSketch gate;
  for (const Signal &r : in)
    gate.paired(r.recog).paired(t).split();
  gate.paired(f).split().paired(g).paired(t).split();
  for (const Signal &p : out)
    gate.paired(p.hist).paired(t).unpaired(p.recog).split();
  gate.paired(f).split().close(~f);
  closeReversed(gate, out,
                [](const Signal &s) { return std::make_pair(s.hist, s.th); });
  gate.close(~t).close(~g).close(~f);
  closeReversed(gate, in,
                [](const Signal &s) { return std::make_pair(s.recog, s.th); });
  gate.unpaired(~t);
  return gate.build();
}

/// Figure 2, first gate: reactant pieces and products bound, toehold at 3'.
static Complex reversibleGate(DomainRef t, const std::vector<Signal> &in,
                              const std::vector<Signal> &out) {
  ComplexSketch gate;
  for (const Signal &r : in)
    gate.paired(r.recog).paired(t).split();
  for (const Signal &p : out)
    gate.paired(p.hist).paired(t).unpaired(p.recog).split();
  closeReversed(gate, out,
                [](const Signal &s) { return std::make_pair(s.hist, s.th); });
  closeReversed(gate, in,
                [](const Signal &s) { return std::make_pair(s.recog, s.th); });
  gate.unpaired(~t);
  return gate.build();
}

/// Figure 2, second gate: the mirror image, toehold at the 5' end.
static Complex reverseGate(DomainRef t, const std::vector<Signal> &in,
                           const std::vector<Signal> &out) {
  ComplexSketch gate;
  for (const Signal &r : in)
    gate.unpaired(r.hist).paired(t).paired(r.recog).split();
  for (const Signal &p : out)
    gate.paired(t).paired(p.hist).split();
  gate.unpaired(~t);
  for (size_t k = out.size(); k-- > 0;)
    gate.close(~out[k].hist).close(~t);
  for (size_t k = in.size(); k-- > 0;)
    gate.close(~in[k].recog).close(~t);
  return gate.build();
}

LogicalResult crnc::dsd::buildQian2011(SchemeBuilder &builder) {
  DomainRef t = builder.toehold();
  BufferGates buffers(builder);
  // LS, HS and BS are the buffer gate's (BufferGates::addSignals gives BS
  // its strand).
  auto signals = buildSignals<Signal>(
      builder,
      [&] {
        return Signal{builder.longDomain(), t, builder.longDomain()};
      },
      [](const Signal &s) {
        return std::vector<DomainRef>{s.hist, s.th, s.recog};
      },
      [&](ir::SpeciesId id) { return buffers.isBufferSpecies(id); });
  auto entryOf = [&](ir::SpeciesId x) {
    return BufferEntry{t, signals[x].recog};
  };
  buffers.addSignals(entryOf);
  for (const Step &step :
       buffers.merged(builder.steps(/*keepReversible=*/true))) {
    if (buffers.build(step, entryOf))
      continue;
    builder.beginModule(step);
    std::vector<Signal> in = signalsOf(signals, step.reactants);
    std::vector<Signal> out = signalsOf(signals, step.products);
    if (step.reversible) {
      builder.fuel(reversibleGate(t, in, out));
      builder.fuel(reverseGate(t, in, out));
    } else {
      DomainRef f = builder.longDomain(), g = builder.longDomain();
      builder.fuel(forwardGate(t, f, g, in, out));
      builder.fuel(singleStrand({t, f, g}));
    }
    for (const Signal &p : out)
      builder.fuel(singleStrand({t, p.hist}));
    for (const Signal &r : in)
      builder.fuel(singleStrand({r.recog, t}));
  }
  return success();
}
