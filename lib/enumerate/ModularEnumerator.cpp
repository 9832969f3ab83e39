//===- ModularEnumerator.cpp - enumeration module by module ---------------===//
//
//  1. Infer modules from shared domains (inferModules).
//  2. Enumerate every module whose initial complexes changed; a module whose
//     initial complexes equal an earlier one's up to domain renaming takes
//     that result, renamed.
//  3. Merge into one network; index resting complexes by exterior domain;
//     pull each resting complex that can bind a resting complex of a module
//     it does not share into that module; repeat 2-3 until nothing moves.
//  4. Name new complexes and condense the union.
//
//===----------------------------------------------------------------------===//

#include "lib/enumerate/ModularEnumerator.h"
#include "lib/dna/KernelNotation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

static size_t findRoot(std::vector<size_t> &parent, size_t x) {
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

static bool isInitial(const NamedComplex &c) {
  return !c.concentration || *c.concentration != 0;
}

std::vector<std::vector<ComplexIndex>>
crnc::enumerate::inferModules(const Design &design) {
  std::vector<bool> signalDomain(design.domains.size(), false);
  std::vector<ComplexIndex> fuels, signals;
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    const NamedComplex &c = design.getComplex(i);
    if (!isInitial(c))
      continue;
    if (c.role != ComplexRole::Signal) {
      fuels.push_back(i);
      continue;
    }
    signals.push_back(i);
    for (const Strand &s : c.complex.allStrands())
      for (DomainRef d : s)
        signalDomain[d.id] = true;
  }
  std::vector<size_t> parent(fuels.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<long> owner(design.domains.size(), -1);
  for (size_t f = 0; f < fuels.size(); ++f)
    for (const Strand &s : design.getComplex(fuels[f]).complex.allStrands())
      for (DomainRef d : s) {
        if (signalDomain[d.id])
          continue;
        if (owner[d.id] < 0)
          owner[d.id] = static_cast<long>(f);
        else
          parent[findRoot(parent, f)] =
              findRoot(parent, static_cast<size_t>(owner[d.id]));
      }
  std::map<size_t, std::vector<ComplexIndex>> groups;
  for (size_t f = 0; f < fuels.size(); ++f)
    groups[findRoot(parent, f)].push_back(fuels[f]);
  std::vector<std::vector<ComplexIndex>> modules;
  std::vector<bool> placed(signals.size(), false);
  for (auto &[root, members] : groups) {
    std::set<DomainId> domains;
    for (ComplexIndex f : members)
      for (const Strand &s : design.getComplex(f).complex.allStrands())
        for (DomainRef d : s)
          domains.insert(d.id);
    for (size_t k = 0; k < signals.size(); ++k) {
      bool touches = false;
      for (const Strand &s : design.getComplex(signals[k]).complex.allStrands())
        for (DomainRef d : s)
          touches |= domains.count(d.id) > 0;
      if (touches)
        members.push_back(signals[k]), placed[k] = true;
    }
    modules.push_back(std::move(members));
  }
  for (size_t k = 0; k < signals.size(); ++k)
    if (!placed[k])
      modules.push_back({signals[k]});
  return modules;
}

namespace {
/// One module: its initial complexes (canonical), named where they come
/// from the design, and its last enumeration mapped to global ids.
struct Module {
  std::vector<Complex> initial;
  std::vector<std::optional<ComplexIndex>> source;
  bool dirty = true;
  std::vector<ComplexId> members; ///< global ids of its complexes
};

/// A module's initial complexes with domains renamed in order of first
/// appearance: equal signatures mean equal enumerations up to renaming.
struct Signature {
  std::vector<uint64_t> key;
  std::vector<DomainId> domains; ///< renamed index -> domain id
};

Signature signatureOf(const Module &m, const DomainTable &table) {
  Signature sig;
  std::unordered_map<DomainId, uint64_t> renamed;
  for (const Complex &c : m.initial) {
    sig.key.push_back(c.strandCount());
    for (const Strand &s : c.allStrands()) {
      sig.key.push_back(s.size());
      for (DomainRef d : s) {
        auto [it, fresh] = renamed.emplace(d.id, sig.domains.size());
        if (fresh)
          sig.domains.push_back(d.id);
        sig.key.push_back(it->second * 2 + d.complement);
      }
    }
    for (int32_t p : c.allPartners())
      sig.key.push_back(static_cast<uint64_t>(p + 1));
  }
  for (DomainId d : sig.domains)
    sig.key.push_back(table.length(DomainRef{d, false}));
  return sig;
}

/// A module enumeration kept for reuse as indices into the union (which
/// never drops a complex or reaction): its complexes in the module's order,
/// which of them rest, and its detailed reactions. A few bytes per complex
/// instead of a copy of the module's network.
struct Cached {
  Signature sig;
  std::vector<ComplexId> members;
  std::vector<bool> resting;
  std::vector<uint32_t> reactions;
};

Complex renameDomains(const Complex &c,
                      const std::unordered_map<DomainId, DomainId> &map) {
  std::vector<Strand> strands = c.allStrands();
  for (Strand &s : strands)
    for (DomainRef &d : s)
      d.id = map.at(d.id);
  return Complex(std::move(strands), c.allPartners()).canonical();
}

class ModularEnumerator {
public:
  ModularEnumerator(const Design &design, const EnumerateOptions &options,
                    ModularStats &stats)
      : design(design), options(options), stats(stats) {}
  llvm::Expected<EnumeratedSystem> run();

private:
  llvm::Error enumerateModule(size_t index);
  llvm::Expected<EnumeratedSystem> runModule(const Module &m);
  EnumeratedSystem fromCache(const Cached &cached, const Signature &sig) const;
  ComplexId intern(const Complex &c, std::optional<ComplexIndex> source);
  uint32_t addReaction(const DetailedReaction &r,
                       const std::vector<ComplexId> &global);
  bool pullCrosstalk();
  void
  noteTopCrosstalk(const std::unordered_map<uint64_t, size_t> &pulledThrough);
  std::string crosstalkCause() const;
  void nameInputComplexes();
  llvm::Error checkUnion(size_t grown) const;

  const Design &design;
  const EnumerateOptions &options;
  ModularStats &stats;
  std::vector<Module> modules;
  std::map<std::vector<uint64_t>, Cached> cache;
  EnumeratedSystem sys;
  std::unordered_multimap<uint64_t, ComplexId> byHash;
  std::map<std::vector<uint32_t>, uint32_t> reactionKeys; ///< -> index
  std::vector<std::vector<uint32_t>> moduleOf; ///< modules of each complex
};
} // namespace

ComplexId ModularEnumerator::intern(const Complex &c,
                                    std::optional<ComplexIndex> source) {
  uint64_t h = c.hash();
  auto range = byHash.equal_range(h);
  for (auto it = range.first; it != range.second; ++it)
    if (sys.complexes[it->second].complex == c) {
      EnumeratedComplex &e = sys.complexes[it->second];
      if (source && !e.input) {
        e.input = source, e.name = design.getComplex(*source).name;
        e.role = design.getComplex(*source).role;
      }
      return it->second;
    }
  ComplexId id = static_cast<ComplexId>(sys.complexes.size());
  EnumeratedComplex e;
  e.complex = c;
  if (source) {
    e.input = source, e.name = design.getComplex(*source).name;
    e.role = design.getComplex(*source).role;
  }
  sys.complexes.push_back(std::move(e));
  moduleOf.emplace_back();
  byHash.insert({h, id});
  return id;
}

uint32_t ModularEnumerator::addReaction(const DetailedReaction &r,
                                        const std::vector<ComplexId> &global) {
  DetailedReaction g = r;
  for (ComplexId &c : g.reactants)
    c = global[c];
  for (ComplexId &c : g.products)
    c = global[c];
  std::sort(g.reactants.begin(), g.reactants.end());
  std::sort(g.products.begin(), g.products.end());
  std::vector<uint32_t> key{static_cast<uint32_t>(g.kind),
                            static_cast<uint32_t>(g.reactants.size())};
  key.insert(key.end(), g.reactants.begin(), g.reactants.end());
  key.insert(key.end(), g.products.begin(), g.products.end());
  auto [it, fresh] = reactionKeys.emplace(
      std::move(key), static_cast<uint32_t>(sys.reactions.size()));
  if (fresh)
    sys.reactions.push_back(std::move(g));
  return it->second;
}

/// Enumerates module `m` alone (its initial complexes over the design's
/// domains).
llvm::Expected<EnumeratedSystem> ModularEnumerator::runModule(const Module &m) {
  Design sub;
  sub.domains = design.domains;
  for (size_t i = 0; i < m.initial.size(); ++i) {
    NamedComplex nc;
    // Design names where there are (for error messages); a complex pulled
    // in from another module's enumeration has none.
    nc.name = m.source[i] ? design.getComplex(*m.source[i]).name
                          : "pulled" + std::to_string(i);
    nc.complex = m.initial[i];
    sub.add(std::move(nc));
  }
  llvm::Expected<EnumeratedSystem> r = enumerateDetailed(sub, options);
  if (r)
    return r;
  std::string cause = crosstalkCause();
  if (cause.empty())
    return r.takeError();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 llvm::toString(r.takeError()) + cause);
}

/// A cached module enumeration renamed to `sig`'s domains, as a network of
/// its own (complexes in the cached order, reactions on those indices).
EnumeratedSystem ModularEnumerator::fromCache(const Cached &cached,
                                              const Signature &sig) const {
  std::unordered_map<DomainId, DomainId> rename;
  for (size_t i = 0; i < sig.domains.size(); ++i)
    rename[cached.sig.domains[i]] = sig.domains[i];
  bool identity = llvm::all_of(
      rename, [](const auto &pair) { return pair.first == pair.second; });
  EnumeratedSystem out;
  std::unordered_map<ComplexId, ComplexId> local;
  for (size_t i = 0; i < cached.members.size(); ++i) {
    const Complex &c = sys.complexes[cached.members[i]].complex;
    EnumeratedComplex e;
    e.complex = identity ? c : renameDomains(c, rename);
    e.resting = cached.resting[i];
    out.complexes.push_back(std::move(e));
    local.emplace(cached.members[i], static_cast<ComplexId>(i));
  }
  for (uint32_t index : cached.reactions) {
    DetailedReaction r = sys.reactions[index];
    for (ComplexId &c : r.reactants)
      c = local.at(c);
    for (ComplexId &c : r.products)
      c = local.at(c);
    out.reactions.push_back(std::move(r));
  }
  return out;
}

llvm::Error ModularEnumerator::enumerateModule(size_t index) {
  Module &m = modules[index];
  Signature sig = signatureOf(m, design.domains);
  auto cached = cache.find(sig.key);
  llvm::Expected<EnumeratedSystem> result =
      cached != cache.end() ? fromCache(cached->second, sig) : runModule(m);
  if (!result)
    return result.takeError();
  if (cached != cache.end())
    ++stats.reused;
  else
    ++stats.enumerated, stats.moduleComplexes += result->complexes.size();
  std::unordered_multimap<uint64_t, size_t> initialByHash;
  for (size_t i = 0; i < m.initial.size(); ++i)
    if (m.source[i])
      initialByHash.emplace(m.initial[i].hash(), i);
  std::vector<ComplexId> global;
  for (const EnumeratedComplex &c : result->complexes) {
    // The last initial complex equal to it names it.
    std::optional<size_t> initial;
    auto range = initialByHash.equal_range(c.complex.hash());
    for (auto it = range.first; it != range.second; ++it)
      if (m.initial[it->second] == c.complex)
        initial = std::max(initial.value_or(0), it->second);
    std::optional<ComplexIndex> source;
    if (initial)
      source = m.source[*initial];
    ComplexId id = intern(c.complex, source);
    sys.complexes[id].resting = c.resting;
    global.push_back(id);
    if (std::find(moduleOf[id].begin(), moduleOf[id].end(), index) ==
        moduleOf[id].end())
      moduleOf[id].push_back(static_cast<uint32_t>(index));
  }
  std::vector<uint32_t> reactions;
  for (const DetailedReaction &r : result->reactions)
    reactions.push_back(addReaction(r, global));
  if (cached == cache.end()) {
    Cached entry{std::move(sig), global, {}, std::move(reactions)};
    for (const EnumeratedComplex &c : result->complexes)
      entry.resting.push_back(c.resting);
    std::vector<uint64_t> key = entry.sig.key;
    cache.emplace(std::move(key), std::move(entry));
  }
  m.members = std::move(global);
  m.dirty = false;
  return llvm::Error::success();
}

/// After a crosstalk round: "; the crosstalk check before this round pulled
/// 15453 complexes across modules, 1781 of them through t458 (signal
/// 'clk')".
std::string ModularEnumerator::crosstalkCause() const {
  if (stats.rounds < 2 || stats.topCrosstalkDomain.empty())
    return "";
  std::string cause = "; the crosstalk check before this round pulled " +
                      std::to_string(stats.lastRoundPulled) +
                      " complexes across modules, " +
                      std::to_string(stats.topCrosstalkCount) +
                      " of them through " + stats.topCrosstalkDomain;
  if (!stats.topCrosstalkSignal.empty())
    cause += " (signal '" + stats.topCrosstalkSignal + "')";
  return cause;
}

/// The count limits on the union, naming the module that grew it by its
/// first complex (and, after a crosstalk round, the domain that carried it).
llvm::Error ModularEnumerator::checkUnion(size_t grown) const {
  const Module &m = modules[grown];
  std::string first = printKernel(m.initial.front(), design.domains);
  if (m.source.front())
    first = "'" + design.getComplex(*m.source.front()).name + "' = " + first;
  if (options.maxUnionComplexCount) {
    if (sys.complexes.size() <= options.maxUnionComplexCount)
      return llvm::Error::success();
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded %s=%zu (%zu complexes over the modules) while "
        "adding the module of %s (module %zu of %zu, crosstalk round %zu)%s",
        options.unionComplexCountFlag.c_str(), options.maxUnionComplexCount,
        sys.complexes.size(), first.c_str(), grown + 1, modules.size(),
        stats.rounds, crosstalkCause().c_str());
  }
  if (sys.complexes.size() > options.maxComplexCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded %s=%zu (%zu complexes over the modules) while "
        "adding the module of %s%s",
        options.complexCountFlag.c_str(), options.maxComplexCount,
        sys.complexes.size(), first.c_str(), crosstalkCause().c_str());
  if (sys.reactions.size() > options.maxReactionCount)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "enumeration exceeded %s=%zu (%zu reactions over the modules) while "
        "adding the module of %s%s",
        options.reactionCountFlag.c_str(), options.maxReactionCount,
        sys.reactions.size(), first.c_str(), crosstalkCause().c_str());
  return llvm::Error::success();
}

/// Pulls, for every pair of resting complexes that can bind and share no
/// module, the second into the first module of the first. True if any moved.
bool ModularEnumerator::pullCrosstalk() {
  std::unordered_map<uint64_t, std::vector<ComplexId>> byDomain;
  std::vector<std::vector<uint64_t>> exposed(sys.complexes.size());
  for (ComplexId id = 0; id < sys.complexes.size(); ++id) {
    if (!sys.complexes[id].resting)
      continue;
    for (DomainRef d :
         exteriorUnpairedDomains(sys.complexes[id].complex, design.domains))
      exposed[id].push_back(d.code());
    std::sort(exposed[id].begin(), exposed[id].end());
    exposed[id].erase(std::unique(exposed[id].begin(), exposed[id].end()),
                      exposed[id].end());
    for (uint64_t code : exposed[id])
      byDomain[code].push_back(id);
  }
  bool moved = false;
  std::unordered_map<uint64_t, size_t> pulledThrough;
  size_t pulledBefore = stats.crosstalk;
  for (ComplexId x = 0; x < sys.complexes.size(); ++x) {
    for (uint64_t code : exposed[x]) {
      auto it = byDomain.find(code ^ 1);
      if (it == byDomain.end())
        continue;
      for (ComplexId y : it->second) {
        if (y <= x)
          continue;
        const auto &mx = moduleOf[x], &my = moduleOf[y];
        bool shared = std::any_of(mx.begin(), mx.end(), [&](uint32_t k) {
          return std::find(my.begin(), my.end(), k) != my.end();
        });
        if (shared)
          continue;
        Module &target = modules[mx.front()];
        target.initial.push_back(sys.complexes[y].complex);
        target.source.push_back(sys.complexes[y].input);
        target.dirty = true;
        moduleOf[y].push_back(mx.front());
        ++stats.crosstalk;
        ++pulledThrough[code];
        moved = true;
      }
    }
  }
  if (moved) {
    stats.lastRoundPulled = stats.crosstalk - pulledBefore;
    noteTopCrosstalk(pulledThrough);
  }
  return moved;
}

/// The domain that carried most of a round's crosstalk (smallest code on a
/// tie), and the first initial signal that has it either way round.
void ModularEnumerator::noteTopCrosstalk(
    const std::unordered_map<uint64_t, size_t> &pulledThrough) {
  uint64_t top = 0;
  size_t count = 0;
  for (const auto &[code, n] : pulledThrough)
    if (n > count || (n == count && code < top))
      top = code, count = n;
  DomainRef domain{static_cast<DomainId>(top >> 1), (top & 1) != 0};
  stats.topCrosstalkDomain = design.domains.spell(domain);
  stats.topCrosstalkCount = count;
  stats.topCrosstalkSignal.clear();
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    const NamedComplex &c = design.getComplex(i);
    if (c.role != ComplexRole::Signal || !isInitial(c))
      continue;
    for (const Strand &strand : c.complex.allStrands())
      for (DomainRef d : strand)
        if (d.id == domain.id && stats.topCrosstalkSignal.empty())
          stats.topCrosstalkSignal = c.name;
  }
}

/// Complexes reached that the design names (with zero concentration) take
/// their names, as in the whole-system enumeration.
void ModularEnumerator::nameInputComplexes() {
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    Complex c = design.getComplex(i).complex.canonical();
    auto range = byHash.equal_range(c.hash());
    for (auto it = range.first; it != range.second; ++it) {
      EnumeratedComplex &e = sys.complexes[it->second];
      if (e.complex == c && !e.input) {
        e.input = i, e.name = design.getComplex(i).name;
        e.role = design.getComplex(i).role;
      }
    }
  }
}

llvm::Expected<EnumeratedSystem> ModularEnumerator::run() {
  for (const std::vector<ComplexIndex> &members : inferModules(design)) {
    Module m;
    for (ComplexIndex i : members) {
      m.initial.push_back(design.getComplex(i).complex.canonical());
      m.source.push_back(i);
    }
    modules.push_back(std::move(m));
  }
  stats.modules = modules.size();
  do {
    ++stats.rounds;
    for (size_t i = 0; i < modules.size(); ++i)
      if (modules[i].dirty) {
        if (llvm::Error e = enumerateModule(i)) {
          stats.stop = ModularStop::Module;
          return e;
        }
        if (llvm::Error e = checkUnion(i)) {
          stats.stop = ModularStop::Union;
          return e;
        }
      }
  } while (pullCrosstalk());
  nameInputComplexes();
  llvm::StringSet<> taken;
  for (const NamedComplex &c : design.allComplexes())
    taken.insert(c.name);
  unsigned counter = 0;
  for (EnumeratedComplex &c : sys.complexes)
    while (c.name.empty()) {
      std::string name = "e" + std::to_string(++counter);
      if (taken.insert(name).second)
        c.name = name;
    }
  condense(sys, options.peppercornRates);
  return std::move(sys);
}

llvm::Expected<EnumeratedSystem>
crnc::enumerate::enumerateByModule(const Design &design,
                                   const EnumerateOptions &options,
                                   ModularStats *stats) {
  ModularStats local;
  return ModularEnumerator(design, options, stats ? *stats : local).run();
}
