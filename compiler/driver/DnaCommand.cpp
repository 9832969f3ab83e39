//===- DnaCommand.cpp - `crnc dna` ----------------------------------------===//
//
// Reads DNA notation and prints it in crnc's normal form: a PIL file is read
// (domains, strands, complexes, reactions) and written back as crnc writes
// PIL; any other file holds one complex per line in kernel notation, printed
// as its normal form, canonical rotation and dot-paren form.
//
//===----------------------------------------------------------------------===//

#include "backends/pil/PILReader.h"
#include "backends/pil/PILWriter.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/dna/KernelNotation.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::dnaCommand(
    "dna", "Print DNA notation (kernel lines, or a PIL file) in normal form");

namespace {
cl::opt<std::string> inputFile(cl::Positional,
                               cl::desc("<system.pil|complexes.txt>"),
                               cl::Required, cl::sub(driver::dnaCommand),
                               cl::cat(crncCategory));
} // namespace

/// Prints each non-empty, non-comment line's complex in three forms; false
/// when a line is not kernel notation (reported).
static bool printKernelLines(llvm::StringRef buffer, DiagnosticEngine &diags) {
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
  return ok;
}

int driver::runDna() {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  applyDiagnosticOptions(diags);
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/true);
  if (!buffer)
    return reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + inputFile + "': " + buffer.getError().message()));
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  if (!llvm::StringRef(inputFile).endswith(".pil"))
    return printKernelLines(sourceMgr.getMemoryBuffer(id)->getBuffer(), diags)
               ? ExitSuccess
               : ExitInputError;
  std::optional<dna::Design> design = pil::readPIL(id, diags);
  if (!design)
    return ExitInputError;
  pil::writePIL(*design, llvm::outs());
  return ExitSuccess;
}
