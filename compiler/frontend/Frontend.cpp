//===- Frontend.cpp - .crn source to verified IR --------------------------===//

#include "compiler/frontend/Frontend.h"
#include "compiler/frontend/IRGen.h"
#include "compiler/frontend/Parser.h"
#include "ir/Verifier.h"
#include "lib/support/Lexer.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace crnc;
using namespace crnc::frontend;

/// True when the program has a reaction or a model: something to compile.
static bool definesSomething(const ProgramAST &program) {
  for (const StatementAST &statement : program.statements)
    if (std::holds_alternative<ReactionAST>(statement) ||
        std::holds_alternative<ModelDeclAST>(statement))
      return true;
  return false;
}

std::unique_ptr<ir::Module> frontend::compileSource(unsigned bufferId,
                                                    DiagnosticEngine &diags) {
  std::optional<ProgramAST> program = parseProgram(bufferId, diags);
  if (!program)
    return nullptr;
  if (!definesSomething(*program)) {
    llvm::StringRef text =
        diags.sourceMgr().getMemoryBuffer(bufferId)->getBuffer();
    diags.report(Severity::Error, llvm::SMLoc::getFromPointer(text.data()),
                 "no reactions or models in this file");
    return nullptr;
  }
  llvm::StringRef path =
      diags.sourceMgr().getMemoryBuffer(bufferId)->getBufferIdentifier();
  llvm::StringRef stem = llvm::sys::path::stem(path);
  std::unique_ptr<ir::Module> module =
      generateIR(*program, isIdentifier(stem) ? stem : "main", diags);
  if (!module || failed(ir::verify(*module, diags)))
    return nullptr;
  return module;
}

std::unique_ptr<ir::Module> frontend::compileString(llvm::StringRef text,
                                                    DiagnosticEngine &diags,
                                                    llvm::StringRef name) {
  unsigned id = diags.sourceMgr().AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, name), llvm::SMLoc());
  return compileSource(id, diags);
}
