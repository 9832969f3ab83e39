//===- Trace.cpp - recorded trajectories and their CSV/JSON forms ---------===//
//
// Rows of (time, state) and the two text forms the driver writes. Numbers go
// through formatNumber so output is exact and locale-independent.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Trace.h"
#include "lib/support/Format.h"
#include <cassert>

using namespace crnc;
using namespace crnc::sim;

long Trace::column(llvm::StringRef name) const {
  for (size_t i = 0; i < species.size(); ++i)
    if (species[i] == name)
      return static_cast<long>(i);
  return -1;
}

void Trace::addRow(double t, llvm::ArrayRef<double> state) {
  assert(state.size() == columns() && "row width differs from the columns");
  times.push_back(t);
  values.insert(values.end(), state.begin(), state.end());
}

void sim::writeCsv(const Trace &trace, llvm::raw_ostream &os) {
  os << "time";
  for (const std::string &s : trace.species)
    os << ',' << s;
  os << '\n';
  for (size_t r = 0; r < trace.rows(); ++r) {
    os << formatNumber(trace.times[r]);
    for (double v : trace.row(r))
      os << ',' << formatNumber(v);
    os << '\n';
  }
}

static void writeNumberList(llvm::ArrayRef<double> xs, llvm::raw_ostream &os) {
  os << '[';
  for (size_t i = 0; i < xs.size(); ++i)
    os << (i ? "," : "") << formatNumber(xs[i]);
  os << ']';
}

void sim::writeJson(const Trace &trace, llvm::raw_ostream &os) {
  os << "{\"species\":[";
  for (size_t i = 0; i < trace.species.size(); ++i)
    os << (i ? "," : "") << quoteString(trace.species[i]);
  os << "],\"times\":";
  writeNumberList(trace.times, os);
  os << ",\"values\":[";
  for (size_t r = 0; r < trace.rows(); ++r) {
    os << (r ? "," : "");
    writeNumberList(trace.row(r), os);
  }
  os << "],\"completed\":" << (trace.completed ? "true" : "false");
  if (!trace.completed)
    os << ",\"failure\":{\"time\":" << formatNumber(trace.failureTime)
       << ",\"reason\":" << quoteString(trace.failureReason) << '}';
  os << "}\n";
}

std::vector<double> sim::linearTimes(double t0, double t1, unsigned points) {
  if (points <= 1)
    return {t1};
  std::vector<double> ts(points);
  for (unsigned i = 0; i < points; ++i)
    ts[i] = t0 + (t1 - t0) * i / (points - 1);
  ts.back() = t1;
  return ts;
}
