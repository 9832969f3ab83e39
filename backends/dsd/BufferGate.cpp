//===- BufferGate.cpp - map-rates' buffer module as one reversible gate ---===//
//
// See BufferGate.h: one toehold-exchange gate per buffer, shared by the
// schemes whose signals have an entry toehold and a long domain.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferGate.h"
#include "ir/LoweringAttributes.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

static bool isBufferGate(const ir::Module &module, const ir::Term &t) {
  return bool(ir::lowering::get(module.getSpecies(t.species).attrs,
                                ir::lowering::BufferOf));
}

/// The buffer of reaction `r`, when it is one.
static std::optional<BufferModule> bufferOfReaction(const ir::Module &module,
                                                    const ir::Reaction &r) {
  if (!r.isReversible() || r.reactants.size() != 2 || r.products.size() != 2)
    return std::nullopt;
  auto ls =
      std::find_if(r.reactants.begin(), r.reactants.end(),
                   [&](const ir::Term &t) { return isBufferGate(module, t); });
  if (ls == r.reactants.end())
    return std::nullopt;
  BufferModule b;
  b.ls = ls->species;
  b.x = r.reactants[ls == r.reactants.begin() ? 1 : 0].species;
  bool firstConstant = module.getSpecies(r.products[0].species).constant;
  b.bs = r.products[firstConstant ? 0 : 1].species;
  b.hs = r.products[firstConstant ? 1 : 0].species;
  b.gateLevel =
      module.getSpecies(b.ls).initial * r.rate / r.reverseRate.value_or(1);
  return b;
}

BufferGates::BufferGates(SchemeBuilder &builder)
    : builder(builder), buffered(builder.module().speciesCount(), false) {
  const ir::Module &module = builder.module();
  for (const ir::Reaction &r : module.allReactions())
    if (std::optional<BufferModule> b = bufferOfReaction(module, r)) {
      buffers.push_back(*b);
      buffered[b->ls] = buffered[b->hs] = buffered[b->bs] = true;
    }
}

static bool contains(const std::vector<ir::SpeciesId> &v, ir::SpeciesId s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<Step> BufferGates::merged(std::vector<Step> steps) const {
  std::vector<Step> out;
  for (Step &step : steps) {
    auto with = [&](ir::SpeciesId BufferModule::*role) {
      return std::find_if(buffers.begin(), buffers.end(),
                          [&](const BufferModule &b) {
                            return contains(step.reactants, b.*role);
                          });
    };
    if (with(&BufferModule::hs) != buffers.end())
      continue; // the backward direction: the forward gate builds it
    auto b = with(&BufferModule::ls);
    if (b == buffers.end()) {
      out.push_back(std::move(step));
      continue;
    }
    if (!step.reversible) { // one gate, both directions (not calibrated)
      step.reversible = true;
      step.equation.replace(step.equation.find(" -> "), 4, " <=> ");
    }
    step.gateFuelLevel = b->gateLevel;
    out.push_back(std::move(step));
  }
  return out;
}

const BufferModule *BufferGates::bufferOf(const Step &step) const {
  if (!step.reversible)
    return nullptr;
  for (const BufferModule &b : buffers)
    if (contains(step.reactants, b.ls))
      return &b;
  return nullptr;
}

void BufferGates::addSignal(BufferModule &b, const BufferEntry &x) {
  if (!ownToehold)
    ownToehold = builder.toehold();
  if (x.dangling)
    b.bsHistory = builder.history();
  std::vector<DomainRef> strand{x.migration, *ownToehold};
  if (b.bsHistory)
    strand.insert(strand.begin(), *b.bsHistory);
  builder.addSignal(b.bs, singleStrand(strand));
}

/// LS: strand ([h] m o) on o* m* e*, the entry toehold e* open.
void BufferGates::buildGate(const Step &step, const BufferModule &b,
                            const BufferEntry &x) {
  assert(ownToehold && "addSignals made the buffers' toehold");
  builder.beginModule(step);
  ComplexSketch gate;
  if (b.bsHistory)
    gate.unpaired(*b.bsHistory);
  gate.paired(x.migration).paired(*ownToehold).split();
  gate.close(~*ownToehold).close(~x.migration);
  gate.unpaired(~x.toehold);
  builder.fuel(gate.build());
}
