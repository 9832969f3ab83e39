//===- ReactionGraph.cpp - the species-reaction graph of a module ---------===//
//
// Reachability is the standard AND/OR fixed point on a bipartite graph (a
// reaction node waits for all its inputs, a species node for any one); SCCs
// come from boost::strong_components (Tarjan).
//
//===----------------------------------------------------------------------===//

#include "lib/analysis/ReactionGraph.h"
#include <algorithm>
#include <boost/graph/strong_components.hpp>

using namespace crnc;
using namespace crnc::analysis;
using namespace crnc::ir;

ReactionGraph::ReactionGraph(const Module &module)
    : g(module.speciesCount() + 2 * module.reactionCount()),
      numSpecies(module.speciesCount()), numReactions(module.reactionCount()) {
  const std::vector<Reaction> &reactions = module.allReactions();
  for (size_t r = 0; r < reactions.size(); ++r) {
    const Reaction &rx = reactions[r];
    Vertex fwd = directionVertex(r, false);
    for (const Term &t : rx.reactants)
      boost::add_edge(speciesVertex(t.species), fwd, g);
    for (const Term &t : rx.products)
      boost::add_edge(fwd, speciesVertex(t.species), g);
    if (!rx.isReversible())
      continue;
    Vertex rev = directionVertex(r, true);
    for (const Term &t : rx.products)
      boost::add_edge(speciesVertex(t.species), rev, g);
    for (const Term &t : rx.reactants)
      boost::add_edge(rev, speciesVertex(t.species), g);
  }
}

bool analysis::isInitiallyAvailable(const Species &s) {
  if (s.initial != 0)
    return true;
  switch (s.role) {
  case SpeciesRole::Input:
  case SpeciesRole::Target:
  case SpeciesRole::Fuel:
  case SpeciesRole::Clock:
    return true;
  default:
    return false;
  }
}

/// Distinct species of one side (sides are short: quadratic is fine).
static size_t distinctSpecies(const TermList &side) {
  size_t n = 0;
  for (size_t i = 0; i < side.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j)
      seen |= side[j].species == side[i].species;
    n += !seen;
  }
  return n;
}

/// Algorithm:
///  1. Every direction vertex gets a counter of distinct reactants not yet
///     reached; directions with none (zero-order) fire at once.
///  2. Worklist over newly reached vertices: a species decrements the counter
///     of each direction it feeds (once per direction: its edges to one
///     direction are adjacent in the out-edge list, as they are added per
///     reaction); a direction reaching 0 fires and reaches its products.
Reachability analysis::computeReachability(const Module &module,
                                           const std::vector<bool> *available) {
  ReactionGraph rg(module);
  const ReactionGraph::Graph &g = rg.graph();
  size_t numSpecies = module.speciesCount();
  size_t numVertices = boost::num_vertices(g);
  std::vector<bool> reached(numVertices, false);
  std::vector<uint32_t> waiting(numVertices, 0);
  std::vector<ReactionGraph::Vertex> work;
  auto reach = [&](ReactionGraph::Vertex v) {
    if (reached[v])
      return;
    reached[v] = true;
    work.push_back(v);
  };
  const std::vector<Reaction> &reactions = module.allReactions();
  for (size_t r = 0; r < reactions.size(); ++r) {
    ReactionGraph::Vertex fwd = rg.directionVertex(r, false);
    waiting[fwd] = distinctSpecies(reactions[r].reactants);
    if (waiting[fwd] == 0)
      reach(fwd);
    if (!reactions[r].isReversible())
      continue;
    ReactionGraph::Vertex rev = rg.directionVertex(r, true);
    waiting[rev] = distinctSpecies(reactions[r].products);
    if (waiting[rev] == 0)
      reach(rev);
  }
  for (SpeciesId s = 0; s < numSpecies; ++s)
    if (available ? (*available)[s]
                  : isInitiallyAvailable(module.getSpecies(s)))
      reach(rg.speciesVertex(s));
  while (!work.empty()) {
    ReactionGraph::Vertex v = work.back();
    work.pop_back();
    bool isSpecies = rg.isSpecies(v);
    ReactionGraph::Vertex previous = numVertices;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      ReactionGraph::Vertex t = boost::target(*it, g);
      if (!isSpecies) {
        reach(t);
        continue;
      }
      if (t != previous && --waiting[t] == 0)
        reach(t);
      previous = t;
    }
  }
  Reachability result;
  result.species.assign(reached.begin(), reached.begin() + numSpecies);
  for (size_t r = 0; r < module.reactionCount(); ++r) {
    result.forward.push_back(reached[rg.directionVertex(r, false)]);
    result.reverse.push_back(reached[rg.directionVertex(r, true)]);
  }
  return result;
}

SpeciesComponents analysis::computeSpeciesSCCs(const Module &module) {
  using SpeciesGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  SpeciesGraph g(module.speciesCount());
  auto link = [&](const TermList &from, const TermList &to) {
    for (const Term &a : from)
      for (const Term &b : to)
        boost::add_edge(a.species, b.species, g);
  };
  for (const Reaction &r : module.allReactions()) {
    link(r.reactants, r.products);
    if (r.isReversible())
      link(r.products, r.reactants);
  }
  std::vector<int> raw(module.speciesCount(), 0);
  if (!raw.empty())
    boost::strong_components(g, raw.data());
  // Renumber components by their smallest member for a deterministic order.
  SpeciesComponents result;
  result.componentOf.assign(module.speciesCount(), 0);
  std::vector<unsigned> newIdOfRaw(module.speciesCount() + 1, UINT32_MAX);
  for (SpeciesId s = 0; s < module.speciesCount(); ++s) {
    unsigned &id = newIdOfRaw[raw[s]];
    if (id == UINT32_MAX) {
      id = static_cast<unsigned>(result.components.size());
      result.components.emplace_back();
    }
    result.componentOf[s] = id;
    result.components[id].push_back(s);
  }
  return result;
}
