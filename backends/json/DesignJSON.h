//===- DesignJSON.h - the whole domain-level design as JSON -----*- C++ -*-===//
//
// One JSON document per design: scheme, unit, domains (name, length, kind),
// complexes (name, role, kernel, dot-paren, strands, concentration), the
// formal reaction modules with the fuels they use and their cost, and the
// cost totals. Keys keep a fixed order, so the output is deterministic.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_JSON_DESIGNJSON_H
#define CRNC_BACKENDS_JSON_DESIGNJSON_H

#include "lib/dna/Design.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace crnc::json {

/// The design as an ordered JSON value (a tree: for small designs and tests).
nlohmann::ordered_json designToJSON(const dna::Design &design);
/// Writes the same document, indented by two spaces, with a trailing newline,
/// streaming one complex at a time (no tree of the whole design).
void writeDesignJSON(const dna::Design &design, llvm::raw_ostream &os);
/// The same with costs already computed by dna::computeCosts(design).
void writeDesignJSON(const dna::Design &design, const dna::DesignCosts &costs,
                     llvm::raw_ostream &os);

} // namespace crnc::json

#endif
