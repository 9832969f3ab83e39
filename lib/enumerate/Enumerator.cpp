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

struct KeyHash {
  size_t operator()(const std::vector<uint32_t> &key) const {
    return fnv(key.data(), key.size());
  }
};

/// Hash of a complex already in canonical rotation: its domains, strand
/// lengths and pairs as they stand (no rotation search).
uint64_t canonicalHash(const Complex &c) {
  uint64_t h = 1469598103934665603ULL;
  for (const Strand &s : c.allStrands()) {
    uint32_t n = static_cast<uint32_t>(s.size());
    h = fnv(&n, 1, h);
    for (DomainRef d : s) {
      uint32_t code = static_cast<uint32_t>(d.code());
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
      : design(design), options(options) {
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
  ComplexId intern(const Complex &canonical);
  llvm::Error processNeighborhood(ComplexId source);
  void segment(const std::vector<ComplexId> &neighborhood);
  void slowReactions(ComplexId x);
  bool addReaction(ReactionKind kind, std::vector<ComplexId> reactants,
                   std::vector<ComplexId> products, double rate, bool fast);
  std::vector<ComplexId> internAll(const std::vector<Complex> &products);
  bool canBind(ComplexId a, ComplexId b) const;
  std::vector<ComplexId> bindingPartners(ComplexId x) const;
  llvm::Error checkLimits(ComplexId growing) const;

  const Design &design;
  const EnumerateOptions &options;
  MoveOptions moveOptions;
  EnumeratedSystem sys;
  std::vector<State> state;
  std::vector<std::vector<size_t>> fastOut;    ///< fast reactions per complex
  std::vector<std::vector<Move>> pendingSlow;  ///< slow unimolecular moves
  std::vector<std::vector<uint64_t>> exterior; ///< exterior domain codes
  std::unordered_multimap<uint64_t, ComplexId> byHash;
  /// Named input complexes by canonicalHash of their canonical form.
  std::unordered_multimap<uint64_t, ComplexIndex> namedByHash;
  std::unordered_map<std::vector<uint32_t>, size_t, KeyHash> reactionIndex;
  std::vector<ComplexId> resting, pendingResting, pendingNew;
  /// Resting complexes by the exterior domain codes they expose.
  std::unordered_map<uint64_t, std::vector<ComplexId>> restingByDomain;
  std::vector<size_t> order; ///< position in `resting`
  size_t processed = 0;
};
} // namespace

ComplexId Enumerator::intern(const Complex &canonical) {
  uint64_t h = canonicalHash(canonical);
  auto range = byHash.equal_range(h);
  for (auto it = range.first; it != range.second; ++it)
    if (sys.complexes[it->second].complex == canonical)
      return it->second;
  ComplexId id = static_cast<ComplexId>(sys.complexes.size());
  EnumeratedComplex entry;
  entry.complex = canonical;
  auto named = namedByHash.equal_range(h);
  for (auto it = named.first; it != named.second; ++it) {
    const NamedComplex &nc = design.getComplex(it->second);
    if (nc.complex.isSameMolecule(canonical)) {
      entry.name = nc.name, entry.input = it->second, entry.role = nc.role;
      break;
    }
  }
  sys.complexes.push_back(std::move(entry));
  state.push_back(State::New);
  fastOut.emplace_back();
  pendingSlow.emplace_back();
  order.push_back(0);
  std::vector<uint64_t> codes;
  for (DomainRef d : exteriorUnpairedDomains(canonical, design.domains))
    codes.push_back(d.code());
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  exterior.push_back(std::move(codes));
  byHash.insert({h, id});
  return id;
}

std::vector<ComplexId>
Enumerator::internAll(const std::vector<Complex> &products) {
  std::vector<ComplexId> ids;
  for (const Complex &c : products)
    ids.push_back(intern(c));
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
  std::vector<uint32_t> key{static_cast<uint32_t>(kind),
                            static_cast<uint32_t>(reactants.size())};
  key.insert(key.end(), reactants.begin(), reactants.end());
  key.insert(key.end(), products.begin(), products.end());
  if (!reactionIndex.emplace(std::move(key), sys.reactions.size()).second)
    return false;
  if (fast)
    fastOut[reactants.front()].push_back(sys.reactions.size());
  sys.reactions.push_back(DetailedReaction{kind, std::move(reactants),
                                           std::move(products), rate, fast});
  return true;
}

llvm::Error Enumerator::checkLimits(ComplexId growing) const {
  auto describe = [&] {
    const EnumeratedComplex &c = sys.complexes[growing];
    return "while expanding " +
           (c.name.empty() ? std::string("a complex") : "'" + c.name + "'") +
           " = " + printKernel(c.complex, design.domains);
  };
  if (processed > options.maxComplexCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded --max-complex-count=%zu (%zu complexes) %s",
        options.maxComplexCount, processed, describe().c_str());
  if (sys.reactions.size() > options.maxReactionCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded --max-reaction-count=%zu (%zu reactions) %s",
        options.maxReactionCount, sys.reactions.size(), describe().c_str());
  return llvm::Error::success();
}

llvm::Error Enumerator::processNeighborhood(ComplexId source) {
  if (state[source] != State::New)
    return llvm::Error::success();
  double fastCut = std::max(options.kSlow, options.kFast);
  std::vector<ComplexId> frontier{source}, neighborhood;
  state[source] = State::InNeighborhood;
  while (!frontier.empty()) {
    ComplexId x = frontier.back();
    frontier.pop_back();
    neighborhood.push_back(x);
    Complex cx = sys.complexes[x].complex;
    for (Move &m : unimolecularMoves(cx, design.domains, moveOptions)) {
      if (m.rate < options.kSlow)
        continue;
      if (m.rate < fastCut) {
        pendingSlow[x].push_back(std::move(m));
        continue;
      }
      std::vector<ComplexId> products = internAll(m.products);
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
void Enumerator::slowReactions(ComplexId x) {
  std::vector<std::pair<ComplexId, Move>> found;
  for (Move &m : pendingSlow[x])
    found.push_back({x, std::move(m)});
  pendingSlow[x].clear();
  for (ComplexId y : bindingPartners(x)) {
    Complex cx = sys.complexes[x].complex, cy = sys.complexes[y].complex;
    for (Move &m : bimolecularMoves(cx, cy, design.domains, moveOptions)) {
      if (m.products.front().strandCount() > options.maxComplexSize) {
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
    std::vector<ComplexId> products = internAll(m.products);
    addReaction(m.kind, reactants, products, m.rate, false);
    for (ComplexId p : products)
      if (state[p] == State::New)
        pendingNew.push_back(p);
  }
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
    slowReactions(x);
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
