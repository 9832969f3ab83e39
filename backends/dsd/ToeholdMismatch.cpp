//===- ToeholdMismatch.cpp - a gate whose toehold binds weakly ------------===//

#include "backends/dsd/ToeholdMismatch.h"
#include "backends/dsd/ToeholdTrim.h"

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

std::optional<MismatchSite> dsd::mismatchSite(const Design &design,
                                              ComplexIndex gate,
                                              ComplexIndex signal) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  if (!run)
    return std::nullopt;
  const Complex &g = design.getComplex(gate).complex;
  std::optional<MismatchSite> best;
  for (unsigned p : run->positions) {
    unsigned length = design.domains.length(g.domainAt(p));
    unsigned capacity = length > 2 ? std::min(length - 2, MaxMismatches) : 0;
    if (capacity && (!best || capacity > best->capacity))
      best = MismatchSite{p, capacity};
  }
  return best;
}

void dsd::setMismatches(Design &design, ComplexIndex gate,
                        const MismatchSite &site, unsigned count) {
  assert(count <= site.capacity && "more mismatches than internal bases");
  Complex &g = design.getComplex(gate).complex;
  std::vector<Strand> strands = g.allStrands();
  size_t s = g.strandOf(site.position);
  strands[s][site.position - g.strandStart(s)].mismatches = uint8_t(count);
  g = Complex(std::move(strands), g.allPartners());
}

unsigned dsd::inputToeholdMismatches(const Design &design, ComplexIndex gate,
                                     ComplexIndex signal) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  unsigned n = 0;
  for (unsigned p : run ? run->positions : std::vector<unsigned>())
    n += design.getComplex(gate).complex.domainAt(p).mismatches;
  return n;
}

void dsd::chooseMismatches(const ir::Module &module, Design &design, size_t i,
                           const Step &step, double target, double floor,
                           double level, const MeasuredRate &at) {
  if (!at.rateGate || step.reactants.empty())
    return;
  ComplexIndex gate = *at.rateGate;
  std::optional<ComplexIndex> signal =
      design.lookup(module.getSpecies(step.reactants.front()).name);
  std::optional<MismatchSite> site =
      signal ? mismatchSite(design, gate, *signal) : std::nullopt;
  if (!site)
    return;
  searchGateKnob(module, design, i, step, target, floor, level, at,
                 site->capacity, [&](Design &trial, unsigned count) {
                   setMismatches(trial, gate, *site, count);
                   return true;
                 });
}
