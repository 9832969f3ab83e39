//===- ModelAttributes.h - the attributes of a lowered model ----*- C++ -*-===//
//
// The contract between the Neural CRN model lowerings (compiler/frontend/
// models), which write these attributes, and the trainer (lib/train), which
// reads them: every key once, with its type, and the one table of model
// kinds. Values live in the module as text (the textual IR prints them);
// set() and get() are the only code that formats and parses them.
//
//   module:  model_kind, model_name, task, inputs, outputs, horizon,
//            learning_rate, seed, signed_inputs, abstract_species,
//            abstract_reactions, plus the hyper-parameters of each kind.
//   species: signal (abstract name), rail (p|n, signed signals only),
//            load (x:<i> | target:<k>) and load_scale (default 1),
//            transient (zeroed before each presentation), output (<k>),
//            expert (<i>:<j>, the input pair an expert weight multiplies),
//            weight_slot (<output>:<dimension>:<input>|bias, the place of a
//            weight of the linear and nonlinear models).
//   phases:  "forward" (phase 1) and "backward" (phase 2).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_MODELATTRIBUTES_H
#define CRNC_IR_MODELATTRIBUTES_H

#include "ir/Module.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

namespace crnc::ir::model {

//===----------------------------------------------------------------------===//
// Closed sets
//===----------------------------------------------------------------------===//

enum class Kind {
  LinearRegression,
  LinearClassifier,
  NonlinearClassifier,
  ExpertAggregation,
};

/// One model kind: its name in `model <name> : <kind>` and a summary.
struct KindInfo {
  Kind kind;
  llvm::StringLiteral name;
  llvm::StringLiteral summary;
};

/// Every model kind, in the order `crnc --help` lists them.
llvm::ArrayRef<KindInfo> allKinds();
llvm::StringRef kindName(Kind kind);
std::optional<Kind> parseKind(llvm::StringRef name);

enum class Task { Regression, Binary, Multiclass };
llvm::StringRef taskName(Task task);
std::optional<Task> parseTask(llvm::StringRef name);

/// How the nonlinear classifier computes its weight sensitivity.
enum class Gradient { Exact, FirstOrder };

/// Which rail of a signed signal a species is.
enum class Rail { Positive, Negative };

/// What the sample loads into a species: feature `index` or target
/// component `index`.
struct Load {
  bool isTarget = false;
  uint64_t index = 0;
};

/// The (0-based) pair of inputs whose product an expert weight multiplies.
struct InputPair {
  uint64_t first = 0, second = 0;
};

/// Where a learned weight sits: output `output`, hidden dimension
/// `dimension` (0 for the linear models), multiplying input `input`, or the
/// bias of that dimension when `input` is unset.
struct WeightSlot {
  uint64_t output = 0;
  uint64_t dimension = 0;
  std::optional<uint64_t> input;
  bool operator<(const WeightSlot &o) const {
    return std::tie(output, dimension, input) <
           std::tie(o.output, o.dimension, o.input);
  }
};

//===----------------------------------------------------------------------===//
// Keys
//===----------------------------------------------------------------------===//

/// The phases of a learning network: phase 1 presents the sample and forms
/// the outputs, phase 2 applies the learning rule.
inline constexpr llvm::StringLiteral ForwardPhase{"forward"};
inline constexpr llvm::StringLiteral BackwardPhase{"backward"};

/// An attribute key whose value has type `T`.
template <typename T> struct Key {
  using Value = T;
  llvm::StringLiteral name;
};

// Every model (recorded by the front end's recordModelAttributes).
inline constexpr Key<Kind> ModelKind{"model_kind"};
inline constexpr Key<std::string> ModelName{"model_name"};
inline constexpr Key<Task> ModelTask{"task"};
inline constexpr Key<uint64_t> Inputs{"inputs"};
inline constexpr Key<uint64_t> Outputs{"outputs"};
inline constexpr Key<double> Horizon{"horizon"};
inline constexpr Key<double> LearningRate{"learning_rate"};
inline constexpr Key<uint64_t> Seed{"seed"};
inline constexpr Key<bool> SignedInputs{"signed_inputs"};
inline constexpr Key<uint64_t> AbstractSpecies{"abstract_species"};
inline constexpr Key<uint64_t> AbstractReactions{"abstract_reactions"};
// Classifiers.
inline constexpr Key<uint64_t> Classes{"classes"};
// Nonlinear classifier.
inline constexpr Key<uint64_t> Augment{"augment"};
inline constexpr Key<double> AugmentValue{"augment_value"};
inline constexpr Key<double> Alpha{"alpha"};
inline constexpr Key<Gradient> GradientKind{"gradient"};
// Expert aggregation.
inline constexpr Key<double> InitialWeight{"initial_weight"};
inline constexpr Key<uint64_t> Experts{"experts"};
// A trained module (`crnc train --save-module`).
inline constexpr Key<uint64_t> TrainedEpochs{"trained_epochs"};

// Species of a model.
inline constexpr Key<std::string> Signal{"signal"};
inline constexpr Key<Rail> SignalRail{"rail"};
inline constexpr Key<Load> SampleLoad{"load"};
inline constexpr Key<double> LoadScale{"load_scale"};
inline constexpr Key<bool> Transient{"transient"};
inline constexpr Key<uint64_t> Output{"output"};
inline constexpr Key<InputPair> Expert{"expert"};
inline constexpr Key<WeightSlot> Slot{"weight_slot"};

//===----------------------------------------------------------------------===//
// Accessors
//===----------------------------------------------------------------------===//

std::string formatValue(const std::string &value);
std::string formatValue(double value);
std::string formatValue(uint64_t value);
std::string formatValue(bool value);
std::string formatValue(Kind value);
std::string formatValue(Task value);
std::string formatValue(Gradient value);
std::string formatValue(Rail value);
std::string formatValue(const Load &value);
std::string formatValue(const InputPair &value);
std::string formatValue(const WeightSlot &value);

bool parseValue(llvm::StringRef text, std::string &out);
bool parseValue(llvm::StringRef text, double &out);
bool parseValue(llvm::StringRef text, uint64_t &out);
bool parseValue(llvm::StringRef text, bool &out);
bool parseValue(llvm::StringRef text, Kind &out);
bool parseValue(llvm::StringRef text, Task &out);
bool parseValue(llvm::StringRef text, Gradient &out);
bool parseValue(llvm::StringRef text, Rail &out);
bool parseValue(llvm::StringRef text, Load &out);
bool parseValue(llvm::StringRef text, InputPair &out);
bool parseValue(llvm::StringRef text, WeightSlot &out);

/// Sets `key` to `value` (replacing an existing entry in place).
template <typename T>
void set(AttributeList &attrs, const Key<T> &key,
         const typename Key<T>::Value &value) {
  setAttribute(attrs, key.name, formatValue(value));
}

/// The value of `key`; nullopt when absent or not a `T`.
template <typename T>
std::optional<T> get(const AttributeList &attrs, const Key<T> &key) {
  std::optional<llvm::StringRef> text = findAttribute(attrs, key.name);
  T value{};
  if (!text || !parseValue(*text, value))
    return std::nullopt;
  return value;
}

/// The data column a model species is loaded from (its `load` is "x:i");
/// unset for the target and for a species the protocol does not load.
inline std::optional<uint64_t> featureColumn(const AttributeList &attrs) {
  std::optional<Load> load = get(attrs, SampleLoad);
  if (!load || load->isTarget)
    return std::nullopt;
  return load->index;
}

} // namespace crnc::ir::model

#endif
