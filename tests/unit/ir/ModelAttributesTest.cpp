// The typed model attributes: every type round-trips through its text form,
// the text is what the textual IR has always carried (golden model IR in
// tests/lit/models), and malformed text reads as absent.
#include "ir/ModelAttributes.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::ir;
using namespace crnc::ir::model;

TEST_CASE("model attributes keep their text form") {
  AttributeList attrs;
  set(attrs, ModelKind, Kind::NonlinearClassifier);
  set(attrs, ModelTask, Task::Multiclass);
  set(attrs, Inputs, 4);
  set(attrs, Horizon, 0.5);
  set(attrs, SignedInputs, false);
  set(attrs, GradientKind, Gradient::FirstOrder);
  set(attrs, SampleLoad, Load{true, 3});
  set(attrs, SignalRail, Rail::Negative);
  set(attrs, Expert, InputPair{0, 2});
  CHECK(findAttribute(attrs, "model_kind") == "nonlinear_classifier");
  CHECK(findAttribute(attrs, "task") == "multiclass");
  CHECK(findAttribute(attrs, "inputs") == "4");
  CHECK(findAttribute(attrs, "horizon") == "0.5");
  CHECK(findAttribute(attrs, "signed_inputs") == "0");
  CHECK(findAttribute(attrs, "gradient") == "first_order");
  CHECK(findAttribute(attrs, "load") == "target:3");
  CHECK(findAttribute(attrs, "rail") == "n");
  CHECK(findAttribute(attrs, "expert") == "0:2");
}

TEST_CASE("model attributes read back what was written") {
  AttributeList attrs;
  set(attrs, ModelKind, Kind::ExpertAggregation);
  set(attrs, LearningRate, 0.125);
  set(attrs, SampleLoad, Load{false, 7});
  set(attrs, Expert, InputPair{5, 9});
  set(attrs, Transient, true);
  CHECK(get(attrs, ModelKind) == Kind::ExpertAggregation);
  CHECK(get(attrs, LearningRate) == 0.125);
  std::optional<Load> load = get(attrs, SampleLoad);
  REQUIRE(load);
  CHECK(!load->isTarget);
  CHECK(load->index == 7);
  std::optional<InputPair> pair = get(attrs, Expert);
  REQUIRE(pair);
  CHECK(pair->first == 5);
  CHECK(pair->second == 9);
  CHECK(get(attrs, Transient) == true);
  CHECK(!get(attrs, Horizon)); // absent
}

TEST_CASE("malformed attribute text reads as absent") {
  AttributeList attrs;
  setAttribute(attrs, "model_kind", "perceptron");
  setAttribute(attrs, "inputs", "-2");
  setAttribute(attrs, "load", "y:1");
  setAttribute(attrs, "expert", "1");
  setAttribute(attrs, "transient", "yes");
  setAttribute(attrs, "horizon", "long");
  CHECK(!get(attrs, ModelKind));
  CHECK(!get(attrs, Inputs));
  CHECK(!get(attrs, SampleLoad));
  CHECK(!get(attrs, Expert));
  CHECK(!get(attrs, Transient));
  CHECK(!get(attrs, Horizon));
}

TEST_CASE("one table of model kinds, names both ways") {
  REQUIRE(allKinds().size() == 4);
  for (const KindInfo &info : allKinds()) {
    CHECK(kindName(info.kind) == info.name);
    CHECK(parseKind(info.name) == info.kind);
    CHECK(!info.summary.empty());
  }
  CHECK(!parseKind("linear"));
  CHECK(parseTask(taskName(Task::Binary)) == Task::Binary);
  CHECK(!parseTask("ranking"));
}

TEST_CASE("weight slots: input or bias, three fields") {
  AttributeList attrs;
  set(attrs, Slot, WeightSlot{2, 5, 7});
  CHECK(findAttribute(attrs, "weight_slot") == "2:5:7");
  std::optional<WeightSlot> slot = get(attrs, Slot);
  REQUIRE(slot);
  CHECK(slot->output == 2);
  CHECK(slot->dimension == 5);
  CHECK(slot->input == 7u);
  set(attrs, Slot, WeightSlot{1, 0, std::nullopt});
  CHECK(findAttribute(attrs, "weight_slot") == "1:0:bias");
  REQUIRE(get(attrs, Slot));
  CHECK(!get(attrs, Slot)->input);
  for (const char *bad : {"1:0", "1:0:b", "x:0:1", "1:0:1:2"}) {
    setAttribute(attrs, "weight_slot", bad);
    CHECK(!get(attrs, Slot));
  }
}
