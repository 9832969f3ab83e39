//===- EnumeratedJSON.h - an enumerated system as JSON ----------*- C++ -*-===//
//
// The result of lib/enumerate as one JSON document: complexes (name, kernel,
// role, resting, macrostate), detailed reactions (type, reactants, products,
// rate with its unit), resting macrostates (complexes with their stationary
// probabilities) and condensed reactions. Rates in /M/s and /s.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_JSON_ENUMERATEDJSON_H
#define CRNC_BACKENDS_JSON_ENUMERATEDJSON_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include <nlohmann/json.hpp>

namespace crnc::json {

nlohmann::ordered_json
enumeratedToJSON(const dna::Design &input,
                 const enumerate::EnumeratedSystem &system);

} // namespace crnc::json

#endif
