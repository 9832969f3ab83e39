//===- Enumerator.cpp - domain-level reaction enumeration -----------------===//
//
// The enumeration loop of Grun et al. 2014 / Badelt et al. 2020:
//  1. Each new complex (an initial one, or a product of a slow reaction)
//     grows its neighborhood of fast (unimolecular) reactions.
//  2. The neighborhood is split into strongly connected components; those
//     without a fast exit are resting, the rest transient.
//  3. Each new resting complex reacts slowly with itself and with every
//     resting complex found before it that exposes a complementary domain
//     (an index by exterior domain finds them without a scan of all pairs);
//     new products start step 1 again.
//
//===----------------------------------------------------------------------===//

#include "lib/enumerate/Enumerator.h"
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Tarjan.h"
#include "lib/enumerate/WorkerPool.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <map>
#include <unordered_map>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

size_t EnumeratedSystem::restingCount() const {
  size_t n = 0;
  for (const EnumeratedComplex &c : complexes)
    n += c.resting;
  return n;
}

namespace {
enum class State : uint8_t { New, InNeighborhood, Resting, Transient };

/// FNV-1a over a few words.
uint64_t fnv(const uint32_t *words, size_t n,
             uint64_t h = 1469598103934665603ULL) {
  for (size_t i = 0; i < n; ++i) {
    h ^= words[i];
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t reactionHash(ReactionKind kind,
                      const std::vector<ComplexId> &reactants,
                      const std::vector<ComplexId> &products) {
  uint32_t head[2] = {static_cast<uint32_t>(kind),
                      static_cast<uint32_t>(reactants.size())};
  uint64_t h = fnv(head, 2);
  h = fnv(reactants.data(), reactants.size(), h);
  return fnv(products.data(), products.size(), h);
}

/// An open-addressing index from 64-bit hashes to ids (several ids may share
/// a hash; the caller tells which one it wants): one probe sequence in one
/// array instead of a node per entry.
class HashIndex {
public:
  template <typename Match>
  std::optional<uint32_t> find(uint64_t h, Match match) const {
    if (slots.empty())
      return std::nullopt;
    for (size_t i = h & mask();; i = (i + 1) & mask()) {
      const Slot &s = slots[i];
      if (s.id == Empty)
        return std::nullopt;
      if (s.hash == h && match(s.id))
        return s.id;
    }
  }
  void insert(uint64_t h, uint32_t id) {
    if ((used + 1) * 2 > slots.size())
      grow();
    place(h, id);
    ++used;
  }

private:
  static constexpr uint32_t Empty = UINT32_MAX;
  struct Slot {
    uint64_t hash;
    uint32_t id;
  };
  size_t mask() const { return slots.size() - 1; }
  void place(uint64_t h, uint32_t id) {
    size_t i = h & mask();
    while (slots[i].id != Empty)
      i = (i + 1) & mask();
    slots[i] = Slot{h, id};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots);
    slots.assign(std::max<size_t>(64, old.size() * 2), Slot{0, Empty});
    for (const Slot &s : old)
      if (s.id != Empty)
        place(s.hash, s.id);
  }
  std::vector<Slot> slots;
  size_t used = 0;
};

/// Hash of a complex already in canonical rotation: its domains, strand
/// lengths and pairs as they stand (no rotation search).
uint64_t canonicalHash(const Complex &c) {
  uint64_t h = 1469598103934665603ULL;
  for (const Strand &s : c.allStrands()) {
    uint32_t n = static_cast<uint32_t>(s.size());
    h = fnv(&n, 1, h);
    for (DomainRef d : s) {
      uint32_t code = static_cast<uint32_t>(d.key() ^ d.key() >> 32);
      h = fnv(&code, 1, h);
    }
  }
  for (int32_t p : c.allPartners()) {
    uint32_t q = static_cast<uint32_t>(p);
    h = fnv(&q, 1, h);
  }
  return h;
}

class Enumerator {
public:
  Enumerator(const Design &design, const EnumerateOptions &options)
      : design(design), options(options), pool(options.threads) {
    moveOptions.maxHelix = options.maxHelix;
    moveOptions.rejectRemote = options.rejectRemote;
    moveOptions.opening.dGbp = options.dGbp;
    unsigned cutoff = options.releaseCutoff;
    if (options.kSlow > 0)
      for (cutoff = 1;
           openingRate(cutoff, moveOptions.opening) >= options.kSlow;)
        ++cutoff;
    moveOptions.releaseCutoff11 = moveOptions.releaseCutoff1N = cutoff;
  }
  llvm::Error run();
  EnumeratedSystem takeResult();

private:
  ComplexId intern(Complex &&canonical);
  llvm::Error processNeighborhood(ComplexId source);
  void segment(const std::vector<ComplexId> &neighborhood);
  llvm::Error slowReactions(ComplexId x);
  std::string describe(ComplexId id) const;
  llvm::Error oversized(ComplexId x, ComplexId y, const Complex &product) const;
  bool addReaction(ReactionKind kind, std::vector<ComplexId> reactants,
                   std::vector<ComplexId> products, double rate, bool fast);
  std::vector<ComplexId> internAll(std::vector<Complex> &&products);
  bool canBind(ComplexId a, ComplexId b) const;
  std::vector<ComplexId> bindingPartners(ComplexId x) const;
  llvm::Error checkLimits(ComplexId growing) const;
  void computeMoves(const std::vector<ComplexId> &frontier,
                    std::unordered_map<ComplexId, std::vector<Move>> &ready);

  const Design &design;
  const EnumerateOptions &options;
  MoveOptions moveOptions;
  WorkerPool pool;
  EnumeratedSystem sys;
  std::vector<State> state;
  std::vector<std::vector<size_t>> fastOut;    ///< fast reactions per complex
  std::vector<std::vector<Move>> pendingSlow;  ///< slow unimolecular moves
  std::vector<std::vector<uint64_t>> exterior; ///< exterior domain codes
  HashIndex byHash;                            ///< complexes by canonicalHash
  /// Named input complexes by canonicalHash of their canonical form.
  std::unordered_multimap<uint64_t, ComplexIndex> namedByHash;
  /// Detailed reactions by reactionHash.
  HashIndex reactionIndex;
  std::vector<ComplexId> resting, pendingResting, pendingNew;
  /// Resting complexes by the exterior domain codes they expose.
  std::unordered_map<uint64_t, std::vector<ComplexId>> restingByDomain;
  std::vector<size_t> order; ///< position in `resting`
  size_t processed = 0;
};
} // namespace

ComplexId Enumerator::intern(Complex &&canonical) {
  uint64_t h = canonicalHash(canonical);
  if (std::optional<uint32_t> known = byHash.find(h, [&](uint32_t id) {
        return sys.complexes[id].complex == canonical;
      }))
    return *known;
  ComplexId id = static_cast<ComplexId>(sys.complexes.size());
  EnumeratedComplex entry;
  auto named = namedByHash.equal_range(h);
  for (auto it = named.first; it != named.second; ++it) {
    const NamedComplex &nc = design.getComplex(it->second);
    if (nc.complex.isSameMolecule(canonical)) {
      entry.name = nc.name, entry.input = it->second, entry.role = nc.role;
      break;
    }
  }
  std::vector<uint64_t> codes;
  for (DomainRef d : exteriorUnpairedDomains(canonical, design.domains))
    codes.push_back(d.code());
  entry.complex = std::move(canonical);
  sys.complexes.push_back(std::move(entry));
  state.push_back(State::New);
  fastOut.emplace_back();
  pendingSlow.emplace_back();
  order.push_back(0);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  exterior.push_back(std::move(codes));
  byHash.insert(h, id);
  return id;
}

std::vector<ComplexId> Enumerator::internAll(std::vector<Complex> &&products) {
  std::vector<ComplexId> ids;
  for (Complex &c : products)
    ids.push_back(intern(std::move(c)));
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// True when some exterior domain of `a` is complementary to one of `b`.
bool Enumerator::canBind(ComplexId a, ComplexId b) const {
  for (uint64_t code : exterior[a])
    if (std::binary_search(exterior[b].begin(), exterior[b].end(), code ^ 1))
      return true;
  return false;
}

/// `x` itself (if it can bind itself) and every earlier resting complex
/// with an exterior domain complementary to one of x's, in resting order.
std::vector<ComplexId> Enumerator::bindingPartners(ComplexId x) const {
  std::vector<ComplexId> partners;
  for (uint64_t code : exterior[x]) {
    auto it = restingByDomain.find(code ^ 1);
    if (it != restingByDomain.end())
      partners.insert(partners.end(), it->second.begin(), it->second.end());
  }
  std::sort(partners.begin(), partners.end(),
            [&](ComplexId a, ComplexId b) { return order[a] < order[b]; });
  partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
  if (canBind(x, x))
    partners.insert(partners.begin(), x);
  return partners;
}

bool Enumerator::addReaction(ReactionKind kind,
                             std::vector<ComplexId> reactants,
                             std::vector<ComplexId> products, double rate,
                             bool fast) {
  std::sort(reactants.begin(), reactants.end());
  uint64_t h = reactionHash(kind, reactants, products);
  if (reactionIndex.find(h, [&](uint32_t i) {
        const DetailedReaction &r = sys.reactions[i];
        return r.kind == kind && r.reactants == reactants &&
               r.products == products;
      }))
    return false;
  reactionIndex.insert(h, static_cast<uint32_t>(sys.reactions.size()));
  if (fast)
    fastOut[reactants.front()].push_back(sys.reactions.size());
  sys.reactions.push_back(DetailedReaction{kind, std::move(reactants),
                                           std::move(products), rate, fast});
  return true;
}

/// "'name' = kernel" for a named complex, "kernel" for one found.
std::string Enumerator::describe(ComplexId id) const {
  const EnumeratedComplex &c = sys.complexes[id];
  std::string kernel = printKernel(c.complex, design.domains);
  return c.name.empty() ? kernel : "'" + c.name + "' = " + kernel;
}

llvm::Error Enumerator::checkLimits(ComplexId growing) const {
  if (processed > options.maxComplexCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded %s=%zu (%zu complexes) while expanding %s",
        options.complexCountFlag.c_str(), options.maxComplexCount, processed,
        describe(growing).c_str());
  if (sys.reactions.size() > options.maxReactionCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded %s=%zu (%zu reactions) while expanding %s",
        options.reactionCountFlag.c_str(), options.maxReactionCount,
        sys.reactions.size(), describe(growing).c_str());
  return llvm::Error::success();
}

llvm::Error Enumerator::oversized(ComplexId x, ComplexId y,
                                  const Complex &product) const {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "enumeration exceeded --max-complex-size=%u: %s binds %s into a "
      "complex of %zu strands: %s (--drop-oversized ignores such bindings, as "
      "Peppercorn does)",
      options.maxComplexSize, describe(x).c_str(), describe(y).c_str(),
      product.strandCount(), printKernel(product, design.domains).c_str());
}

llvm::Error Enumerator::processNeighborhood(ComplexId source) {
  if (state[source] != State::New)
    return llvm::Error::success();
  double fastCut = std::max(options.kSlow, options.kFast);
  std::vector<ComplexId> frontier{source}, neighborhood;
  std::unordered_map<ComplexId, std::vector<Move>> ready;
  state[source] = State::InNeighborhood;
  while (!frontier.empty()) {
    ComplexId x = frontier.back();
    if (!ready.count(x))
      computeMoves(frontier, ready);
    frontier.pop_back();
    neighborhood.push_back(x);
    std::vector<Move> moves = std::move(ready[x]);
    ready.erase(x);
    for (Move &m : moves) {
      if (m.rate < options.kSlow)
        continue;
      if (m.rate < fastCut) {
        pendingSlow[x].push_back(std::move(m));
        continue;
      }
      std::vector<ComplexId> products = internAll(std::move(m.products));
      addReaction(m.kind, {x}, products, m.rate, true);
      for (ComplexId p : products)
        if (state[p] == State::New) {
          state[p] = State::InNeighborhood;
          frontier.push_back(p);
        }
    }
  }
  processed += neighborhood.size();
  segment(neighborhood);
  return checkLimits(source);
}

/// The unimolecular moves of every complex on the frontier that has none yet,
/// computed in parallel (every complex on the frontier is expanded in turn,
/// so the order in which they are then used stays the sequential one).
void Enumerator::computeMoves(
    const std::vector<ComplexId> &frontier,
    std::unordered_map<ComplexId, std::vector<Move>> &ready) {
  std::vector<ComplexId> unexpanded;
  for (ComplexId c : frontier)
    if (!ready.count(c))
      unexpanded.push_back(c);
  std::vector<std::vector<Move>> moves(unexpanded.size());
  pool.run(unexpanded.size(), [&](size_t i) {
    moves[i] = unimolecularMoves(sys.complexes[unexpanded[i]].complex,
                                 design.domains, moveOptions);
  });
  for (size_t i = 0; i < unexpanded.size(); ++i)
    ready[unexpanded[i]] = std::move(moves[i]);
}

/// Strongly connected components of the fast 1-1 reactions inside the
/// neighborhood; resting = no fast reaction leaves the component.
void Enumerator::segment(const std::vector<ComplexId> &neighborhood) {
  std::unordered_map<ComplexId, uint32_t> local;
  for (ComplexId c : neighborhood)
    local.emplace(c, static_cast<uint32_t>(local.size()));
  auto successors = [&](uint32_t v, std::vector<uint32_t> &out) {
    for (size_t r : fastOut[neighborhood[v]]) {
      const DetailedReaction &rx = sys.reactions[r];
      auto it = rx.products.size() == 1 ? local.find(rx.products.front())
                                        : local.end();
      if (it != local.end())
        out.push_back(it->second);
    }
  };
  for (const std::vector<uint32_t> &component :
       stronglyConnectedComponents(neighborhood.size(), successors)) {
    bool exits = false;
    for (uint32_t v : component)
      for (size_t r : fastOut[neighborhood[v]]) {
        const DetailedReaction &rx = sys.reactions[r];
        auto it = rx.products.size() == 1 ? local.find(rx.products.front())
                                          : local.end();
        exits |=
            it == local.end() ||
            !std::binary_search(component.begin(), component.end(), it->second);
      }
    for (uint32_t v : component) {
      ComplexId c = neighborhood[v];
      state[c] = exits ? State::Transient : State::Resting;
      if (!exits)
        pendingResting.push_back(c);
    }
  }
}

/// Slow reactions of a new resting complex: its slow unimolecular moves, and
/// binding with itself and with every resting complex before it.
llvm::Error Enumerator::slowReactions(ComplexId x) {
  std::vector<std::pair<ComplexId, Move>> found;
  for (Move &m : pendingSlow[x])
    found.push_back({x, std::move(m)});
  pendingSlow[x].clear();
  std::vector<ComplexId> partners = bindingPartners(x);
  std::vector<std::vector<Move>> moves(partners.size());
  pool.run(partners.size(), [&](size_t i) {
    moves[i] = bimolecularMoves(sys.complexes[x].complex,
                                sys.complexes[partners[i]].complex,
                                design.domains, moveOptions);
  });
  for (size_t i = 0; i < partners.size(); ++i) {
    ComplexId y = partners[i];
    for (Move &m : moves[i]) {
      if (m.products.front().strandCount() > options.maxComplexSize) {
        if (!options.dropOversized)
          return oversized(x, y, m.products.front());
        if (!sys.ignoredBySize++)
          sys.firstIgnored = m.products.front();
        continue;
      }
      found.push_back({y, std::move(m)});
    }
  }
  order[x] = resting.size();
  resting.push_back(x);
  for (uint64_t code : exterior[x])
    restingByDomain[code].push_back(x);
  for (auto &[other, m] : found) {
    std::vector<ComplexId> reactants{x};
    if (m.kind == ReactionKind::Bind21)
      reactants.push_back(other);
    std::vector<ComplexId> products = internAll(std::move(m.products));
    addReaction(m.kind, reactants, products, m.rate, false);
    for (ComplexId p : products)
      if (state[p] == State::New)
        pendingNew.push_back(p);
  }
  return llvm::Error::success();
}

llvm::Error Enumerator::run() {
  llvm::StringSet<> taken;
  std::vector<ComplexId> initial;
  // The first name of a molecule wins when the design names it twice.
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    const NamedComplex &nc = design.getComplex(i);
    taken.insert(nc.name);
    namedByHash.insert({canonicalHash(nc.complex.canonical()), i});
  }
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    const NamedComplex &nc = design.getComplex(i);
    if (!nc.concentration || *nc.concentration != 0)
      initial.push_back(intern(nc.complex.canonical()));
  }
  for (ComplexId id : initial)
    if (llvm::Error e = processNeighborhood(id))
      return e;
  while (!pendingResting.empty()) {
    ComplexId x = pendingResting.back();
    pendingResting.pop_back();
    if (llvm::Error e = slowReactions(x))
      return e;
    while (!pendingNew.empty()) {
      ComplexId source = pendingNew.back();
      pendingNew.pop_back();
      if (llvm::Error e = processNeighborhood(source))
        return e;
    }
  }
  unsigned counter = 0;
  for (EnumeratedComplex &c : sys.complexes) {
    while (c.name.empty()) {
      std::string name = "e" + std::to_string(++counter);
      if (taken.insert(name).second)
        c.name = name;
    }
  }
  for (ComplexId id = 0; id < sys.complexes.size(); ++id)
    sys.complexes[id].resting = state[id] == State::Resting;
  return llvm::Error::success();
}

EnumeratedSystem Enumerator::takeResult() { return std::move(sys); }

llvm::Expected<EnumeratedSystem>
crnc::enumerate::enumerateDetailed(const Design &design,
                                   const EnumerateOptions &options) {
  Enumerator enumerator(design, options);
  if (llvm::Error e = enumerator.run())
    return e;
  return enumerator.takeResult();
}

llvm::Expected<EnumeratedSystem>
crnc::enumerate::enumerateDesign(const Design &design,
                                 const EnumerateOptions &options) {
  llvm::Expected<EnumeratedSystem> sys = enumerateDetailed(design, options);
  if (sys)
    condense(*sys, options.peppercornRates);
  return sys;
}
