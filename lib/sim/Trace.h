//===- Trace.h - recorded trajectories of a simulation ----------*- C++ -*-===//
//
// A Trace is a table: one row per recorded time, one column per species, in
// the module's concentration unit. It knows whether the run reached its end;
// a failed run keeps the rows recorded before the failure and says where and
// why it stopped. Written as CSV (time, then one column per species) or JSON.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_TRACE_H
#define CRNC_SIM_TRACE_H

#include "lib/support/Json.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace crnc::sim {

/// Recorded rows of a simulation.
struct Trace {
  std::vector<std::string> species; ///< column names
  std::vector<double> times;        ///< one per row, non-decreasing
  std::vector<double> values; ///< row-major, times.size() x species.size()
  bool completed = true;      ///< false when the run stopped early
  double failureTime = 0;     ///< time reached when !completed
  std::string failureReason;  ///< why it stopped when !completed

  size_t rows() const { return times.size(); }
  size_t columns() const { return species.size(); }
  /// The state recorded at row r.
  llvm::ArrayRef<double> row(size_t r) const {
    return llvm::ArrayRef<double>(values).slice(r * columns(), columns());
  }
  double at(size_t r, size_t col) const { return values[r * columns() + col]; }
  /// Index of the column named `name`, or -1.
  long column(llvm::StringRef name) const;
  /// Appends a row; `state` has columns() entries.
  void addRow(double t, llvm::ArrayRef<double> state);
};

/// Writes `time,<species...>` then one line per row, numbers through
/// formatNumber. Only data: whether the trace completed is said by the JSON
/// form and by the command that wrote it, never inside the CSV.
void writeCsv(const Trace &trace, llvm::raw_ostream &os);
/// Writes {"species":[...],"times":[...],"values":[[...],...],
/// "completed":bool[,"failure":{"time":t,"reason":"..."}]} and a newline,
/// through nlohmann/json (numbers as lib/support/Json.h's jsonNumber).
void writeJson(const Trace &trace, llvm::raw_ostream &os);
/// The same object without the newline, as a value of a larger document.
void writeJsonValue(const Trace &trace, JsonStream &js);

/// Evenly spaced output times t0, ..., t1 (points >= 2: both ends included;
/// points == 1: just t1).
std::vector<double> linearTimes(double t0, double t1, unsigned points);

} // namespace crnc::sim

#endif
