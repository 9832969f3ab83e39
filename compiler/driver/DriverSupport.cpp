//===- DriverSupport.cpp - shared steps of the drivers --------------------===//

#include "compiler/driver/DriverSupport.h"
#include "backends/pil/PILReader.h"
#include "backends/sbml/SBML.h"
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include "ir/Verifier.h"
#include "lib/support/Format.h"
#include "lib/verify/DesignNetwork.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include <cmath>

using namespace crnc;
using namespace crnc::driver;

LoadedModule driver::loadModule(llvm::StringRef path, DiagnosticEngine &diags) {
  LoadedModule result;
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << "cannot read '" << path << "': " << buffer.getError().message()
        << "\n";
    result.exitCode = ExitUsageError;
    return result;
  }
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  llvm::StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".crnir" || extension == ".sbml" || extension == ".xml") {
    result.module = extension == ".crnir" ? ir::parseModule(id, diags)
                                          : sbml::readSBML(id, diags);
    if (result.module && failed(ir::verify(*result.module, diags)))
      result.module.reset();
  } else {
    result.module = frontend::compileSource(id, diags);
  }
  if (!result.module)
    result.exitCode = ExitInputError;
  return result;
}

static llvm::Error ioError(const llvm::Twine &message) {
  return llvm::createStringError(std::make_error_code(std::errc::io_error),
                                 message);
}

/// An error when `path` is a directory: no file can be written in its place.
static llvm::Error refuseDirectory(llvm::StringRef path) {
  if (llvm::sys::fs::is_directory(path))
    return ioError("cannot write '" + path + "': it is a directory");
  return llvm::Error::success();
}

/// Writes `text` straight into an existing special file (a device, a pipe):
/// replacing it through a temporary file would replace the device itself.
static llvm::Error writeInPlace(llvm::StringRef path, llvm::StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (!ec) {
    os << text;
    os.close();
    ec = os.error();
    os.clear_error();
  }
  if (ec)
    return ioError("cannot write '" + path + "': " + ec.message());
  return llvm::Error::success();
}

static bool isSpecialFile(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status))
    return false; // does not exist yet
  return status.type() != llvm::sys::fs::file_type::regular_file &&
         status.type() != llvm::sys::fs::file_type::directory_file;
}

LoadedModule driver::loadNetwork(llvm::StringRef path,
                                 DiagnosticEngine &diags) {
  if (!path.endswith(".pil"))
    return loadModule(path, diags);
  LoadedModule result;
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    result.exitCode = reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + path.str() + "': " + buffer.getError().message()));
    return result;
  }
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::optional<dna::Design> design = pil::readPIL(id, diags);
  if (design)
    result.module = verify::moduleFromDesign(
        *design, llvm::sys::path::stem(path), path, diags);
  if (!result.module)
    result.exitCode = ExitInputError;
  return result;
}

llvm::Error driver::flushStdout() {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return llvm::Error::success();
  std::error_code ec = llvm::outs().error();
  llvm::outs().clear_error();
  return ioError("cannot write to standard output: " + ec.message());
}

llvm::Error driver::writeFileAtomically(
    llvm::StringRef path, llvm::function_ref<bool(llvm::raw_ostream &)> write) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (!write(os))
    return llvm::createStringError(
        std::make_error_code(std::errc::operation_canceled),
        "nothing written to '" + path + "'");
  os.flush();
  if (path == "-") {
    llvm::outs() << text;
    return flushStdout();
  }
  return writeFilesAtomically({OutputFile{path.str(), std::move(text)}});
}

/// Removes the temporary files of a failed write.
static void removeAll(llvm::ArrayRef<std::string> paths) {
  for (const std::string &p : paths)
    llvm::sys::fs::remove(p);
}

llvm::Error driver::writeFilesAtomically(llvm::ArrayRef<OutputFile> files) {
  // 1. Refuse before writing anything: a target that is a directory.
  for (const OutputFile &f : files)
    if (llvm::Error e = refuseDirectory(f.path))
      return e;
  // 2. Every regular target goes to a temporary file beside it first.
  std::vector<std::string> temps;
  for (const OutputFile &f : files) {
    if (isSpecialFile(f.path)) {
      temps.push_back("");
      continue;
    }
    llvm::SmallString<256> temp;
    int fd = -1;
    std::error_code ec = llvm::sys::fs::createUniqueFile(
        f.path + ".tmp-%%%%%%", fd, temp, llvm::sys::fs::OF_None);
    if (!ec) {
      llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
      os << f.contents;
      os.close();
      ec = os.error();
      os.clear_error();
    }
    if (!temp.empty())
      temps.push_back(temp.str().str());
    if (ec) {
      removeAll(temps);
      return ioError("cannot write '" + f.path + "': " + ec.message());
    }
  }
  // 3. Special files (devices, pipes) are written in place, then every
  // temporary file is renamed onto its target.
  for (size_t i = 0; i < files.size(); ++i) {
    if (!temps[i].empty())
      continue;
    if (llvm::Error e = writeInPlace(files[i].path, files[i].contents)) {
      removeAll(temps);
      return e;
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (temps[i].empty())
      continue;
    if (std::error_code ec = llvm::sys::fs::rename(temps[i], files[i].path)) {
      removeAll(llvm::ArrayRef<std::string>(temps).drop_front(i));
      return ioError("cannot write '" + files[i].path + "': " + ec.message());
    }
  }
  return llvm::Error::success();
}

int driver::reportEnvironmentError(llvm::Error error) {
  llvm::WithColor::error(llvm::errs(), "crnc")
      << llvm::toString(std::move(error)) << "\n";
  return ExitUsageError;
}

int driver::reportUsageError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "crnc") << message << "\n";
  return ExitUsageError;
}

bool driver::checkRange(llvm::StringRef flag, double value, double lo,
                        double hi, llvm::StringRef unit) {
  if (std::isfinite(value) && value >= lo && value <= hi)
    return true;
  std::string suffix = unit.empty() ? "" : " " + unit.str();
  reportUsageError("--" + flag + " must be between " + formatNumber(lo) +
                   " and " + formatNumber(hi) + suffix + " (got " +
                   formatNumber(value) + ")");
  return false;
}

void driver::ProgressLine::show(double fraction) {
  if (!enabled)
    return;
  int percent = static_cast<int>(fraction * 100);
  if (percent == last)
    return;
  last = percent;
  llvm::errs() << "\rsimulating... " << percent << "%";
  llvm::errs().flush();
}

driver::ProgressLine::~ProgressLine() {
  if (enabled && last >= 0)
    llvm::errs() << "\r\x1b[K";
}

driver::ProgressBar::ProgressBar(bool enabled)
    : enabled(enabled), start(std::chrono::steady_clock::now()) {}

driver::ProgressBar::~ProgressBar() {
  if (shown)
    llvm::errs() << "\r" << std::string(72, ' ') << "\r";
}

void driver::ProgressBar::show(size_t done, size_t total) {
  if (!enabled || total == 0 || (done % 8 && done != total))
    return;
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  double eta = done ? elapsed * double(total - done) / double(done) : 0;
  size_t filled = 30 * done / total;
  llvm::errs() << "\r[" << std::string(filled, '#')
               << std::string(30 - filled, '.') << "] " << done << "/" << total
               << " samples, ETA " << formatSignificant(eta, 3) << " s   ";
  shown = true;
}
