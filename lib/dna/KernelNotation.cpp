//===- KernelNotation.cpp - kernel and dot-paren text of complexes --------===//

#include "lib/dna/KernelNotation.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cctype>

using namespace crnc;
using namespace crnc::dna;

std::string crnc::dna::printKernel(const Complex &complex,
                                   const DomainTable &domains) {
  std::string out;
  for (size_t s = 0; s < complex.strandCount(); ++s) {
    if (s)
      out += " +";
    for (unsigned i = 0; i < complex.strand(s).size(); ++i) {
      unsigned p = complex.strandStart(s) + i;
      int32_t q = complex.partner(p);
      if (!out.empty())
        out += ' ';
      if (q != Complex::Unpaired && q < int32_t(p)) {
        out += ')';
        continue;
      }
      out += domains.spell(complex.domainAt(p));
      if (q != Complex::Unpaired)
        out += '(';
    }
  }
  return out;
}

DotParen crnc::dna::printDotParen(const Complex &complex,
                                  const DomainTable &domains) {
  DotParen dp;
  for (size_t s = 0; s < complex.strandCount(); ++s) {
    if (s) {
      dp.sequence += " +";
      dp.structure += " +";
    }
    for (unsigned i = 0; i < complex.strand(s).size(); ++i) {
      unsigned p = complex.strandStart(s) + i;
      int32_t q = complex.partner(p);
      if (!dp.sequence.empty()) {
        dp.sequence += ' ';
        dp.structure += ' ';
      }
      dp.sequence += domains.spell(complex.domainAt(p));
      dp.structure += q == Complex::Unpaired ? '.' : q > int32_t(p) ? '(' : ')';
    }
  }
  return dp;
}

namespace {
/// Shared state of both parsers: the strands built so far and where each
/// domain came from in the text.
struct Builder {
  Builder(DomainTable &domains, DiagnosticEngine &diags,
          const KernelParseOptions &options)
      : domains(domains), diags(diags), options(options) {}
  DomainTable &domains;
  DiagnosticEngine &diags;
  const KernelParseOptions &options;
  std::vector<Strand> strands{Strand()};
  std::vector<DomainRef> flat;     ///< every domain, in flat order
  std::vector<const char *> where; ///< text position of each flat domain
  const char *lastBreak = nullptr;

  bool error(const char *at, const llvm::Twine &message) {
    diags.report(Severity::Error, llvm::SMLoc::getFromPointer(at), message);
    return false;
  }
  /// Resolves `name` (without '*'), declaring it when allowed.
  std::optional<DomainId> resolve(llvm::StringRef name, bool toehold,
                                  const char *at) {
    if (auto id = domains.lookup(name))
      return id;
    if (!options.declareUnknown) {
      error(at, "unknown domain '" + name + "'");
      return std::nullopt;
    }
    return domains.add(name, options.unknownLength,
                       toehold ? DomainKind::Toehold : DomainKind::Long);
  }
  void push(DomainRef d, const char *at) {
    strands.back().push_back(d);
    flat.push_back(d);
    where.push_back(at);
  }
  bool breakStrand(const char *at) {
    if (strands.back().empty())
      return error(at, "'+' must follow a domain (empty strand)");
    strands.emplace_back();
    lastBreak = at;
    return true;
  }
  std::optional<Complex> finish(std::vector<int32_t> partners,
                                const char *end) {
    if (strands.back().empty())
      return lastBreak ? (error(lastBreak, "'+' must be followed by a domain"),
                          std::nullopt)
                       : (error(end, "expected a domain"), std::nullopt);
    Complex c(std::move(strands), std::move(partners));
    if (auto problem = c.check()) {
      error(where[problem->position], problem->message);
      return std::nullopt;
    }
    return c;
  }
};
} // namespace

static bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

/// Reads `name[^][*]` at `p`; advances p past it.
static std::optional<DomainRef> readDomain(Builder &b, const char *&p,
                                           const char *end) {
  const char *start = p;
  while (p < end && isNameChar(*p))
    ++p;
  llvm::StringRef name(start, static_cast<size_t>(p - start));
  bool toehold = p < end && *p == '^';
  if (toehold)
    ++p;
  bool complement = p < end && *p == '*';
  if (complement)
    ++p;
  auto id = b.resolve(name, toehold, start);
  if (!id)
    return std::nullopt;
  return DomainRef{*id, complement};
}

std::optional<Complex>
crnc::dna::parseKernel(llvm::StringRef text, DomainTable &domains,
                       DiagnosticEngine &diags,
                       const KernelParseOptions &options) {
  Builder b(domains, diags, options);
  std::vector<int32_t> partners;
  std::vector<unsigned> open;
  const char *p = text.begin(), *end = text.end();
  while (p < end) {
    char c = *p;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++p;
    } else if (c == '+') {
      if (!b.breakStrand(p))
        return std::nullopt;
      ++p;
    } else if (c == ')') {
      if (open.empty())
        return b.error(p, "unmatched ')'"), std::nullopt;
      unsigned q = open.back();
      open.pop_back();
      partners.push_back(static_cast<int32_t>(q));
      partners[q] = static_cast<int32_t>(partners.size() - 1);
      b.push(b.flat[q].complemented(), p);
      ++p;
    } else if (isNameChar(c)) {
      const char *start = p;
      auto d = readDomain(b, p, end);
      if (!d)
        return std::nullopt;
      b.push(*d, start);
      partners.push_back(Complex::Unpaired);
      if (p < end && *p == '(') {
        open.push_back(static_cast<unsigned>(partners.size() - 1));
        ++p;
      }
    } else if (c == '(') {
      return b.error(p, "'(' must follow a domain name without a space"),
             std::nullopt;
    } else {
      return b.error(p, llvm::Twine("unexpected character '") + llvm::Twine(c) +
                            "' in kernel notation"),
             std::nullopt;
    }
  }
  if (!open.empty())
    return b.error(b.where[open.back()],
                   "unmatched '(': domain '" +
                       domains.spell(b.flat[open.back()]) +
                       "' is never closed"),
           std::nullopt;
  return b.finish(std::move(partners), end);
}

/// Reads the next structure character of a dot-paren string, skipping blanks.
static const char *nextStructureChar(const char *p, const char *end) {
  while (p < end && std::isspace(static_cast<unsigned char>(*p)))
    ++p;
  return p;
}

std::optional<Complex>
crnc::dna::parseDotParen(llvm::StringRef sequence, llvm::StringRef structure,
                         DomainTable &domains, DiagnosticEngine &diags,
                         const KernelParseOptions &options) {
  Builder b(domains, diags, options);
  std::vector<int32_t> partners;
  std::vector<unsigned> open;
  const char *p = sequence.begin(), *end = sequence.end();
  const char *s = structure.begin(), *send = structure.end();
  while (true) {
    while (p < end && std::isspace(static_cast<unsigned char>(*p)))
      ++p;
    s = nextStructureChar(s, send);
    if (p == end || s == send)
      break;
    if (*p == '+') {
      if (*s != '+')
        return b.error(s, "expected '+' in the structure to match the strand "
                          "break"),
               std::nullopt;
      if (!b.breakStrand(p))
        return std::nullopt;
      ++p, ++s;
      continue;
    }
    const char *start = p;
    if (!isNameChar(*p))
      return b.error(p, llvm::Twine("unexpected character '") +
                            llvm::Twine(*p) + "' in a domain sequence"),
             std::nullopt;
    auto d = readDomain(b, p, end);
    if (!d)
      return std::nullopt;
    b.push(*d, start);
    partners.push_back(Complex::Unpaired);
    unsigned here = static_cast<unsigned>(partners.size() - 1);
    if (*s == '(') {
      open.push_back(here);
    } else if (*s == ')') {
      if (open.empty())
        return b.error(s, "unmatched ')'"), std::nullopt;
      unsigned q = open.back();
      open.pop_back();
      partners[here] = static_cast<int32_t>(q);
      partners[q] = static_cast<int32_t>(here);
    } else if (*s != '.') {
      return b.error(s, llvm::Twine("expected '(', '.' or ')' for domain '") +
                            domains.spell(*d) + "'"),
             std::nullopt;
    }
    ++s;
  }
  if (p != end)
    return b.error(p, "the structure is shorter than the sequence"),
           std::nullopt;
  if (s != send)
    return b.error(s, "the structure is longer than the sequence"),
           std::nullopt;
  if (!open.empty())
    return b.error(b.where[open.back()],
                   "unmatched '(' for domain '" +
                       domains.spell(b.flat[open.back()]) + "'"),
           std::nullopt;
  return b.finish(std::move(partners), end);
}

std::optional<Complex> crnc::dna::parseKernelString(
    llvm::StringRef text, DomainTable &domains, DiagnosticEngine &diags,
    llvm::StringRef bufferName, const KernelParseOptions &options) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(text, bufferName);
  llvm::StringRef stored = buffer->getBuffer();
  diags.sourceMgr().AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return parseKernel(stored, domains, diags, options);
}
