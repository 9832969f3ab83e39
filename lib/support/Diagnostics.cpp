//===- Diagnostics.cpp - located errors, warnings and notes ---------------===//

#include "lib/support/Diagnostics.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/StringSaver.h"
#include <algorithm>
#include <mutex>

using namespace crnc;

Location Location::get(llvm::StringRef file, uint32_t line, uint32_t col) {
  static std::mutex mutex;
  static llvm::BumpPtrAllocator allocator;
  static llvm::UniqueStringSaver saver(allocator);
  std::lock_guard<std::mutex> lock(mutex);
  Location loc;
  loc.file = saver.save(file).data();
  loc.line = line;
  loc.col = col;
  return loc;
}

DiagnosticEngine::DiagnosticEngine(llvm::SourceMgr &sourceMgr,
                                   llvm::raw_ostream &os)
    : srcMgr(sourceMgr), os(os) {}

DiagnosticEngine::~DiagnosticEngine() {
  auto summary = [&](unsigned count, const char *what, const char *how) {
    if (count == 0)
      return;
    llvm::SMDiagnostic diag(
        toolName, llvm::SourceMgr::DK_Note,
        (llvm::Twine(count) + " more " + what + " not shown (" + how + ")")
            .str());
    diag.print(nullptr, os, /*ShowColors=*/true, /*ShowKindLabel=*/true);
  };
  summary(hiddenErrors, hiddenErrors == 1 ? "error" : "errors",
          "--error-limit=0 shows every error");
  summary(hiddenWarnings, hiddenWarnings == 1 ? "warning" : "warnings",
          "repeats are summarised after the first ones");
}

bool DiagnosticEngine::admit(Severity severity) {
  if (severity == Severity::Note || severity == Severity::Remark)
    return !lastHidden;
  bool isError = severity == Severity::Error;
  unsigned count = isError ? ++errors : ++warnings;
  unsigned limit = isError ? errorLimit : warningLimit;
  lastHidden = !isError && suppressWarnings;
  if (lastHidden || limit == 0 || count <= limit)
    return !lastHidden;
  ++(isError ? hiddenErrors : hiddenWarnings);
  lastHidden = true;
  return false;
}

/// True for a byte printed as \xNN in a source line: control characters
/// (but tab) and, in a line that is not valid UTF-8, every byte above 0x7F.
static bool needsEscape(unsigned char c, bool validUTF8) {
  return (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && !validUTF8);
}

/// `diag` with its source line escaped (and, when escaped, cut to a window
/// of 60 bytes either side of the caret); the caret moves with the escapes
/// and the ranges are dropped (they would point at the raw bytes).
static llvm::SMDiagnostic escapeLine(const llvm::SMDiagnostic &diag) {
  llvm::StringRef line = diag.getLineContents();
  const llvm::UTF8 *begin = reinterpret_cast<const llvm::UTF8 *>(line.data());
  bool valid = llvm::isLegalUTF8String(&begin, begin + line.size());
  bool any = false;
  for (unsigned char c : line)
    any |= needsEscape(c, valid);
  if (!any)
    return diag;
  constexpr int window = 60;
  int caret = std::max(diag.getColumnNo(), 0);
  size_t first = size_t(std::max(caret - window, 0));
  size_t last = std::min(line.size(), size_t(caret + window));
  std::string escaped = first > 0 ? "..." : "";
  int column = int(escaped.size()) + caret - int(first);
  for (size_t i = first; i < last; ++i) {
    unsigned char c = line[i];
    if (!needsEscape(c, valid)) {
      escaped += char(c);
      continue;
    }
    const char *hex = "0123456789ABCDEF";
    escaped += {'\\', 'x', hex[c >> 4], hex[c & 15]};
    if (int(i) < caret)
      column += 3;
  }
  if (last < line.size())
    escaped += "...";
  return llvm::SMDiagnostic(*diag.getSourceMgr(), diag.getLoc(),
                            diag.getFilename(), diag.getLineNo(), column,
                            diag.getKind(), diag.getMessage(), escaped, {});
}

static llvm::SourceMgr::DiagKind toDiagKind(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return llvm::SourceMgr::DK_Error;
  case Severity::Warning:
    return llvm::SourceMgr::DK_Warning;
  case Severity::Note:
    return llvm::SourceMgr::DK_Note;
  case Severity::Remark:
    return llvm::SourceMgr::DK_Remark;
  }
  llvm_unreachable("unknown severity");
}

void DiagnosticEngine::setHandler(
    std::function<void(const Diagnostic &)> newHandler) {
  handler = std::move(newHandler);
}

Location DiagnosticEngine::locationOf(llvm::SMLoc loc) const {
  if (!loc.isValid())
    return Location::unknown();
  unsigned buffer = srcMgr.FindBufferContainingLoc(loc);
  if (buffer == 0)
    return Location::unknown();
  auto lineCol = srcMgr.getLineAndColumn(loc, buffer);
  if (buffer != lastBuffer || !lastBufferName) {
    lastBufferName =
        Location::get(srcMgr.getMemoryBuffer(buffer)->getBufferIdentifier(), 0,
                      0)
            .file;
    lastBuffer = buffer;
  }
  Location result;
  result.file = lastBufferName;
  result.line = lineCol.first;
  result.col = lineCol.second;
  return result;
}

llvm::SMLoc DiagnosticEngine::smLocOf(Location loc) const {
  if (!loc.isKnown())
    return llvm::SMLoc();
  for (unsigned id = 1, e = srcMgr.getNumBuffers(); id <= e; ++id) {
    if (srcMgr.getMemoryBuffer(id)->getBufferIdentifier() != loc.fileName())
      continue;
    return srcMgr.FindLocForLineAndColumn(id, loc.line, loc.col);
  }
  return llvm::SMLoc();
}

void DiagnosticEngine::report(Severity severity, llvm::SMLoc loc,
                              const llvm::Twine &message,
                              llvm::ArrayRef<llvm::SMRange> ranges) {
  if (handler || !loc.isValid()) {
    report(severity, locationOf(loc), message, ranges);
    return;
  }
  if (!admit(severity))
    return;
  srcMgr.PrintMessage(os, escapeLine(srcMgr.GetMessage(
                              loc, toDiagKind(severity), message, ranges)));
}

void DiagnosticEngine::report(Severity severity, Location loc,
                              const llvm::Twine &message,
                              llvm::ArrayRef<llvm::SMRange> ranges) {
  if (handler) {
    if (severity == Severity::Error)
      ++errors;
    if (severity == Severity::Warning)
      ++warnings;
    handler(Diagnostic{severity, loc, message.str()});
    return;
  }
  llvm::SMLoc smLoc = smLocOf(loc);
  if (smLoc.isValid()) {
    report(severity, smLoc, message, ranges);
    return;
  }
  if (!admit(severity))
    return;
  // No buffer: print the position in the usual form without a source line.
  std::string prefix = toolName;
  if (loc.isKnown())
    prefix = (llvm::Twine(loc.fileName()) + ":" + llvm::Twine(loc.line) + ":" +
              llvm::Twine(loc.col))
                 .str();
  llvm::SMDiagnostic diag(prefix, toDiagKind(severity), message.str());
  diag.print(nullptr, os, /*ShowColors=*/true, /*ShowKindLabel=*/true);
}

void DiagnosticEngine::error(Location loc, const llvm::Twine &message,
                             llvm::ArrayRef<llvm::SMRange> ranges) {
  report(Severity::Error, loc, message, ranges);
}
void DiagnosticEngine::warning(Location loc, const llvm::Twine &message,
                               llvm::ArrayRef<llvm::SMRange> ranges) {
  report(Severity::Warning, loc, message, ranges);
}
void DiagnosticEngine::note(Location loc, const llvm::Twine &message) {
  report(Severity::Note, loc, message);
}
void DiagnosticEngine::remark(Location loc, const llvm::Twine &message) {
  report(Severity::Remark, loc, message);
}

CapturedDiagnostics::CapturedDiagnostics(DiagnosticEngine &diags) {
  diags.setHandler([this](const Diagnostic &d) { captured.push_back(d); });
}

static bool hasDiagnostic(const std::vector<Diagnostic> &all, Severity severity,
                          llvm::StringRef fragment) {
  for (const Diagnostic &d : all)
    if (d.severity == severity && llvm::StringRef(d.message).contains(fragment))
      return true;
  return false;
}

bool CapturedDiagnostics::hasError(llvm::StringRef fragment) const {
  return hasDiagnostic(captured, Severity::Error, fragment);
}
bool CapturedDiagnostics::hasWarning(llvm::StringRef fragment) const {
  return hasDiagnostic(captured, Severity::Warning, fragment);
}
