//===- Soloveichik2010.cpp - join/translator gates with backward strands --===//
//
// Soloveichik, Seelig & Winfree, "DNA as a universal substrate for chemical
// kinetics", PNAS 107:5393-5398 (2010), Figures 2 and 3, generalised to any
// number of reactants and products. A signal is `h a b c` (history, toehold,
// long, toehold). A join gate L takes the reactants one after another from
// the 3' toehold inward and releases an output strand; a translator gate T
// turns the output strand into the product signals, each with a fresh
// history domain. Backward strands in excess make each join step reversible.
//
// The paper leaves open which reactant of a join gate binds first; that
// order is chosen here so that no gate's output strand can stand in for a
// reactant of another gate (orderJoinInputs).
//
// A buffer module of map-rates (X + LS <=> HS + BS, LS marked buffer_of) is
// the paper's reversible reaction as one toehold exchange (BufferGate.h), not
// a join and a translator each way: LS = `b( c'( + ) ) a*` on X = `h a b c`
// with a toehold c' that only buffers use, BS = `h' b c'` (h' mirrors X's
// dangling c, so that both directions run at one rate). Built as two gate
// modules, the committed intermediates of each direction hold X as well, so
// X is held more than the buffer asks and the design runs slower than
// map-rates' time scale.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferGate.h"
#include "backends/dsd/Schemes.h"
#include <map>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The domains of one signal: history, toehold, long, toehold.
struct Signal {
  DomainRef h, a, b, c;
};
} // namespace

static Signal freshSignal(SchemeBuilder &builder) {
  return Signal{builder.history(), builder.toehold(), builder.longDomain(),
                builder.toehold()};
}

/// L: input strands b_i c_i a_{i+1}, the output strand b_n c_n (d_k a_k)*
/// and the bottom strand c_n* b_n* (a_{i+1}* c_i* b_i*)* a_1*.
static Complex joinGate(const std::vector<Signal> &in,
                        const std::vector<Signal> &out,
                        const std::vector<DomainRef> &hist) {
  ComplexSketch gate;
  size_t n = in.size();
  for (size_t i = 0; i + 1 < n; ++i)
    gate.paired(in[i].b).paired(in[i].c).paired(in[i + 1].a).split();
  gate.paired(in[n - 1].b).paired(in[n - 1].c);
  for (size_t k = 0; k < out.size(); ++k)
    gate.unpaired(hist[k]).unpaired(out[k].a);
  gate.split().close(~in[n - 1].c).close(~in[n - 1].b);
  for (size_t i = n - 1; i-- > 0;)
    gate.close(~in[i + 1].a).close(~in[i].c).close(~in[i].b);
  gate.unpaired(~in[0].a);
  return gate.build();
}

/// T: product strands d_k a_k b_k c_k on a bottom strand (a_k* d_k*)* c_n*.
static Complex translatorGate(const Signal &last,
                              const std::vector<Signal> &out,
                              const std::vector<DomainRef> &hist) {
  ComplexSketch gate;
  for (size_t k = 0; k < out.size(); ++k)
    gate.paired(hist[k])
        .paired(out[k].a)
        .unpaired(out[k].b)
        .unpaired(out[k].c)
        .split();
  for (size_t k = out.size(); k-- > 0;)
    gate.close(~out[k].a).close(~hist[k]);
  gate.unpaired(~last.c);
  return gate.build();
}

namespace {
/// Where an output strand can displace a reactant (see orderJoinInputs):
/// how many gates release a strand starting with X's long domain and
/// toehold (X their last reactant) that carries Y's toehold (Y a product),
/// per (X, Y).
using Releases = std::map<std::pair<ir::SpeciesId, ir::SpeciesId>, size_t>;

Releases releasesOf(const std::vector<Step> &steps) {
  Releases out;
  for (const Step &s : steps) {
    if (s.reactants.empty() || s.reversible)
      continue; // a buffer's gate releases no output strand
    std::vector<ir::SpeciesId> products = s.products;
    llvm::sort(products);
    products.erase(std::unique(products.begin(), products.end()),
                   products.end());
    for (ir::SpeciesId y : products)
      ++out[{s.reactants.back(), y}];
  }
  return out;
}

/// The join steps (X then Y) some gate's output strand can enter.
size_t crosstalkPairs(const std::vector<Step> &steps) {
  Releases releases = releasesOf(steps);
  size_t count = 0;
  for (const Step &s : steps)
    for (size_t i = 0; i + 1 < s.reactants.size(); ++i) {
      auto it = releases.find({s.reactants[i], s.reactants[i + 1]});
      count += it == releases.end() ? 0 : it->second;
    }
  return count;
}
} // namespace

/// A join gate with X bound before Y exposes Y's toehold beside X's long
/// domain and toehold; a gate whose last reactant is X and which makes Y
/// releases an output strand `b_X c_X ... a_Y ...` that binds there and
/// displaces X through a remote toehold (as the backward strand `b_X c_X
/// a_Y` does by design). That strand then stands for X in the join gate
/// without its own products being made, and no CRN bisimulation or
/// pathway decomposition holds (A -> B + C beside A + B -> D; Nuskell's
/// design of the two is incorrect under both notions). Outline:
///  1. count the (X, Y) places an output strand can enter;
///  2. for each two-reactant step in turn, bind the other reactant first
///     when that lowers the count (the written order otherwise);
///  3. repeat until no step changes (at most a few rounds). Where every
///     order leaves a place (A -> B beside B -> A and A + B -> C), it stays:
///     that crosstalk is the scheme's.
static void orderJoinInputs(std::vector<Step> &steps) {
  constexpr unsigned MaxRounds = 8;
  size_t count = crosstalkPairs(steps);
  for (unsigned round = 0; round < MaxRounds && count > 0; ++round) {
    bool changed = false;
    for (Step &s : steps) {
      if (s.reactants.size() != 2 || s.reactants[0] == s.reactants[1] ||
          s.reversible)
        continue;
      std::swap(s.reactants[0], s.reactants[1]);
      size_t swapped = crosstalkPairs(steps);
      if (swapped < count) {
        count = swapped;
        changed = true;
        continue;
      }
      std::swap(s.reactants[0], s.reactants[1]);
    }
    if (!changed)
      break;
  }
}

/// The signal `h a b c` of every species except the gate fuels and the
/// buffers' LS, HS and BS (BufferGates::addSignals gives BS its strand).
static std::vector<Signal> makeSignals(SchemeBuilder &builder,
                                       const BufferGates &buffers) {
  std::vector<Signal> signals(builder.module().speciesCount());
  for (ir::SpeciesId id = 0; id < signals.size(); ++id) {
    if (builder.isGateFuel(id) || buffers.isBufferSpecies(id))
      continue;
    signals[id] = freshSignal(builder);
    const Signal &s = signals[id];
    builder.addSignal(id, singleStrand({s.h, s.a, s.b, s.c}));
  }
  return signals;
}

LogicalResult crnc::dsd::buildSoloveichik2010(SchemeBuilder &builder) {
  BufferGates buffers(builder);
  std::vector<Signal> signals = makeSignals(builder, buffers);
  auto entryOf = [&](ir::SpeciesId x) {
    return BufferEntry{signals[x].a, signals[x].b, /*dangling=*/true};
  };
  buffers.addSignals(entryOf);
  std::vector<Step> steps = buffers.merged(
      builder.steps(/*keepReversible=*/false, /*keepCatalystPlace=*/true));
  orderJoinInputs(steps);
  for (const Step &step : steps) {
    if (buffers.build(step, entryOf))
      continue;
    builder.beginModule(step);
    std::vector<Signal> in = signalsOf(signals, step.reactants);
    std::vector<Signal> out = signalsOf(signals, step.products);
    if (in.empty()) {
      // -> X: a signal-shaped fuel stands in for the missing reactant.
      Signal source = freshSignal(builder);
      builder.fuel(singleStrand({source.h, source.a, source.b, source.c}));
      in.push_back(source);
    }
    std::vector<DomainRef> hist;
    for (size_t k = 0; k < out.size(); ++k)
      hist.push_back(builder.history());
    builder.fuel(joinGate(in, out, hist));
    for (size_t i = 0; i + 1 < in.size(); ++i)
      builder.fuel(singleStrand({in[i].b, in[i].c, in[i + 1].a}));
    if (!out.empty())
      builder.fuel(translatorGate(in.back(), out, hist));
  }
  return success();
}
