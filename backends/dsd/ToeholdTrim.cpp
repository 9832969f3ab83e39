//===- ToeholdTrim.cpp - a gate that exposes part of a toehold ------------===//

#include "backends/dsd/ToeholdTrim.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

static bool isToeholdOf(DomainRef d, const Complex &signal,
                        const DomainTable &table) {
  if (!d.complement || table.get(d.id).kind != DomainKind::Toehold)
    return false;
  for (unsigned p = 0; p < signal.domainCount(); ++p)
    if (signal.domainAt(p) == d.complemented())
      return true;
  return false;
}

/// Positions outward from `start` (step -1 or +1) on its strand while the
/// domains are unpaired toeholds of the signal.
static GateToeholdRun walkRun(const Complex &g, const Complex &signal,
                              const DomainTable &table, int start, int step) {
  GateToeholdRun run;
  size_t strand = g.strandOf(unsigned(start));
  for (int p = start; p >= 0 && unsigned(p) < g.domainCount() &&
                      g.strandOf(unsigned(p)) == strand &&
                      g.partner(unsigned(p)) == Complex::Unpaired &&
                      isToeholdOf(g.domainAt(unsigned(p)), signal, table);
       p += step) {
    run.positions.push_back(unsigned(p));
    run.nucleotides += table.length(g.domainAt(unsigned(p)));
  }
  return run;
}

std::optional<GateToeholdRun> dsd::inputToeholdRun(const Design &design,
                                                   ComplexIndex gate,
                                                   ComplexIndex signal) {
  const Complex &g = design.getComplex(gate).complex;
  const Complex &s = design.getComplex(signal).complex;
  for (unsigned p = 0; p < g.domainCount(); ++p) {
    if (g.partner(p) != Complex::Unpaired ||
        !isToeholdOf(g.domainAt(p), s, design.domains))
      continue;
    for (int step : {1, -1}) {
      int inner = int(p) - step; // the paired neighbour
      if (inner < 0 || unsigned(inner) >= g.domainCount() ||
          g.strandOf(unsigned(inner)) != g.strandOf(p) ||
          g.partner(unsigned(inner)) == Complex::Unpaired)
        continue;
      GateToeholdRun run = walkRun(g, s, design.domains, int(p), step);
      run.step = step;
      if (!run.positions.empty())
        return run;
    }
  }
  return std::nullopt;
}

/// `c` with every occurrence of domain `d` replaced by `first second`
/// (5'->3'; the complement by `second* first*`), pairs kept piecewise.
static Complex splitIn(const Complex &c, DomainId d, DomainId first,
                       DomainId second) {
  std::vector<Strand> strands;
  std::vector<int32_t> newIndex(c.domainCount());
  std::vector<unsigned> width(c.domainCount(), 1);
  unsigned next = 0;
  for (size_t s = 0; s < c.strandCount(); ++s) {
    Strand out;
    for (unsigned k = 0; k < c.strand(s).size(); ++k) {
      unsigned p = c.strandStart(s) + k;
      DomainRef r = c.domainAt(p);
      newIndex[p] = int32_t(next);
      if (r.id != d) {
        out.push_back(r), ++next;
        continue;
      }
      width[p] = 2, next += 2;
      if (r.complement)
        out.insert(out.end(),
                   {DomainRef{second, true}, DomainRef{first, true}});
      else
        out.insert(out.end(),
                   {DomainRef{first, false}, DomainRef{second, false}});
    }
    strands.push_back(std::move(out));
  }
  std::vector<int32_t> partners(next, Complex::Unpaired);
  for (unsigned p = 0; p < c.domainCount(); ++p) {
    int32_t q = c.partner(p);
    if (q == Complex::Unpaired)
      continue;
    // A split domain pairs its first piece with the partner's last one.
    for (unsigned i = 0; i < width[p]; ++i)
      partners[newIndex[p] + i] = newIndex[q] + int32_t(width[q] - 1 - i);
  }
  return Complex(std::move(strands), std::move(partners));
}

/// `c` without the unpaired domains at `positions`.
static Complex without(const Complex &c, std::vector<unsigned> positions) {
  std::sort(positions.begin(), positions.end());
  std::vector<int32_t> newIndex(c.domainCount(), -1);
  std::vector<Strand> strands;
  int32_t next = 0;
  for (size_t s = 0; s < c.strandCount(); ++s) {
    Strand out;
    for (unsigned k = 0; k < c.strand(s).size(); ++k) {
      unsigned p = c.strandStart(s) + k;
      if (std::binary_search(positions.begin(), positions.end(), p))
        continue;
      newIndex[p] = next++;
      out.push_back(c.domainAt(p));
    }
    strands.push_back(std::move(out));
  }
  std::vector<int32_t> partners(size_t(next), Complex::Unpaired);
  for (unsigned p = 0; p < c.domainCount(); ++p)
    if (newIndex[p] >= 0 && c.partner(p) != Complex::Unpaired)
      partners[newIndex[p]] = newIndex[c.partner(p)];
  return Complex(std::move(strands), std::move(partners));
}

/// Splits domain `d` into (outer part, inner part of `innerLength` nt) in
/// every complex, the inner part on the side `innerIs3Prime` of `d`.
static void splitDomain(Design &design, DomainId d, unsigned innerLength,
                        bool innerIs3Prime) {
  Domain &outer = design.domains.get(d);
  std::string prefix = outer.kind == DomainKind::Toehold ? "t" : "d";
  DomainKind kind = outer.kind;
  outer.length -= innerLength;
  DomainId inner = design.domains.fresh(prefix, innerLength, kind);
  DomainId first = innerIs3Prime ? d : inner;
  DomainId second = innerIs3Prime ? inner : d;
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    Complex &c = design.getComplex(i).complex;
    bool has = false;
    for (unsigned p = 0; p < c.domainCount() && !has; ++p)
      has = c.domainAt(p).id == d;
    if (has)
      c = splitIn(c, d, first, second);
  }
}

/// Index of the first piece of `run` past `keep` nucleotides from the
/// paired side, and the nucleotides before it.
static std::pair<size_t, unsigned> cutPiece(const Design &design,
                                            ComplexIndex gate,
                                            const GateToeholdRun &run,
                                            unsigned keep) {
  const Complex &g = design.getComplex(gate).complex;
  unsigned kept = 0;
  size_t i = 0;
  for (; i < run.positions.size(); ++i) {
    unsigned length = design.domains.length(g.domainAt(run.positions[i]));
    if (kept + length > keep)
      break;
    kept += length;
  }
  return {i, kept};
}

bool dsd::trimInputToehold(Design &design, ComplexIndex gate,
                           ComplexIndex signal, unsigned keep) {
  std::optional<GateToeholdRun> run = inputToeholdRun(design, gate, signal);
  if (!run || keep == 0 || keep >= run->nucleotides)
    return false;
  auto [i, kept] = cutPiece(design, gate, *run, keep);
  if (kept < keep) {
    // A complement read 5'->3' runs along its domain 3'->5': a run growing
    // 3'-ward starts at the domain's 3' end, which is the inner piece.
    DomainRef r = design.getComplex(gate).complex.domainAt(run->positions[i]);
    splitDomain(design, r.id, keep - kept, /*innerIs3Prime=*/run->step > 0);
    run = inputToeholdRun(design, gate, signal);
    if (!run)
      return false;
    std::tie(i, kept) = cutPiece(design, gate, *run, keep);
  }
  std::vector<unsigned> drop(run->positions.begin() + long(i),
                             run->positions.end());
  Complex &g = design.getComplex(gate).complex;
  g = without(g, drop);
  return true;
}
