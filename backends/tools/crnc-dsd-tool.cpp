//===- crnc-dsd-tool.cpp - the DSD backend from the command line ----------===//
//
// A small test tool: compiles textual IR to a domain-level design with a
// chosen scheme and writes PIL, JSON or Visual DSD; lists the schemes;
// normalises kernel notation line by line; reads PIL and writes it back.
// The crnc driver offers the same through `crnc compile --scheme`.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/Scheme.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILReader.h"
#include "backends/pil/PILWriter.h"
#include "backends/visualdsd/VisualDSDWriter.h"
#include "ir/Parser.h"
#include "lib/dna/KernelNotation.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace crnc;

static const char *usage =
    "usage: crnc-dsd-tool compile <file.crnir> [--scheme NAME] "
    "[--format pil|json|dna] [--toehold N] [--long N] [--costs]\n"
    "       crnc-dsd-tool list-schemes\n"
    "       crnc-dsd-tool kernel <file>     (one complex per line)\n"
    "       crnc-dsd-tool readpil <file.pil>\n";

static std::optional<unsigned> loadFile(llvm::SourceMgr &sm,
                                        llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!buffer) {
    llvm::errs() << "crnc-dsd-tool: cannot read '" << path
                 << "': " << buffer.getError().message() << "\n";
    return std::nullopt;
  }
  return sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
}

static bool parseUnsigned(const char *text, unsigned &out) {
  return !llvm::StringRef(text).getAsInteger(10, out) && out > 0;
}

static int compileCommand(int argc, char **argv) {
  dsd::SchemeOptions options;
  std::string format = "pil";
  bool costs = false;
  const char *input = nullptr;
  for (int i = 2; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    bool hasValue = i + 1 < argc;
    if (arg == "--scheme" && hasValue)
      options.scheme = argv[++i];
    else if (arg == "--format" && hasValue)
      format = argv[++i];
    else if (arg == "--toehold" && hasValue &&
             parseUnsigned(argv[i + 1], options.toeholdLength))
      ++i;
    else if (arg == "--long" && hasValue &&
             parseUnsigned(argv[i + 1], options.longLength))
      options.historyLength = options.longLength, ++i;
    else if (arg == "--costs")
      costs = true;
    else if (!arg.startswith("--") && !input)
      input = argv[i];
    else
      return llvm::errs() << usage, 2;
  }
  if (!input)
    return llvm::errs() << usage, 2;
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto id = loadFile(sm, input);
  if (!id)
    return 1;
  auto module = ir::parseModule(*id, diags);
  if (!module)
    return 1;
  auto design = dsd::compile(*module, options, diags);
  if (!design) {
    llvm::errs() << "crnc-dsd-tool: " << llvm::toString(design.takeError())
                 << "\n";
    return 1;
  }
  if (format == "pil")
    pil::writePIL(*design, llvm::outs());
  else if (format == "json")
    json::writeDesignJSON(*design, llvm::outs());
  else if (format == "dna")
    visualdsd::writeVisualDSD(*design, llvm::outs());
  else
    return llvm::errs() << usage, 2;
  if (costs)
    dna::printCostReport(*design, llvm::errs());
  return 0;
}

/// Parses each non-empty, non-comment line as kernel notation and prints
/// its normal form, canonical rotation and dot-paren form.
static int kernelCommand(const char *path) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto id = loadFile(sm, path);
  if (!id)
    return 1;
  llvm::StringRef buffer = sm.getMemoryBuffer(*id)->getBuffer();
  dna::DomainTable domains;
  bool ok = true;
  while (!buffer.empty()) {
    auto [line, rest] = buffer.split('\n');
    buffer = rest;
    llvm::StringRef text = line.split('#').first;
    if (text.trim().empty())
      continue;
    auto complex = dna::parseKernel(text, domains, diags);
    if (!complex) {
      ok = false;
      continue;
    }
    dna::DotParen dp = dna::printDotParen(*complex, domains);
    llvm::outs() << "kernel: " << dna::printKernel(*complex, domains) << "\n"
                 << "canonical: "
                 << dna::printKernel(complex->canonical(), domains) << "\n"
                 << "dot-paren: " << dp.sequence << " | " << dp.structure
                 << "\n";
  }
  return ok ? 0 : 1;
}

static int readpilCommand(const char *path) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto id = loadFile(sm, path);
  if (!id)
    return 1;
  auto design = pil::readPIL(*id, diags);
  if (!design)
    return 1;
  pil::writePIL(*design, llvm::outs());
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return llvm::errs() << usage, 2;
  llvm::StringRef command = argv[1];
  if (command == "compile")
    return compileCommand(argc, argv);
  if (command == "list-schemes") {
    for (const dsd::SchemeInfo &s : dsd::allSchemes())
      llvm::outs() << s.name << " - " << s.summary << "\n";
    return 0;
  }
  if (command == "kernel" && argc == 3)
    return kernelCommand(argv[2]);
  if (command == "readpil" && argc == 3)
    return readpilCommand(argv[2]);
  llvm::errs() << usage;
  return 2;
}
