//===- ToeholdMismatch.cpp - a gate whose toehold binds weakly ------------===//

#include "backends/dsd/ToeholdMismatch.h"
#include "backends/dsd/ToeholdTrim.h"
#include "lib/enumerate/RateModel.h"
#include <algorithm>

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
  // The run grows toward 3' (step +1): its outermost domain opens at its
  // 3' end.
  if (best && best->position == run->positions.back())
    best->openEnd = run->step > 0 ? 2 : 1;
  return best;
}

std::vector<MismatchSetting> dsd::mismatchLadder(const MismatchSite &site) {
  std::vector<MismatchSetting> out;
  for (unsigned central = 0; central <= site.capacity; ++central)
    for (bool end : {false, true})
      for (bool wobble : {false, true}) {
        unsigned used = central + (end ? 1 : 0) + (wobble ? 1 : 0);
        if (!used || used > site.capacity || (end && !site.openEnd) ||
            (wobble && site.capacity < 3))
          continue;
        out.push_back({central, end, wobble});
      }
  auto ddG = [](const MismatchSetting &s) {
    return enumerate::mismatchPenalty(s.central, s.end ? 1 : 0,
                                      s.wobble ? 1 : 0);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const MismatchSetting &a, const MismatchSetting &b) {
                     return ddG(a) < ddG(b);
                   });
  return out;
}

void dsd::setMismatches(Design &design, ComplexIndex gate,
                        const MismatchSite &site, MismatchSetting setting) {
  assert(setting.central + (setting.end ? 1 : 0) + (setting.wobble ? 1 : 0) <=
             site.capacity &&
         (!setting.end || site.openEnd) && "more mismatches than the site");
  Complex &g = design.getComplex(gate).complex;
  std::vector<Strand> strands = g.allStrands();
  size_t s = g.strandOf(site.position);
  DomainRef &ref = strands[s][site.position - g.strandStart(s)];
  ref.mismatches = uint8_t(setting.central);
  ref.endMismatch = setting.end ? site.openEnd : 0;
  ref.wobble = setting.wobble;
  g = Complex(std::move(strands), g.allPartners());
}

unsigned dsd::inputToeholdMismatches(const Design &design, ComplexIndex gate,
                                     ComplexIndex signal) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  unsigned n = 0;
  for (unsigned p : run ? run->positions : std::vector<unsigned>())
    n += design.getComplex(gate).complex.domainAt(p).mismatchCount();
  return n;
}

bool dsd::inputToeholdEndMismatch(const Design &design, ComplexIndex gate,
                                  ComplexIndex signal) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  for (unsigned p : run ? run->positions : std::vector<unsigned>())
    if (design.getComplex(gate).complex.domainAt(p).endMismatch)
      return true;
  return false;
}

bool dsd::inputToeholdWobble(const Design &design, ComplexIndex gate,
                             ComplexIndex signal) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  for (unsigned p : run ? run->positions : std::vector<unsigned>())
    if (design.getComplex(gate).complex.domainAt(p).wobble)
      return true;
  return false;
}

void dsd::chooseMismatches(const ir::Module &module, Design &design, size_t i,
                           const Step &step, double target, double floor,
                           double level, const MeasuredRate &at) {
  if (!at.rateGate)
    return;
  ComplexIndex gate = *at.rateGate;
  std::optional<ComplexIndex> signal = firstReactant(module, design, step);
  std::optional<MismatchSite> site =
      signal ? mismatchSite(design, gate, *signal) : std::nullopt;
  if (!site)
    return;
  std::vector<MismatchSetting> ladder = mismatchLadder(*site);
  searchGateKnob(module, design, i, step, target, floor, level, at,
                 unsigned(ladder.size()),
                 [&](Design &trial, unsigned s) {
                   setMismatches(trial, gate, *site, ladder[s - 1]);
                   return true;
                 },
                 {gate});
}
