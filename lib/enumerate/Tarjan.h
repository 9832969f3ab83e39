//===- Tarjan.h - strongly connected components -----------------*- C++ -*-===//
//
// Tarjan's algorithm, iterative (no recursion depth limit), on vertices
// 0..n-1 with successors given by a callback. Used for the fast-reaction
// graph of a neighborhood (resting vs transient) and of the whole network
// (condensation).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_TARJAN_H
#define CRNC_ENUMERATE_TARJAN_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstddef>
#include <cstdint>
#include <vector>

namespace crnc::enumerate {

/// Fills `out` with the successors of a vertex.
using Successors =
    llvm::function_ref<void(uint32_t vertex, std::vector<uint32_t> &out)>;

/// The strongly connected components, each sorted, in Tarjan's emission
/// order: a component comes after every component it reaches.
std::vector<std::vector<uint32_t>>
stronglyConnectedComponents(size_t vertices, Successors successors);

} // namespace crnc::enumerate

#endif
