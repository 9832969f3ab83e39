//===- Ssa.cpp - Gillespie direct and Gibson-Bruck next reaction ----------===//
//
// One trajectory engine for both exact methods. The direct method keeps the
// total propensity incrementally (re-summed periodically against drift); the
// next reaction method keeps absolute firing times in an indexed binary heap
// and rescales the times of affected channels (Gibson & Bruck 2000, sec. 3).
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Ssa.h"
#include "lib/sim/SsaRandom.h"
#include "lib/support/EnumNames.h"
#include "lib/support/Format.h"
#include <cmath>
#include <limits>

using namespace crnc;
using namespace crnc::sim;

static constexpr double kInf = std::numeric_limits<double>::infinity();

static const EnumName<SsaMethod> ssaMethodNames[] = {
    {SsaMethod::Auto, "auto"},
    {SsaMethod::Direct, "direct"},
    {SsaMethod::NextReaction, "next-reaction"},
};

llvm::StringRef sim::ssaMethodName(SsaMethod method) {
  return nameOf(ssaMethodNames, method);
}

std::optional<SsaMethod> sim::parseSsaMethod(llvm::StringRef name) {
  return valueOf(ssaMethodNames, name);
}

SsaMethod sim::resolveSsaMethod(const CompiledNetwork &network,
                                SsaMethod method) {
  if (method != SsaMethod::Auto)
    return method;
  return network.channelCount() < 64 ? SsaMethod::Direct
                                     : SsaMethod::NextReaction;
}

double sim::moleculesPerUnit(ConcUnit unit, double volume) {
  if (unit == ConcUnit::None)
    return volume;
  return volume * 6.02214076e23 * concUnitInMolar(unit);
}

/// A binary min-heap of channels keyed by their next firing time, with the
/// position of every channel so one key can change in O(log M).
class IndexedHeap {
public:
  void build(const std::vector<double> *keys) {
    key = keys;
    size_t m = keys->size();
    heap.resize(m);
    pos.resize(m);
    for (size_t i = 0; i < m; ++i)
      heap[i] = pos[i] = static_cast<uint32_t>(i);
    for (size_t i = m / 2; i-- > 0;)
      siftDown(i);
  }
  bool empty() const { return heap.empty(); }
  uint32_t top() const { return heap[0]; }
  /// Restores the heap after the key of channel `c` changed.
  void update(uint32_t c) {
    size_t i = pos[c];
    if (i > 0 && less(heap[i], heap[(i - 1) / 2]))
      siftUp(i);
    else
      siftDown(i);
  }

private:
  bool less(uint32_t a, uint32_t b) const {
    double ka = (*key)[a], kb = (*key)[b];
    return ka < kb || (ka == kb && a < b);
  }
  void place(size_t i, uint32_t c) {
    heap[i] = c;
    pos[c] = static_cast<uint32_t>(i);
  }
  void siftUp(size_t i) {
    uint32_t c = heap[i];
    while (i > 0 && less(c, heap[(i - 1) / 2])) {
      place(i, heap[(i - 1) / 2]);
      i = (i - 1) / 2;
    }
    place(i, c);
  }
  void siftDown(size_t i) {
    uint32_t c = heap[i];
    size_t m = heap.size();
    for (;;) {
      size_t l = 2 * i + 1, best = i;
      uint32_t bestC = c;
      if (l < m && less(heap[l], bestC))
        best = l, bestC = heap[l];
      if (l + 1 < m && less(heap[l + 1], bestC))
        best = l + 1, bestC = heap[l + 1];
      if (best == i)
        break;
      place(i, bestC);
      i = best;
    }
    place(i, c);
  }
  const std::vector<double> *key = nullptr;
  std::vector<uint32_t> heap, pos;
};

struct SsaSimulator::Engine {
  const CompiledNetwork &net;
  bool nextReaction;
  std::vector<double> kBase, k, a, tau;
  std::vector<uint32_t> depPtr,
      depChan; // species -> channels it is a reactant of
  std::vector<uint64_t> stamp;
  uint64_t epoch = 0;
  double a0 = 0;
  uint64_t sinceResum = 0;
  bool dirty = true;
  IndexedHeap heap;
  Rng rng;

  Engine(const CompiledNetwork &net, bool nextReaction, double omega,
         uint64_t seed)
      : net(net), nextReaction(nextReaction), rng(seed) {
    size_t m = net.channelCount();
    for (size_t c = 0; c < m; ++c) {
      unsigned order = 0;
      for (uint32_t cnt : net.reactantCounts(c))
        order += cnt;
      kBase.push_back(net.rateConstants()[c] * std::pow(omega, 1.0 - order));
    }
    k = kBase;
    a.assign(m, 0);
    tau.assign(m, kInf);
    stamp.assign(m, 0);
    depPtr.assign(net.speciesCount() + 1, 0);
    for (size_t c = 0; c < m; ++c)
      for (uint32_t s : net.reactantSpecies(c))
        ++depPtr[s + 1];
    for (size_t s = 0; s < net.speciesCount(); ++s)
      depPtr[s + 1] += depPtr[s];
    depChan.assign(depPtr.back(), 0);
    std::vector<uint32_t> fill(depPtr.begin(), depPtr.end() - 1);
    for (size_t c = 0; c < m; ++c)
      for (uint32_t s : net.reactantSpecies(c))
        depChan[fill[s]++] = static_cast<uint32_t>(c);
  }

  double propensity(size_t c, const std::vector<int64_t> &n) const {
    double p = k[c];
    auto sp = net.reactantSpecies(c);
    auto cnt = net.reactantCounts(c);
    for (size_t r = 0; r < sp.size(); ++r) {
      int64_t x = n[sp[r]];
      if (x < static_cast<int64_t>(cnt[r]))
        return 0;
      for (uint32_t j = 0; j < cnt[r]; ++j)
        p *= static_cast<double>(x - j);
    }
    return p;
  }

  double drawTime(double t, double rate) {
    return rate > 0 ? t + rng.exponential() / rate : kInf;
  }

  /// Recomputes every propensity (and, for NRM, every firing time).
  void restart(const std::vector<int64_t> &n, double t) {
    a0 = 0;
    for (size_t c = 0; c < a.size(); ++c) {
      a[c] = propensity(c, n);
      a0 += a[c];
      if (nextReaction)
        tau[c] = drawTime(t, a[c]);
    }
    if (nextReaction)
      heap.build(&tau);
    sinceResum = 0;
    dirty = false;
  }

  /// The next firing (channel, time), or time = infinity.
  std::pair<uint32_t, double> next(double t) {
    if (nextReaction) {
      if (heap.empty())
        return {0, kInf};
      uint32_t c = heap.top();
      return {c, tau[c]};
    }
    if (!(a0 > 0))
      return {0, kInf};
    double tn = t + rng.exponential() / a0;
    return {selectDirect(), tn};
  }

  /// Channel c with cumulative propensity first exceeding u * a0.
  uint32_t selectDirect() {
    double target = rng.uniform() * a0, sum = 0;
    uint32_t last = 0;
    for (size_t c = 0; c < a.size(); ++c) {
      if (a[c] <= 0)
        continue;
      sum += a[c];
      last = static_cast<uint32_t>(c);
      if (sum > target)
        return last;
    }
    return last; // rounding: the last channel that can fire
  }

  /// Fires channel c at time t and updates the channels that read its changes.
  void fire(uint32_t c, std::vector<int64_t> &n, double t) {
    auto sp = net.changeSpecies(c);
    auto d = net.changeDeltas(c);
    for (size_t i = 0; i < sp.size(); ++i)
      n[sp[i]] += d[i];
    ++epoch;
    if (nextReaction) {
      stamp[c] = epoch;
      a[c] = propensity(c, n);
      tau[c] = drawTime(t, a[c]);
      heap.update(c);
    }
    for (uint32_t s : sp)
      for (uint32_t e = depPtr[s]; e < depPtr[s + 1]; ++e)
        refresh(depChan[e], n, t);
    if (!nextReaction && ++sinceResum >= 4096) {
      a0 = 0;
      for (double x : a)
        a0 += x;
      sinceResum = 0;
    }
  }

  void refresh(uint32_t c, const std::vector<int64_t> &n, double t) {
    if (stamp[c] == epoch)
      return;
    stamp[c] = epoch;
    double old = a[c];
    a[c] = propensity(c, n);
    if (!nextReaction) {
      a0 += a[c] - old;
      return;
    }
    if (a[c] <= 0)
      tau[c] = kInf;
    else if (old > 0 && tau[c] < kInf)
      tau[c] = t + (old / a[c]) * (tau[c] - t);
    else
      tau[c] = drawTime(t, a[c]);
    heap.update(c);
  }
};

SsaSimulator::SsaSimulator(const CompiledNetwork &network, SsaMethod method,
                           double omega, uint64_t seed)
    : net(network), kind(resolveSsaMethod(network, method)), omega(omega),
      n(network.speciesCount(), 0) {
  engine = std::make_unique<Engine>(network, kind == SsaMethod::NextReaction,
                                    omega, seed);
  setConcentrations(network.initialState(), 0);
}

SsaSimulator::~SsaSimulator() = default;

void SsaSimulator::setConcentrations(llvm::ArrayRef<double> conc, double time) {
  for (size_t i = 0; i < n.size(); ++i)
    n[i] = std::llround(conc[i] * omega);
  t = time;
  engine->dirty = true;
}

void SsaSimulator::setActivePhases(const std::vector<bool> &active) {
  for (size_t c = 0; c < net.channelCount(); ++c) {
    ir::PhaseId p = net.channel(c).phase;
    bool off = p != ir::NoPhase && p < active.size() && !active[p];
    engine->k[c] = off ? 0 : engine->kBase[c];
  }
  engine->dirty = true;
}

llvm::Error SsaSimulator::applyEvent(const Event &e) {
  for (size_t s : e.targets)
    if (s >= n.size())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "event species index out of range");
  int64_t amount = std::llround(e.value * omega);
  switch (e.kind) {
  case Event::SetAmount:
  case Event::ResetSpecies:
    for (size_t s : e.targets)
      n[s] = amount;
    break;
  case Event::AddAmount:
    for (size_t s : e.targets)
      n[s] = std::max<int64_t>(0, n[s] + amount);
    break;
  case Event::SetPhases:
    if (e.phases.size() != net.phaseCount())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "phase mask has the wrong length");
    setActivePhases(e.phases);
    break;
  }
  engine->dirty = true;
  return llvm::Error::success();
}

static void recordCounts(Trace &trace, double time,
                         const std::vector<int64_t> &n, double omega) {
  std::vector<double> row(n.size());
  for (size_t i = 0; i < n.size(); ++i)
    row[i] = static_cast<double>(n[i]) / omega;
  trace.addRow(time, row);
}

llvm::Error SsaSimulator::runTo(double t1, Trace *trace,
                                llvm::ArrayRef<double> outputTimes,
                                uint64_t maxFirings) {
  if (!(t1 >= t))
    return llvm::make_error<SimulationError>(
        t, "end time " + formatNumber(t1) + " lies before the current time");
  auto out = std::upper_bound(outputTimes.begin(), outputTimes.end(), t);
  auto outEnd = std::upper_bound(out, outputTimes.end(), t1);
  if (engine->dirty)
    engine->restart(n, t);
  for (;;) {
    auto [c, tn] = engine->next(t);
    for (; out != outEnd && *out < tn; ++out)
      if (trace)
        recordCounts(*trace, *out, n, omega);
    if (tn > t1)
      break;
    if (fired >= maxFirings)
      return llvm::make_error<SimulationError>(
          tn, "more than " + std::to_string(maxFirings) +
                  " reaction firings (the network may grow without bound; "
                  "raise the limit or lower the volume)");
    t = tn;
    engine->fire(c, n, t);
    ++fired;
  }
  t = t1;
  return llvm::Error::success();
}
