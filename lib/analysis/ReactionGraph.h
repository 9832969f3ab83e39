//===- ReactionGraph.h - the species-reaction graph of a module -*- C++ -*-===//
//
// The bipartite graph of a CRN (species and reaction nodes, reactant and
// product edges) as a Boost.Graph adjacency list, and the analyses built on it:
// forward reachability from an initial state (which species can ever appear,
// which reactions can ever fire) and strongly connected components of the
// species graph (X -> Y when some reaction consumes X and makes Y).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_REACTIONGRAPH_H
#define CRNC_ANALYSIS_REACTIONGRAPH_H

#include "ir/Module.h"
#include <boost/graph/adjacency_list.hpp>
#include <vector>

namespace crnc::analysis {

/// Directed bipartite graph. Vertices 0..S-1 are species; vertex S + 2r is the
/// forward direction of reaction r and S + 2r + 1 its reverse direction (an
/// isolated vertex when the reaction is irreversible). Edges run from each
/// reactant to a direction and from the direction to each product.
class ReactionGraph {
public:
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  using Vertex = Graph::vertex_descriptor;

  explicit ReactionGraph(const ir::Module &module);

  const Graph &graph() const { return g; }
  size_t speciesCount() const { return numSpecies; }
  size_t reactionCount() const { return numReactions; }
  Vertex speciesVertex(ir::SpeciesId s) const { return s; }
  /// The vertex of one direction of reaction `r`.
  Vertex directionVertex(size_t r, bool reverse) const {
    return numSpecies + 2 * r + (reverse ? 1 : 0);
  }
  bool isSpecies(Vertex v) const { return v < numSpecies; }

private:
  Graph g;
  size_t numSpecies;
  size_t numReactions;
};

/// Which parts of a module the dynamics can ever reach.
struct Reachability {
  std::vector<bool> species; ///< per species: present now or producible
  std::vector<bool> forward; ///< per reaction: forward direction can fire
  std::vector<bool> reverse; ///< per reaction: reverse direction can fire
  bool reactionCanFire(size_t r) const { return forward[r] || reverse[r]; }
};

/// True for species that are present from the start: a non-zero initial
/// value, or a role whose amount the environment supplies (input, target,
/// fuel, clock).
bool isInitiallyAvailable(const ir::Species &species);

/// Least fixed point: a direction fires when all its reactants are reachable
/// (zero-order directions always fire); its products become reachable.
/// `available` gives the initial set (defaults to isInitiallyAvailable).
/// Runs in O(species + reactions + terms).
Reachability computeReachability(const ir::Module &module,
                                 const std::vector<bool> *available = nullptr);

/// Strongly connected components of the species graph: X -> Y when some
/// direction of a reaction has X among its reactants and Y among its products
/// (a catalyst therefore links to what it helps make).
struct SpeciesComponents {
  std::vector<unsigned> componentOf; ///< per species
  /// Members of each component, species in id order; components ordered by
  /// their smallest member.
  std::vector<std::vector<ir::SpeciesId>> components;
};
SpeciesComponents computeSpeciesSCCs(const ir::Module &module);

} // namespace crnc::analysis

#endif
