//===- Srinivas2015.cpp - two-stage reactant and product gates ------------===//
//
// Srinivas, "Programming chemical kinetics: engineering dynamic reaction
// networks with DNA strand displacement", PhD thesis, Caltech (2015),
// chapter 3 (Figures 3.4-3.7), generalised to any number of reactants and
// products. A signal is `h f m s` (history, toehold, long, toehold). The
// reactant gate consumes the reactants in turn and releases a flux strand;
// the product gate turns the flux strand into the products, helped by a
// helper strand when there is more than one product.
//
// A buffer module of map-rates (X + LS <=> HS + BS, LS marked buffer_of) is
// one toehold exchange on X = `h f m s` (BufferGate.h): LS =
// `h' m( o( + ) ) f*` with a toehold o that only buffers use, BS = `h' m o`.
// Built as a reactant and a product gate each way, X's copies in the
// committed intermediates (consumed by one direction's reactant gate, not
// yet released by the other's product gate) count as no species: the
// regression's inputs read 0.79 of the formal CRN's and its output 0.82 at
// 1 nM per unit, C_max 1000 nM (measured; lib/verify/README.md).
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferGate.h"
#include "backends/dsd/Schemes.h"

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The domains of one signal: history, toehold, long, toehold.
struct Signal {
  DomainRef h, f, m, s;
};
} // namespace

/// Reactant gate: input strands m_i s_i f_{i+1}, the flux strand m_n s_n
/// followed by `flux`, on the bottom strand s_n* m_n* (f_{i+1}* s_i* m_i*)*
/// f_1*.
static Complex reactantGate(const std::vector<Signal> &in,
                            const std::vector<DomainRef> &flux) {
  ComplexSketch gate;
  size_t n = in.size();
  for (size_t i = 0; i + 1 < n; ++i)
    gate.paired(in[i].m).paired(in[i].s).paired(in[i + 1].f).split();
  gate.paired(in[n - 1].m).paired(in[n - 1].s);
  for (DomainRef d : flux)
    gate.unpaired(d);
  gate.split().close(~in[n - 1].s).close(~in[n - 1].m);
  for (size_t i = n - 1; i-- > 0;)
    gate.close(~in[i + 1].f).close(~in[i].s).close(~in[i].m);
  gate.unpaired(~in[0].f);
  return gate.build();
}

/// Product gate: product strands hx_k f_k m_k s_k (hx_0 is the flux history
/// domain) on the bottom strand (f_k* hx_k*)* s_n*, last product innermost.
static Complex productGate(DomainRef toehold, const std::vector<Signal> &out,
                           const std::vector<DomainRef> &hist) {
  ComplexSketch gate;
  for (size_t k = 0; k < out.size(); ++k)
    gate.paired(hist[k])
        .paired(out[k].f)
        .unpaired(out[k].m)
        .unpaired(out[k].s)
        .split();
  for (size_t k = out.size(); k-- > 0;)
    gate.close(~out[k].f).close(~hist[k]);
  gate.unpaired(~toehold);
  return gate.build();
}

/// Builds the gates of one irreversible step.
static void buildStep(SchemeBuilder &builder, std::vector<Signal> in,
                      const std::vector<Signal> &out) {
  if (in.empty()) {
    // -> X: a reactant-shaped fuel strand f m s starts the reactant gate.
    Signal source{DomainRef(), builder.toehold(), builder.longDomain(),
                  builder.toehold()};
    builder.fuel(singleStrand({source.f, source.m, source.s}));
    in.push_back(source);
  }
  std::vector<DomainRef> flux, hist;
  if (!out.empty()) {
    hist.push_back(builder.history());
    flux.push_back(hist[0]);
    if (out.size() == 1)
      flux.push_back(out[0].f);
  }
  builder.fuel(reactantGate(in, flux));
  for (size_t i = 0; i + 1 < in.size(); ++i)
    builder.fuel(singleStrand({in[i].m, in[i].s, in[i + 1].f}));
  if (out.empty())
    return;
  for (size_t k = 1; k < out.size(); ++k)
    hist.push_back(builder.history());
  builder.fuel(productGate(in.back().s, out, hist));
  if (out.size() == 1)
    return;
  std::vector<DomainRef> helper{out[0].f};
  for (size_t k = 1; k < out.size(); ++k) {
    helper.push_back(hist[k]);
    helper.push_back(out[k].f);
  }
  builder.fuel(singleStrand(helper));
}

LogicalResult crnc::dsd::buildSrinivas2015(SchemeBuilder &builder) {
  BufferGates buffers(builder);
  // LS, HS and BS are the buffer gate's (BufferGates::addSignals gives BS
  // its strand).
  auto signals = buildSignals<Signal>(
      builder,
      [&] {
        return Signal{builder.history(), builder.toehold(),
                      builder.longDomain(), builder.toehold()};
      },
      [](const Signal &s) {
        return std::vector<DomainRef>{s.h, s.f, s.m, s.s};
      },
      [&](ir::SpeciesId id) { return buffers.isBufferSpecies(id); });
  auto entryOf = [&](ir::SpeciesId x) {
    return BufferEntry{signals[x].f, signals[x].m, /*dangling=*/true};
  };
  buffers.addSignals(entryOf);
  for (const Step &step :
       buffers.merged(builder.steps(/*keepReversible=*/false))) {
    if (buffers.build(step, entryOf))
      continue;
    builder.beginModule(step);
    std::vector<Signal> in = signalsOf(signals, step.reactants);
    std::vector<Signal> out = signalsOf(signals, step.products);
    buildStep(builder, std::move(in), out);
  }
  return success();
}
