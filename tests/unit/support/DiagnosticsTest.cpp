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

TEST_CASE("control bytes and invalid UTF-8 in a source line print escaped") {
  llvm::SourceMgr sm;
  sm.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("A\x01 -> \xff B\n", "x.crn"),
      llvm::SMLoc());
  std::string text;
  llvm::raw_string_ostream os(text);
  DiagnosticEngine diags(sm, os);
  diags.error(Location::get("x.crn", 1, 9), "bad byte");
  os.flush();
  CHECK(llvm::StringRef(text).contains("A\\x01 -> \\xFF B\n"));
  // The caret under B (column 9) moves right by three per escape before it.
  CHECK(llvm::StringRef(text).contains("\n" + std::string(8 + 6, ' ') + "^"));
}

TEST_CASE("past the limits errors are counted, not printed; a summary ends") {
  llvm::SourceMgr sm;
  std::string text;
  llvm::raw_string_ostream os(text);
  {
    DiagnosticEngine diags(sm, os);
    diags.setErrorLimit(2);
    diags.setWarningLimit(1);
    for (int i = 0; i < 5; ++i)
      diags.error(Location::get("x.crn", 1, 1), "e");
    for (int i = 0; i < 4; ++i)
      diags.warning(Location::get("x.crn", 1, 1), "w");
    CHECK(diags.errorCount() == 5);
    CHECK(diags.warningCount() == 4);
  }
  os.flush();
  CHECK(llvm::StringRef(text).count("error: e") == 2);
  CHECK(llvm::StringRef(text).count("warning: w") == 1);
  CHECK(llvm::StringRef(text).contains("3 more errors not shown"));
  CHECK(llvm::StringRef(text).contains("3 more warnings not shown"));
}
