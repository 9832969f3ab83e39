// The diagnostic engine: located output format and capture for tests.
#include "lib/support/Diagnostics.h"
#include "llvm/Support/MemoryBuffer.h"
#include <catch2/catch.hpp>

using namespace crnc;

TEST_CASE("errors print file:line:col, the source line and a caret") {
  llvm::SourceMgr sm;
  sm.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("A -> B\nC -> ?\n", "x.crn"),
      llvm::SMLoc());
  std::string text;
  llvm::raw_string_ostream os(text);
  DiagnosticEngine diags(sm, os);
  diags.error(Location::get("x.crn", 2, 6), "unexpected character '?'");
  os.flush();
  CHECK(llvm::StringRef(text).startswith(
      "x.crn:2:6: error: unexpected character '?'"));
  CHECK(llvm::StringRef(text).contains("C -> ?"));
  CHECK(llvm::StringRef(text).contains("     ^"));
  CHECK(diags.errorCount() == 1);
}

TEST_CASE("a location in a file that is not loaded still prints its position") {
  llvm::SourceMgr sm;
  std::string text;
  llvm::raw_string_ostream os(text);
  DiagnosticEngine diags(sm, os);
  diags.warning(Location::get("gone.crn", 4, 2), "something");
  os.flush();
  CHECK(llvm::StringRef(text).startswith("gone.crn:4:2: warning: something"));
  CHECK(diags.warningCount() == 1);
  CHECK_FALSE(diags.hadErrors());
}

TEST_CASE("captured diagnostics are counted and searchable") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  diags.error(Location(), "first problem");
  diags.warning(Location(), "a warning");
  CHECK(captured.all().size() == 2);
  CHECK(captured.hasError("first"));
  CHECK(captured.hasWarning("warning"));
  CHECK_FALSE(captured.hasError("warning"));
  CHECK(diags.errorCount() == 1);
}
