//===- VerifyReportLines.cpp - what `crnc verify` prints after verdicts ---===//

#include "compiler/driver/VerifyReportLines.h"
#include "llvm/Support/raw_ostream.h"

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

void printList(llvm::StringRef title, llvm::ArrayRef<std::string> names) {
  if (names.empty())
    return;
  llvm::outs() << title << ":";
  for (const std::string &n : names)
    llvm::outs() << " " << n;
  llvm::outs() << "\n";
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
                                llvm::StringRef interpretationText) {
  for (auto &[check, c] : problems)
    printCounterexample(check, c);
  llvm::outs() << modularLine;
  printList("fuels removed", fuels);
  printList("wastes", wastes);
  if (!interpretationText.empty()) {
    llvm::outs() << "interpretation:\n";
    llvm::StringRef text(interpretationText);
    while (!text.empty()) {
      auto [line, rest] = text.split('\n');
      llvm::outs() << "  " << line << "\n";
      text = rest;
    }
  }
}
