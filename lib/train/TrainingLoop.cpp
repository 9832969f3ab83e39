//===- TrainingLoop.cpp - epochs of chemical (and float) training ---------===//
//
// Data preparation and the epoch loop shared by `crnc train`, the tests and
// the benchmarks.
//
//===----------------------------------------------------------------------===//

#include "lib/train/TrainingLoop.h"
#include "lib/support/Format.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <chrono>
#include <cmath>

using namespace crnc;
using namespace crnc::train;

static llvm::Error dataError(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 message.str().c_str());
}

/// Keeps the rows whose label is in `classes`, renumbering labels by position.
static Dataset selectClasses(const Dataset &data,
                             const std::vector<size_t> &classes) {
  Dataset out;
  for (size_t k : classes)
    if (k < data.classNames.size())
      out.classNames.push_back(data.classNames[k]);
  for (size_t r = 0; r < data.size(); ++r) {
    auto it = llvm::find(classes, size_t(data.target[r]));
    if (it == classes.end())
      continue;
    out.x.push_back(data.x[r]);
    out.target.push_back(double(it - classes.begin()));
  }
  return out;
}

static size_t partRows(double part, size_t rows) {
  return part >= 1 ? size_t(part) : size_t(std::lround(part * double(rows)));
}

llvm::Expected<PreparedData> train::prepareData(const Dataset &data,
                                                const DataOptions &o) {
  for (size_t f : o.features)
    if (f >= data.features())
      return dataError("feature " + llvm::Twine(f + 1) +
                       " does not exist (the "
                       "data has " +
                       llvm::Twine(data.features()) + ")");
  for (size_t k : o.classes)
    if (llvm::none_of(data.target, [&](double t) { return t == double(k); }))
      return dataError("class " + llvm::Twine(k) +
                       " of --classes has no rows in the data");
  Dataset d = o.classes.empty() ? data : selectClasses(data, o.classes);
  if (o.divisor != 1)
    for (std::vector<double> &row : d.x)
      for (double &v : row)
        v /= o.divisor;
  if (d.size() == 0)
    return dataError("no rows are left after selecting the classes");
  size_t nTrain = partRows(o.trainPart, d.size());
  size_t nVal = partRows(o.validationPart, d.size());
  if (nTrain == 0 || nTrain + nVal > d.size())
    return dataError("the split asks for " + llvm::Twine(nTrain) + " + " +
                     llvm::Twine(nVal) + " rows of " + llvm::Twine(d.size()));
  double rows = double(d.size());
  Split s =
      splitRows(d.size(), double(nTrain) / rows, double(nVal) / rows, o.seed);
  PreparedData p{d.subset(s.train, o.features),
                 d.subset(s.validation, o.features),
                 d.subset(s.test, o.features)};
  if (o.minMax) {
    std::vector<size_t> all(p.train.size());
    for (size_t i = 0; i < all.size(); ++i)
      all[i] = i;
    MinMaxScaler scaler = MinMaxScaler::fit(p.train, all);
    scaler.apply(p.train);
    scaler.apply(p.validation);
    scaler.apply(p.test);
  }
  return p;
}

std::vector<size_t> train::presentationOrder(size_t rows, uint64_t seed,
                                             unsigned epoch) {
  Split s = splitRows(rows, 1.0, 0.0, seed * 1000003ULL + epoch);
  return s.train;
}

static llvm::Expected<EpochRecord>
runEpoch(ChemicalTrainer &chem, FloatReference *ref, const PreparedData &data,
         const LoopOptions &o, unsigned epoch, size_t &done, size_t total) {
  EpochRecord rec;
  rec.epoch = epoch + 1;
  auto start = std::chrono::steady_clock::now();
  std::vector<SampleResult> chemResults, refResults;
  for (size_t i : presentationOrder(data.train.size(), o.seed, epoch)) {
    auto r = chem.trainSample(data.train.x[i], data.train.target[i]);
    if (!r)
      return r.takeError();
    chemResults.push_back(std::move(*r));
    if (ref)
      refResults.push_back(
          ref->trainSample(data.train.x[i], data.train.target[i]));
    if (o.progress)
      o.progress(++done, total);
  }
  rec.train = summarize(chemResults);
  rec.trainSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  auto val = chem.evaluate(data.validation, o.threads);
  if (!val)
    return val.takeError();
  rec.validation = *val;
  rec.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (ref) {
    rec.refTrain = summarize(refResults);
    rec.refValidation = ref->evaluate(data.validation);
  }
  return rec;
}

llvm::Expected<TrainingResult> train::runTraining(ChemicalTrainer &chem,
                                                  FloatReference *ref,
                                                  const PreparedData &data,
                                                  const LoopOptions &o) {
  TrainingResult result;
  size_t done = 0, total = size_t(o.epochs) * data.train.size();
  double trainSeconds = 0;
  for (unsigned epoch = 0; epoch < o.epochs; ++epoch) {
    auto rec = runEpoch(chem, ref, data, o, epoch, done, total);
    if (!rec)
      return rec.takeError();
    trainSeconds += rec->trainSeconds;
    result.epochs.push_back(std::move(*rec));
  }
  if (total)
    result.secondsPerSample = trainSeconds / double(total);
  auto test = chem.evaluate(data.test, o.threads);
  if (!test)
    return test.takeError();
  result.test = *test;
  if (ref)
    result.refTest = ref->evaluate(data.test);
  return result;
}

bool train::parseSplit(llvm::StringRef text, DataOptions &options) {
  llvm::SmallVector<llvm::StringRef, 2> parts;
  text.split(parts, ',');
  if (parts.size() != 2)
    return false;
  auto train = parseNumber(parts[0].trim()), val = parseNumber(parts[1].trim());
  if (!train || !val || *train <= 0 || *val < 0)
    return false;
  options.trainPart = *train;
  options.validationPart = *val;
  return true;
}

bool train::parseIndexList(llvm::StringRef text, bool oneBased,
                           std::vector<size_t> &out) {
  llvm::SmallVector<llvm::StringRef, 8> parts;
  text.split(parts, ',', -1, false);
  for (llvm::StringRef p : parts) {
    unsigned long long v = 0;
    if (llvm::getAsUnsignedInteger(p.trim(), 10, v) || (oneBased && v == 0))
      return false;
    out.push_back(size_t(oneBased ? v - 1 : v));
  }
  return !out.empty();
}

std::optional<double> train::foreignLabel(const ModelInterface &mi,
                                          const PreparedData &data) {
  if (mi.task == Task::Regression)
    return std::nullopt;
  for (const Dataset *d : {&data.train, &data.validation, &data.test})
    for (double t : d->target)
      if (t < 0 || t != std::floor(t) || t >= double(mi.classes))
        return t;
  return std::nullopt;
}
