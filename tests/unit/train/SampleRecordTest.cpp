// The training row a run records in its trained module
// (lib/train/TrainingHistory.h): the row epoch 1 presents first, read back
// exactly; no record, or one that does not parse, reads as none.
#include "lib/train/TrainingHistory.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::train;

TEST_CASE("the first presented training row round-trips through the module",
          "[train]") {
  Dataset rows;
  for (int i = 0; i < 7; ++i) {
    rows.x.push_back({0.1 * i, 1.0 / (i + 3)});
    rows.target.push_back(2.5 + i);
  }
  ir::Module m("model");
  CHECK_FALSE(readRecordedSample(m));
  recordFirstSample(m, rows, 4);
  size_t first = presentationOrder(rows.size(), 4, 0).front();
  std::optional<RecordedSample> s = readRecordedSample(m);
  REQUIRE(s);
  CHECK(s->inputs == rows.x[first]); // exact: numbers print round-trip
  CHECK(s->target == rows.target[first]);
  // Nothing to record without rows; a broken record reads as none.
  ir::Module empty("model");
  recordFirstSample(empty, Dataset(), 4);
  CHECK_FALSE(readRecordedSample(empty));
  ir::setAttribute(m.attrs, "sample_target", "nan");
  CHECK_FALSE(readRecordedSample(m));
}
