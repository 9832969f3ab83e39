//===- Trace.cpp - recorded trajectories and their CSV/JSON forms ---------===//
//
// Rows of (time, state) and the two text forms the driver writes. CSV numbers
// go through formatNumber, JSON through nlohmann/json (lib/support/Json.h):
// both exact and locale-independent.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Trace.h"
#include "lib/support/Format.h"
#include "lib/support/Json.h"
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

/// Streamed one row at a time: a trace may hold millions of values.
void sim::writeJsonValue(const Trace &trace, JsonStream &js) {
  js.beginObject();
  js.member("species", Json(trace.species));
  js.member("times", jsonNumbers(trace.times));
  js.key("values");
  js.beginArray();
  for (size_t r = 0; r < trace.rows(); ++r)
    js.value(jsonNumbers(trace.row(r)));
  js.endArray();
  js.member("completed", trace.completed);
  if (!trace.completed)
    js.member("failure", Json{{"time", jsonNumber(trace.failureTime)},
                              {"reason", trace.failureReason}});
  js.endObject();
}

void sim::writeJson(const Trace &trace, llvm::raw_ostream &os) {
  JsonStream js(os);
  writeJsonValue(trace, js);
  os << '\n';
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
