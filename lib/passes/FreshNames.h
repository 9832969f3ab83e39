//===- FreshNames.h - new species names in amortised O(1) -------*- C++ -*-===//
//
// Module::uniqueSpeciesName probes base, base_1, base_2, ... from the start
// each time, which is quadratic when a pass makes thousands of species from
// one base. FreshNames remembers the next suffix per base; names are still
// deterministic (they depend only on the module and the call order).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_FRESHNAMES_H
#define CRNC_PASSES_FRESHNAMES_H

#include "ir/Module.h"
#include "llvm/ADT/StringMap.h"
#include <string>

namespace crnc {

class FreshNames {
public:
  explicit FreshNames(const ir::Module &module) : module(module) {}
  /// `base` if free, else the first free `base_N` with N above every suffix
  /// this object handed out for `base` before. The caller adds a species
  /// with the returned name before asking again.
  std::string get(llvm::StringRef base) {
    if (!module.lookupSpecies(base))
      return base.str();
    unsigned &n = next[base];
    n = std::max(n, 1u);
    for (;; ++n) {
      std::string candidate = base.str() + "_" + std::to_string(n);
      if (!module.lookupSpecies(candidate)) {
        ++n;
        return candidate;
      }
    }
  }

private:
  const ir::Module &module;
  llvm::StringMap<unsigned> next;
};

} // namespace crnc

#endif
