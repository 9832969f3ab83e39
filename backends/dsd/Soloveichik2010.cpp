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
// order is chosen so that no gate's output strand can stand in for a
// reactant of another gate (joinSteps).
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
#include "ir/LoweringAttributes.h"
#include "lib/analysis/JoinOrder.h"

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

/// Binds each join gate's reactants in an order under which no gate's output
/// strand can displace a reactant (analysis::orderAgainstOutputCrosstalk:
/// A -> B + C beside A + B -> D is otherwise incorrect under both notions,
/// as Nuskell's design of the two is). map-rates makes that order and
/// records it (join_order = no-output-crosstalk) when it lowers for this
/// scheme, and its rates assume the gates hold the first reactants: the
/// steps are then built as written. Any other module is ordered here.
static std::vector<Step> joinSteps(const SchemeBuilder &builder) {
  std::optional<ir::lowering::JoinOrder> decided =
      ir::lowering::get(builder.module().attrs, ir::lowering::JoinInputOrder);
  if (decided == ir::lowering::JoinOrder::NoOutputCrosstalk)
    return builder.steps(/*keepReversible=*/false, /*keepCatalystPlace=*/false);
  std::vector<Step> steps =
      builder.steps(/*keepReversible=*/false, /*keepCatalystPlace=*/true);
  std::vector<analysis::JoinDirection> dirs;
  for (const Step &s : steps)
    dirs.push_back({s.reactants, s.products});
  analysis::orderAgainstOutputCrosstalk(dirs);
  for (size_t i = 0; i < steps.size(); ++i)
    steps[i].reactants = std::move(dirs[i].reactants);
  return steps;
}

LogicalResult crnc::dsd::buildSoloveichik2010(SchemeBuilder &builder) {
  BufferGates buffers(builder);
  // LS, HS and BS are the buffer gate's (BufferGates::addSignals gives BS
  // its strand).
  auto signals = buildSignals<Signal>(
      builder, [&] { return freshSignal(builder); },
      [](const Signal &s) {
        return std::vector<DomainRef>{s.h, s.a, s.b, s.c};
      },
      [&](ir::SpeciesId id) { return buffers.isBufferSpecies(id); });
  auto entryOf = [&](ir::SpeciesId x) {
    return BufferEntry{signals[x].a, signals[x].b, /*dangling=*/true};
  };
  buffers.addSignals(entryOf);
  for (const Step &step : buffers.merged(joinSteps(builder))) {
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
