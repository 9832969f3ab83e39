//===- Crosstalk.cpp - spurious duplexes between the ordered strands ------===//
//
// For every pair of strands the lab orders (a strand with a second copy of
// itself included), the most stable duplex that the design does not intend:
// lib/thermo's bestDuplex (SantaLucia 1998 stacks, SantaLucia & Hicks 2004
// loops) with every pair of a domain d with its complement d* masked, in any
// register (every base of d and d* shares one pairing key: a d / d* duplex
// slipped by a few bases is a variant of the designed one, weaker than it,
// not crosstalk). Outline:
//   1. spell each strand from its domains and give each base its key,
//   2. evaluate the upper triangle of the pair table, rows split over
//      threads (each cell is independent, so the result is the same),
//   3. list the strongest pairs and pick the heat map's rows.
//
//===----------------------------------------------------------------------===//

#include "backends/report/ReportBuilder.h"
#include "lib/thermo/Spurious.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <numeric>
#include <thread>

using namespace crnc;
using namespace crnc::report;

namespace {
struct KeyedStrand {
  std::string name, sequence;
  std::vector<uint64_t> keys;
};
} // namespace

/// Step 1. False when a domain has no sequence (nothing to measure).
static bool spell(const protocol::OrderStrand &o,
                  const llvm::StringMap<unsigned> &byName,
                  const sequences::SequenceDesign &seqs, KeyedStrand &out) {
  out.name = o.name;
  llvm::SmallVector<llvm::StringRef, 8> parts;
  llvm::StringRef(o.domains).split(parts, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef part : parts) {
    bool complement = part.consume_back("*");
    auto it = byName.find(part);
    if (it == byName.end())
      return false;
    const std::string &seq = seqs.domains[it->second].sequence;
    if (seq.empty())
      return false;
    out.sequence += complement ? thermo::reverseComplement(seq) : seq;
    out.keys.insert(out.keys.end(), seq.size(), uint64_t(it->second) + 1);
  }
  return !out.sequence.empty();
}

/// Step 2: the full symmetric table of dG.
static std::vector<std::vector<double>>
pairTable(const std::vector<KeyedStrand> &strands,
          const thermo::SpuriousModel &model, unsigned threads) {
  size_t n = strands.size();
  std::vector<std::vector<double>> dG(n, std::vector<double>(n, 0));
  auto rows = [&](unsigned first) {
    for (size_t i = first; i < n; i += threads)
      for (size_t j = i; j < n; ++j)
        dG[i][j] = thermo::bestDuplex(strands[i].sequence, strands[j].sequence,
                                      model, strands[i].keys, strands[j].keys)
                       .dG;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(rows, t);
  rows(0);
  for (std::thread &t : pool)
    t.join();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j)
      dG[i][j] = dG[j][i];
  return dG;
}

/// Step 3: rows of the heat map -- all strands, or the `maxRows` whose
/// strongest pair is strongest (ties in order).
static std::vector<size_t>
heatMapRows(const std::vector<std::vector<double>> &dG, unsigned maxRows) {
  std::vector<size_t> order(dG.size());
  std::iota(order.begin(), order.end(), 0);
  if (order.size() <= maxRows)
    return order;
  std::vector<double> strongest(dG.size(), 0);
  for (size_t i = 0; i < dG.size(); ++i)
    strongest[i] = *std::min_element(dG[i].begin(), dG[i].end());
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return strongest[a] < strongest[b];
  });
  order.resize(maxRows);
  std::sort(order.begin(), order.end());
  return order;
}

Crosstalk
report::measureCrosstalk(const sequences::SequenceDesign &seqs,
                         const std::vector<protocol::OrderStrand> &ordered,
                         const thermo::Conditions &conditions,
                         const ReportSettings &settings, unsigned threads) {
  llvm::StringMap<unsigned> byName;
  for (size_t i = 0; i < seqs.domains.size(); ++i)
    byName[seqs.domains[i].name] = unsigned(i);
  std::vector<KeyedStrand> strands;
  for (bool gates : {false, true})
    for (const protocol::OrderStrand &o : ordered) {
      KeyedStrand s;
      if ((o.role == protocol::StrandRole::Gate) == gates &&
          strands.size() < settings.crosstalkStrands &&
          spell(o, byName, seqs, s))
        strands.push_back(std::move(s));
    }
  thermo::SpuriousModel model(conditions);
  std::vector<std::vector<double>> dG =
      pairTable(strands, model, std::max(1u, threads));
  Crosstalk c;
  c.strands = unsigned(strands.size());
  c.ordered = unsigned(ordered.size());
  c.pairs = (unsigned long long)strands.size() * (strands.size() + 1) / 2;
  for (size_t i = 0; i < strands.size(); ++i)
    for (size_t j = i; j < strands.size(); ++j)
      if (dG[i][j] < 0)
        c.worst.push_back({strands[i].name, strands[j].name, dG[i][j]});
  std::stable_sort(c.worst.begin(), c.worst.end(),
                   [](const auto &a, const auto &b) { return a.dG < b.dG; });
  if (c.worst.size() > 10)
    c.worst.resize(10);
  std::vector<size_t> rows = heatMapRows(dG, settings.heatMapRows);
  c.subset = rows.size() < strands.size();
  for (size_t i : rows) {
    c.labels.push_back(strands[i].name);
    c.dG.emplace_back();
    for (size_t j : rows)
      c.dG.back().push_back(dG[i][j]);
  }
  return c;
}
