//===- InitialOverrides.cpp - initial values set from text ----------------===//

#include "lib/sim/InitialOverrides.h"
#include "lib/support/Format.h"
#include "lib/support/Units.h"
#include "llvm/ADT/SmallVector.h"

using namespace crnc;

std::optional<std::string>
sim::applyInitialOverrides(const CompiledNetwork &net, llvm::StringRef list,
                           std::vector<double> &state) {
  llvm::SmallVector<llvm::StringRef, 8> items;
  list.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    auto [name, valueText] = item.split('=');
    name = name.trim();
    if (!item.contains('=') || name.empty() || valueText.trim().empty())
      return "--init: expected 'species=value' in '" + item.str() + "'";
    std::optional<Concentration> q = parseConcentration(valueText.trim());
    if (!q)
      return "--init: '" + valueText.trim().str() +
             "' is not a concentration (a number, optionally with M, mM, uM, "
             "nM or pM)";
    long id = net.lookupSpecies(name);
    if (id < 0)
      return "--init: unknown species '" + name.str() + "'";
    if (q->unit != ConcUnit::None && net.unit() == ConcUnit::None)
      return "--init: the model has no concentration unit; write '" +
             name.str() + "=" + formatNumber(q->value) + "'";
    double value = q->unit == ConcUnit::None
                       ? q->value
                       : convertConcentration(q->value, q->unit, net.unit());
    if (value < 0 && !net.isSigned(id))
      return "--init: negative concentration for '" + name.str() + "'";
    state[id] = value;
  }
  return std::nullopt;
}
