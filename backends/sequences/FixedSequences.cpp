//===- FixedSequences.cpp - domain sequences a user fixes -----------------===//

#include "backends/sequences/FixedSequences.h"
#include "lib/thermo/NearestNeighbor.h"
#include "llvm/ADT/StringExtras.h"

using namespace crnc;
using namespace crnc::sequences;

namespace {
struct RowReader {
  const dna::Design &design;
  DiagnosticEngine &diags;
  std::map<std::string, std::string> fixed;

  bool error(llvm::StringRef at, const llvm::Twine &message) {
    diags.report(Severity::Error, llvm::SMLoc::getFromPointer(at.data()),
                 message);
    return false;
  }

  bool row(llvm::StringRef line) {
    auto [name, rest] = line.split(',');
    name = name.trim();
    llvm::StringRef sequence = rest.trim();
    if (rest.data() == nullptr || sequence.empty())
      return error(line, "expected 'name,sequence'");
    if (sequence.contains(','))
      return error(sequence, "expected two fields: 'name,sequence'");
    std::optional<dna::DomainId> id = design.domains.lookup(name);
    if (!id)
      return error(name, "unknown domain '" + name + "'");
    std::string upper = sequence.upper();
    if (!thermo::isDNA(upper))
      return error(sequence,
                   "sequence of '" + name + "' may only contain A, C, G, T");
    unsigned length = design.domains.get(*id).length;
    if (upper.size() != length)
      return error(sequence, "sequence of '" + name + "' has " +
                                 llvm::Twine(upper.size()) +
                                 " nt; the domain has " + llvm::Twine(length));
    if (!fixed.emplace(name.str(), upper).second)
      return error(name, "domain '" + name + "' is fixed twice");
    return true;
  }
};
} // namespace

std::optional<std::map<std::string, std::string>>
sequences::readFixedSequences(unsigned bufferId, const dna::Design &design,
                              DiagnosticEngine &diags) {
  llvm::StringRef text =
      diags.sourceMgr().getMemoryBuffer(bufferId)->getBuffer();
  RowReader reader{design, diags, {}};
  bool ok = true, first = true;
  while (!text.empty()) {
    llvm::StringRef line;
    std::tie(line, text) = text.split('\n');
    llvm::StringRef content = line.split('#').first.rtrim();
    if (content.trim().empty())
      continue;
    bool header = first && content.trim().equals_insensitive("name,sequence");
    first = false;
    if (!header)
      ok &= reader.row(content);
  }
  if (!ok)
    return std::nullopt;
  return reader.fixed;
}
