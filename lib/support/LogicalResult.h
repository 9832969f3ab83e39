//===- LogicalResult.h - success/failure of a step --------------*- C++ -*-===//
//
// A two-valued result for steps that report their own diagnostics: the caller
// only needs to know whether to go on.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_LOGICALRESULT_H
#define CRNC_SUPPORT_LOGICALRESULT_H

namespace crnc {

/// The outcome of a step whose errors were already reported.
class [[nodiscard]] LogicalResult {
public:
  static LogicalResult success() { return LogicalResult(true); }
  static LogicalResult failure() { return LogicalResult(false); }
  bool succeeded() const { return ok; }
  bool failed() const { return !ok; }

private:
  explicit LogicalResult(bool ok) : ok(ok) {}
  bool ok;
};

inline LogicalResult success() { return LogicalResult::success(); }
inline LogicalResult failure() { return LogicalResult::failure(); }
inline LogicalResult success(bool ok) {
  return ok ? LogicalResult::success() : LogicalResult::failure();
}
inline bool succeeded(LogicalResult r) { return r.succeeded(); }
inline bool failed(LogicalResult r) { return r.failed(); }

} // namespace crnc

#endif
