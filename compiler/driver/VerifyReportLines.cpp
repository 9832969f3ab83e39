//===- VerifyReportLines.cpp - what `crnc verify` prints after verdicts ---===//

#include "compiler/driver/VerifyReportLines.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::driver;

namespace {
void printCounterexample(llvm::StringRef check,
                         const verify::Counterexample &c) {
  llvm::outs() << "counterexample (" << check << ", " << c.condition << "): ";
  if (!c.reaction.empty())
    llvm::outs() << c.reaction << " ";
  llvm::outs() << c.message << "\n";
}

/// " ... and N more (--list-limit 0 prints all)" when `shown` < `total`.
std::string more(size_t shown, size_t total) {
  if (shown >= total)
    return "";
  return " ... and " + std::to_string(total - shown) +
         " more (--list-limit 0 prints all)";
}

void printList(llvm::StringRef title, llvm::ArrayRef<std::string> names,
               size_t limit) {
  if (names.empty())
    return;
  size_t shown = limit ? std::min(limit, names.size()) : names.size();
  llvm::outs() << title << " (" << names.size() << "):";
  for (size_t i = 0; i < shown; ++i)
    llvm::outs() << " " << names[i];
  llvm::outs() << more(shown, names.size()) << "\n";
}
} // namespace

std::string
driver::describeModular(const verify::ModularResult &m,
                        std::vector<NamedCounterexample> &problems) {
  if (m.brokenModule && m.counterexample)
    problems.push_back(
        {"module " + std::to_string(*m.brokenModule + 1), *m.counterexample});
  std::string line =
      "crn-bisimulation modules: " + std::to_string(m.modules.size());
  if (!m.crosstalk.empty())
    line += " (and " + std::to_string(m.crosstalk.size()) +
            " crosstalk reactions between them)";
  if (m.verdict == verify::Verdict::Correct)
    return line + ", each a bisimulation of its formal reactions, "
                  "modularity condition holds\n";
  return line + ", not shown modularly (" + m.reason +
         "); searched as one system\n";
}

void driver::printVerifyDetails(llvm::ArrayRef<NamedCounterexample> problems,
                                llvm::StringRef modularLine,
                                llvm::ArrayRef<std::string> fuels,
                                llvm::ArrayRef<std::string> wastes,
                                llvm::StringRef interpretationText,
                                size_t limit) {
  for (auto &[check, c] : problems)
    printCounterexample(check, c);
  llvm::outs() << modularLine;
  printList("fuels removed", fuels, limit);
  printList("wastes", wastes, limit);
  if (interpretationText.empty())
    return;
  llvm::SmallVector<llvm::StringRef, 64> lines;
  interpretationText.split(lines, '\n', -1, false);
  size_t shown = limit ? std::min(limit, lines.size()) : lines.size();
  llvm::outs() << "interpretation (" << lines.size() << " species):\n";
  for (size_t i = 0; i < shown; ++i)
    llvm::outs() << "  " << lines[i] << "\n";
  if (shown < lines.size())
    llvm::outs() << " " << more(shown, lines.size()) << "\n";
}
