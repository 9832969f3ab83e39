//===- CompiledNetwork.cpp - a CRN lowered to flat arrays -----------------===//
//
// Lowering of an ir::Module into channels grouped by order, the CSR net
// stoichiometry and the CSC Jacobian pattern, and the mass-action kernels
// (fluxes, right-hand side, dense and sparse analytic Jacobians) over them.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/CompiledNetwork.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <cassert>
#include <utility>

using namespace crnc;
using namespace crnc::sim;

/// A species changed by at least this many channels is a hub (a fuel shared
/// by every gate, a clock species): the RHS sums its derivative from the
/// stored fluxes instead of scattering into it, since scattering would chain
/// every one of those channels through one memory location.
static constexpr uint32_t kHubWriters = 64;

/// (species, amount) pairs of one channel: a handful, so a small vector
/// searched linearly beats a map.
template <typename T>
using SpeciesCounts = llvm::SmallVector<std::pair<uint32_t, T>, 4>;

template <typename T>
static void addTo(SpeciesCounts<T> &v, uint32_t species, T amount) {
  for (auto &e : v)
    if (e.first == species) {
      e.second += amount;
      return;
    }
  v.emplace_back(species, amount);
}

template <typename T> static void sortBySpecies(SpeciesCounts<T> &v) {
  std::sort(v.begin(), v.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
}

/// A channel before it is placed into its order group.
struct crnc::sim::RawChannel {
  ChannelInfo info;
  double rate;
  SpeciesCounts<uint32_t> reactants; // (species, count), ascending species
  SpeciesCounts<int32_t> change;     // (species, net change), ascending
  unsigned group;
  uint8_t changes = 0; // species it changes, constants excluded, capped at 5
  // Of those (hubs excluded), how many lose one molecule per firing when
  // every change is +-1; kNotUnit otherwise.
  uint8_t losses = 0;
};
static constexpr uint8_t kNotUnit = 255;

static unsigned groupOf(const SpeciesCounts<uint32_t> &reactants) {
  unsigned order = 0;
  for (auto &[s, c] : reactants)
    order += c;
  if (order <= 1)
    return order;
  if (order == 2)
    return reactants.size() == 2 ? 2 : 3;
  return 4;
}

static RawChannel makeChannel(const ir::Reaction &r, uint32_t index,
                              bool reverse, double rate) {
  RawChannel ch{{index, reverse, r.phase}, rate, {}, {}, 0};
  const ir::TermList &in = reverse ? r.products : r.reactants;
  const ir::TermList &out = reverse ? r.reactants : r.products;
  for (const ir::Term &t : in) {
    addTo(ch.reactants, t.species, t.count);
    addTo(ch.change, t.species, -static_cast<int32_t>(t.count));
  }
  for (const ir::Term &t : out)
    addTo(ch.change, t.species, static_cast<int32_t>(t.count));
  sortBySpecies(ch.reactants);
  sortBySpecies(ch.change);
  ch.group = groupOf(ch.reactants);
  return ch;
}

/// Both directions of every reaction of `module`, in reaction order.
static std::vector<RawChannel> moduleChannels(const ir::Module &module) {
  std::vector<RawChannel> raw;
  const auto &reactions = module.allReactions();
  raw.reserve(2 * reactions.size());
  for (uint32_t i = 0; i < reactions.size(); ++i) {
    raw.push_back(makeChannel(reactions[i], i, false, reactions[i].rate));
    if (reactions[i].isReversible())
      raw.push_back(
          makeChannel(reactions[i], i, true, *reactions[i].reverseRate));
  }
  return raw;
}

/// Marks the hubs and orders the channels by order group and then by the
/// number of non-hub species they change, so the RHS runs fixed-length,
/// branch-free inner loops per run of equal channels.
static std::vector<uint32_t>
classifyChannels(std::vector<RawChannel> &raw,
                 const std::vector<uint8_t> &constant,
                 std::vector<uint8_t> &hub) {
  std::vector<uint32_t> writers(constant.size(), 0);
  for (RawChannel &ch : raw)
    for (auto &[sp, d] : ch.change)
      writers[sp] += d != 0 && !constant[sp];
  hub.assign(constant.size(), 0);
  for (size_t i = 0; i < writers.size(); ++i)
    hub[i] = writers[i] >= kHubWriters;
  for (RawChannel &ch : raw) {
    unsigned count = 0, losses = 0;
    bool unit = true;
    for (auto &[sp, d] : ch.change) {
      if (d == 0 || constant[sp] || hub[sp])
        continue;
      ++count;
      losses += d == -1;
      unit = unit && (d == 1 || d == -1);
    }
    ch.changes = static_cast<uint8_t>(std::min(count, 5u));
    ch.losses = unit ? static_cast<uint8_t>(losses) : kNotUnit;
  }
  std::vector<uint32_t> order(raw.size());
  for (uint32_t c = 0; c < order.size(); ++c)
    order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
    const RawChannel &a = raw[i], &b = raw[j];
    if (a.group != b.group)
      return a.group < b.group;
    if (a.changes != b.changes)
      return a.changes < b.changes;
    return a.losses < b.losses;
  });
  return order;
}

CompiledNetwork::CompiledNetwork(const ir::Module &module) {
  concUnit = module.unit;
  numPhases = module.allPhases().size();
  for (const ir::Species &s : module.allSpecies()) {
    nameIndex[s.name] = static_cast<uint32_t>(names.size());
    names.push_back(s.name);
    constant.push_back(s.constant ? 1 : 0);
    signedSp.push_back(s.isSigned ? 1 : 0);
    initial.push_back(s.initial);
  }
  build(moduleChannels(module));
}

CompiledNetwork::CompiledNetwork(const CompiledNetwork &full,
                                 llvm::ArrayRef<uint32_t> species) {
  concUnit = full.concUnit;
  numPhases = full.numPhases;
  std::vector<int64_t> newIndex(full.speciesCount(), -1);
  for (uint32_t s : species) {
    assert(newIndex[s] < 0 && "species listed twice");
    newIndex[s] = static_cast<int64_t>(names.size());
    nameIndex[full.names[s]] = static_cast<uint32_t>(names.size());
    names.push_back(full.names[s]);
    constant.push_back(full.constant[s]);
    signedSp.push_back(full.signedSp[s]);
    initial.push_back(full.initial[s]);
  }
  // The channels in the full network's internal order (a stable re-sort
  // keeps it within equal classes), over the new species indices.
  std::vector<RawChannel> raw;
  raw.reserve(full.channelCount());
  for (size_t c = 0; c < full.channelCount(); ++c) {
    RawChannel ch{full.channels[c], full.rates[c], {}, {}, 0};
    for (uint32_t r = full.reactPtr[c]; r < full.reactPtr[c + 1]; ++r) {
      assert(newIndex[full.reactSp[r]] >= 0 &&
             "a kept channel reads a dropped species");
      ch.reactants.emplace_back(
          static_cast<uint32_t>(newIndex[full.reactSp[r]]), full.reactCnt[r]);
    }
    for (uint32_t e = full.chgPtr[c]; e < full.chgPtr[c + 1]; ++e)
      if (newIndex[full.chgSp[e]] >= 0)
        ch.change.emplace_back(static_cast<uint32_t>(newIndex[full.chgSp[e]]),
                               full.chgDelta[e]);
    sortBySpecies(ch.reactants);
    sortBySpecies(ch.change);
    ch.group = groupOf(ch.reactants);
    raw.push_back(std::move(ch));
  }
  build(std::move(raw));
}

void CompiledNetwork::build(std::vector<RawChannel> raw) {
  std::vector<uint8_t> hub;
  std::vector<uint32_t> order = classifyChannels(raw, constant, hub);
  size_t nc = raw.size();
  first.assign(nc, 0);
  second.assign(nc, 0);
  reactPtr.push_back(0);
  chgPtr.push_back(0);
  scatterPtr.push_back(0);
  for (unsigned g = 0, c = 0; g <= 5; ++g) {
    while (c < nc && raw[order[c]].group < g)
      ++c;
    groupStart[g] = c;
  }
  for (size_t c = 0; c < nc; ++c) {
    RawChannel &ch = raw[order[c]];
    channels.push_back(ch.info);
    rates.push_back(ch.rate);
    for (auto &[s, n] : ch.reactants) {
      reactSp.push_back(s);
      reactCnt.push_back(n);
    }
    reactPtr.push_back(static_cast<uint32_t>(reactSp.size()));
    if (!ch.reactants.empty())
      first[c] = ch.reactants.begin()->first;
    if (ch.reactants.size() >= 2)
      second[c] = std::next(ch.reactants.begin())->first;
    for (auto &[s, d] : ch.change) {
      if (d == 0 || constant[s])
        continue;
      chgSp.push_back(s);
      chgDelta.push_back(d);
    }
    // Non-hub changes, losses first (unit channels scatter -v, then +v).
    for (int pass = 0; pass < 2; ++pass)
      for (auto &[s, d] : ch.change) {
        if (d == 0 || constant[s] || hub[s] || (d == -1) != (pass == 0))
          continue;
        scatterSp.push_back(s);
        scatterDelta.push_back(d);
      }
    chgPtr.push_back(static_cast<uint32_t>(chgSp.size()));
    scatterPtr.push_back(static_cast<uint32_t>(scatterSp.size()));
    uint8_t g = static_cast<uint8_t>(ch.group), count = ch.changes;
    if (blocks.empty() || blocks.back().group != g ||
        blocks.back().changes != count || blocks.back().losses != ch.losses)
      blocks.push_back(Block{static_cast<uint32_t>(c), static_cast<uint32_t>(c),
                             g, count, ch.losses});
    blocks.back().end = static_cast<uint32_t>(c + 1);
  }
  buildStoichiometry();
  buildJacobianPattern();
  // Each hub's row of the net stoichiometry, for the RHS to sum.
  hubRowPtr.assign(1, 0);
  for (uint32_t i = 0; i < speciesCount(); ++i) {
    if (!hub[i])
      continue;
    hubSpecies.push_back(i);
    for (int32_t e = rowPtr[i]; e < rowPtr[i + 1]; ++e) {
      hubChannel.push_back(static_cast<uint32_t>(colIdx[e]));
      hubDelta.push_back(coef[e]);
    }
    hubRowPtr.push_back(static_cast<uint32_t>(hubChannel.size()));
  }
}

void CompiledNetwork::buildStoichiometry() {
  size_t n = speciesCount();
  rowPtr.assign(n + 1, 0);
  for (uint32_t s : chgSp)
    ++rowPtr[s + 1];
  for (size_t i = 0; i < n; ++i)
    rowPtr[i + 1] += rowPtr[i];
  colIdx.assign(chgSp.size(), 0);
  coef.assign(chgSp.size(), 0);
  std::vector<int32_t> fill(rowPtr.begin(), rowPtr.end() - 1);
  for (size_t c = 0; c < channelCount(); ++c)
    for (uint32_t e = chgPtr[c]; e < chgPtr[c + 1]; ++e) {
      int32_t at = fill[chgSp[e]]++;
      colIdx[at] = static_cast<int32_t>(c);
      coef[at] = chgDelta[e];
    }
}

/// 1. Column s holds the diagonal and every species changed by a channel that
///    has s among its reactants. 2. Each (channel, reactant slot) records where
///    in the value array each of its channel's changes lands.
void CompiledNetwork::buildJacobianPattern() {
  size_t n = speciesCount();
  std::vector<std::vector<int64_t>> cols(n);
  for (size_t s = 0; s < n; ++s)
    cols[s].push_back(static_cast<int64_t>(s));
  for (size_t c = 0; c < channelCount(); ++c)
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r)
      for (uint32_t e = chgPtr[c]; e < chgPtr[c + 1]; ++e)
        cols[reactSp[r]].push_back(chgSp[e]);
  jacColPtr.assign(1, 0);
  for (auto &col : cols) {
    std::sort(col.begin(), col.end());
    col.erase(std::unique(col.begin(), col.end()), col.end());
    jacRowIdx.insert(jacRowIdx.end(), col.begin(), col.end());
    jacColPtr.push_back(static_cast<int64_t>(jacRowIdx.size()));
  }
  slotPtr.assign(1, 0);
  for (size_t c = 0; c < channelCount(); ++c)
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r) {
      uint32_t s = reactSp[r];
      auto begin = jacRowIdx.begin() + jacColPtr[s];
      auto end = jacRowIdx.begin() + jacColPtr[s + 1];
      for (uint32_t e = chgPtr[c]; e < chgPtr[c + 1]; ++e) {
        auto it = std::lower_bound(begin, end, static_cast<int64_t>(chgSp[e]));
        assert(it != end && *it == chgSp[e] && "pattern misses an entry");
        slotPos.push_back(it - jacRowIdx.begin());
        slotCoef.push_back(chgDelta[e]);
      }
      slotPtr.push_back(static_cast<uint32_t>(slotPos.size()));
    }
}

long CompiledNetwork::lookupSpecies(llvm::StringRef name) const {
  auto it = nameIndex.find(name);
  return it == nameIndex.end() ? -1 : static_cast<long>(it->second);
}

std::vector<double>
CompiledNetwork::maskedRates(const std::vector<bool> &activePhases) const {
  std::vector<double> k(rates);
  for (size_t c = 0; c < k.size(); ++c) {
    ir::PhaseId p = channels[c].phase;
    if (p != ir::NoPhase && p < activePhases.size() && !activePhases[p])
      k[c] = 0;
  }
  return k;
}

static double power(double x, uint32_t m) {
  double r = 1;
  for (; m; --m)
    r *= x;
  return r;
}

void CompiledNetwork::fluxes(const double *y, const double *k,
                             double *v) const {
  const uint32_t *f = first.data(), *s = second.data();
  for (size_t c = groupStart[0]; c < groupStart[1]; ++c)
    v[c] = k[c];
  for (size_t c = groupStart[1]; c < groupStart[2]; ++c)
    v[c] = k[c] * y[f[c]];
  for (size_t c = groupStart[2]; c < groupStart[3]; ++c)
    v[c] = k[c] * y[f[c]] * y[s[c]];
  for (size_t c = groupStart[3]; c < groupStart[4]; ++c)
    v[c] = k[c] * y[f[c]] * y[f[c]];
  for (size_t c = groupStart[4]; c < groupStart[5]; ++c) {
    double x = k[c];
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r)
      x *= power(y[reactSp[r]], reactCnt[r]);
    v[c] = x;
  }
}

namespace {
/// The arrays one RHS block reads.
struct KernelView {
  const uint32_t *first, *second, *scatterSp, *scatterPtr;
  const double *delta;
  double *flux; ///< null: fluxes need not be stored (no hubs)
};
} // namespace

/// The flux of channel c of order group G (0, 1, A+B, 2A), stored for the
/// hubs when kv.flux is set.
template <unsigned G>
static inline double channelFlux(const KernelView &kv, size_t c,
                                 const double *y, const double *k) {
  double v = k[c];
  if (G >= 1)
    v *= y[kv.first[c]];
  if (G == 2)
    v *= y[kv.second[c]];
  if (G == 3)
    v *= y[kv.first[c]];
  if (kv.flux)
    kv.flux[c] = v;
  return v;
}

/// Channels [b, e) of order group G, each changing exactly NC non-hub
/// species: the flux stays in a register and is scattered by a fixed-length
/// loop (and stored, for the hubs, when kv.flux is set).
template <unsigned G, unsigned NC>
static void rhsBlock(const KernelView &kv, size_t b, size_t e, const double *y,
                     const double *k, double *f) {
  const uint32_t *sp = kv.scatterSp + kv.scatterPtr[b];
  const double *d = kv.delta + kv.scatterPtr[b];
  for (size_t c = b; c < e; ++c, sp += NC, d += NC) {
    double v = channelFlux<G>(kv, c, y, k);
    for (unsigned j = 0; j < NC; ++j)
      f[sp[j]] += d[j] * v;
  }
}

/// Channels [b, e) of order group G whose NC non-hub changes are all +-1,
/// the first NL of them -1: the flux is subtracted and added, no weights.
template <unsigned G, unsigned NC, unsigned NL>
static void rhsUnitBlock(const KernelView &kv, size_t b, size_t e,
                         const double *y, const double *k, double *f) {
  const uint32_t *sp = kv.scatterSp + kv.scatterPtr[b];
  for (size_t c = b; c < e; ++c, sp += NC) {
    double v = channelFlux<G>(kv, c, y, k);
    for (unsigned j = 0; j < NL; ++j)
      f[sp[j]] -= v;
    for (unsigned j = NL; j < NC; ++j)
      f[sp[j]] += v;
  }
}

template <unsigned G, unsigned NC, unsigned... NL>
static bool rhsUnitDispatch(unsigned losses,
                            std::integer_sequence<unsigned, NL...>,
                            const KernelView &kv, size_t b, size_t e,
                            const double *y, const double *k, double *f) {
  return ((losses == NL ? (rhsUnitBlock<G, NC, NL>(kv, b, e, y, k, f), true)
                        : false) ||
          ...);
}

template <unsigned G>
static bool rhsUnitGroup(unsigned nc, unsigned losses, const KernelView &kv,
                         size_t b, size_t e, const double *y, const double *k,
                         double *f) {
  switch (nc) {
  case 1:
    return rhsUnitDispatch<G, 1>(
        losses, std::make_integer_sequence<unsigned, 2>(), kv, b, e, y, k, f);
  case 2:
    return rhsUnitDispatch<G, 2>(
        losses, std::make_integer_sequence<unsigned, 3>(), kv, b, e, y, k, f);
  case 3:
    return rhsUnitDispatch<G, 3>(
        losses, std::make_integer_sequence<unsigned, 4>(), kv, b, e, y, k, f);
  case 4:
    return rhsUnitDispatch<G, 4>(
        losses, std::make_integer_sequence<unsigned, 5>(), kv, b, e, y, k, f);
  default:
    return false;
  }
}

template <unsigned G>
static bool rhsGroup(unsigned nc, unsigned losses, const KernelView &kv,
                     size_t b, size_t e, const double *y, const double *k,
                     double *f) {
  if (losses != kNotUnit && rhsUnitGroup<G>(nc, losses, kv, b, e, y, k, f))
    return true;
  switch (nc) {
  case 0:
    rhsBlock<G, 0>(kv, b, e, y, k, f);
    return true;
  case 1:
    rhsBlock<G, 1>(kv, b, e, y, k, f);
    return true;
  case 2:
    rhsBlock<G, 2>(kv, b, e, y, k, f);
    return true;
  case 3:
    rhsBlock<G, 3>(kv, b, e, y, k, f);
    return true;
  case 4:
    rhsBlock<G, 4>(kv, b, e, y, k, f);
    return true;
  default:
    return false;
  }
}

void CompiledNetwork::rhs(const double *y, const double *k, double *dydt,
                          double *v) const {
  std::fill(dydt, dydt + speciesCount(), 0.0);
  KernelView kv{first.data(),        second.data(),
                scatterSp.data(),    scatterPtr.data(),
                scatterDelta.data(), hubSpecies.empty() ? nullptr : v};
  for (const Block &blk : blocks) {
    bool done = false;
    switch (blk.group) {
    case 0:
      done = rhsGroup<0>(blk.changes, blk.losses, kv, blk.begin, blk.end, y, k,
                         dydt);
      break;
    case 1:
      done = rhsGroup<1>(blk.changes, blk.losses, kv, blk.begin, blk.end, y, k,
                         dydt);
      break;
    case 2:
      done = rhsGroup<2>(blk.changes, blk.losses, kv, blk.begin, blk.end, y, k,
                         dydt);
      break;
    case 3:
      done = rhsGroup<3>(blk.changes, blk.losses, kv, blk.begin, blk.end, y, k,
                         dydt);
      break;
    }
    if (done)
      continue;
    for (size_t c = blk.begin; c < blk.end; ++c) {
      double x = k[c];
      for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r)
        x *= power(y[reactSp[r]], reactCnt[r]);
      v[c] = x;
      for (uint32_t e = scatterPtr[c]; e < scatterPtr[c + 1]; ++e)
        dydt[scatterSp[e]] += scatterDelta[e] * x;
    }
  }
  // Hubs: one sum per hub over its channels, four partial sums wide.
  const uint32_t *ch = hubChannel.data();
  const double *d = hubDelta.data();
  for (size_t h = 0; h < hubSpecies.size(); ++h) {
    uint32_t e = hubRowPtr[h], end = hubRowPtr[h + 1];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (; e + 4 <= end; e += 4) {
      s0 += d[e] * v[ch[e]];
      s1 += d[e + 1] * v[ch[e + 1]];
      s2 += d[e + 2] * v[ch[e + 2]];
      s3 += d[e + 3] * v[ch[e + 3]];
    }
    for (; e < end; ++e)
      s0 += d[e] * v[ch[e]];
    dydt[hubSpecies[h]] = (s0 + s1) + (s2 + s3);
  }
}

/// d v_c / d y_{reactSp[r]} for reactant slot r of channel c.
static inline double slotDerivative(const double *y, double k,
                                    const uint32_t *sp, const uint32_t *cnt,
                                    uint32_t begin, uint32_t end, uint32_t r) {
  double d = k * cnt[r] * power(y[sp[r]], cnt[r] - 1);
  for (uint32_t o = begin; o < end; ++o)
    if (o != r)
      d *= power(y[sp[o]], cnt[o]);
  return d;
}

void CompiledNetwork::denseJacobian(const double *y, const double *k,
                                    double *J) const {
  size_t n = speciesCount();
  std::fill(J, J + n * n, 0.0);
  for (size_t c = groupStart[1]; c < channelCount(); ++c) {
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r) {
      double d = slotDerivative(y, k[c], reactSp.data(), reactCnt.data(),
                                reactPtr[c], reactPtr[c + 1], r);
      double *col = J + size_t(reactSp[r]) * n;
      for (uint32_t e = chgPtr[c]; e < chgPtr[c + 1]; ++e)
        col[chgSp[e]] += chgDelta[e] * d;
    }
  }
}

void CompiledNetwork::sparseJacobian(const double *y, const double *k,
                                     double *values) const {
  std::fill(values, values + jacobianNonZeros(), 0.0);
  const int64_t *pos = slotPos.data();
  const double *w = slotCoef.data();
  const uint32_t *sp = reactSp.data(), *cnt = reactCnt.data();
  for (size_t c = groupStart[1]; c < channelCount(); ++c) {
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r) {
      double d;
      if (reactPtr[c + 1] - reactPtr[c] == 1)
        d = cnt[r] == 1 ? k[c] : k[c] * cnt[r] * power(y[sp[r]], cnt[r] - 1);
      else
        d = slotDerivative(y, k[c], sp, cnt, reactPtr[c], reactPtr[c + 1], r);
      for (uint32_t e = slotPtr[r]; e < slotPtr[r + 1]; ++e)
        values[pos[e]] += w[e] * d;
    }
  }
}

void CompiledNetwork::jacobianTimes(const double *y, const double *k,
                                    const double *x, double *Jv,
                                    double *dv) const {
  // dv = (d v / d y) x per channel, specialised by order group like the RHS.
  const uint32_t *f = first.data(), *s = second.data();
  const uint32_t *sp = reactSp.data(), *cnt = reactCnt.data();
  for (size_t c = groupStart[0]; c < groupStart[1]; ++c)
    dv[c] = 0;
  for (size_t c = groupStart[1]; c < groupStart[2]; ++c)
    dv[c] = k[c] * x[f[c]];
  for (size_t c = groupStart[2]; c < groupStart[3]; ++c)
    dv[c] = k[c] * (y[s[c]] * x[f[c]] + y[f[c]] * x[s[c]]);
  for (size_t c = groupStart[3]; c < groupStart[4]; ++c)
    dv[c] = 2 * k[c] * y[f[c]] * x[f[c]];
  for (size_t c = groupStart[4]; c < channelCount(); ++c) {
    double sum = 0;
    for (uint32_t r = reactPtr[c]; r < reactPtr[c + 1]; ++r)
      sum += slotDerivative(y, k[c], sp, cnt, reactPtr[c], reactPtr[c + 1], r) *
             x[sp[r]];
    dv[c] = sum;
  }
  const int32_t *rp = rowPtr.data(), *ci = colIdx.data();
  for (size_t i = 0; i < speciesCount(); ++i) {
    double sum = 0;
    for (int32_t e = rp[i]; e < rp[i + 1]; ++e)
      sum += coef[e] * dv[ci[e]];
    Jv[i] = sum;
  }
}
