//===- Conservation.cpp - stoichiometry and conservation laws -------------===//
//
// Fraction-free Gauss-Jordan elimination (each row kept primitive by dividing
// out its gcd) on N^T; the null space is read off the reduced form. All
// arithmetic is checked for 64-bit overflow.
//
//===----------------------------------------------------------------------===//

#include "lib/analysis/Conservation.h"
#include "lib/support/Format.h"
#include <cstdlib>
#include <numeric>

using namespace crnc;
using namespace crnc::analysis;
using namespace crnc::ir;

using Row = std::vector<int64_t>;

std::vector<Row> analysis::stoichiometryRows(const Module &module) {
  std::vector<Row> rows;
  rows.reserve(module.reactionCount());
  for (const Reaction &r : module.allReactions()) {
    Row row(module.speciesCount(), 0);
    for (const Term &t : r.reactants)
      row[t.species] -= t.count;
    for (const Term &t : r.products)
      row[t.species] += t.count;
    rows.push_back(std::move(row));
  }
  return rows;
}

static int64_t gcd64(int64_t a, int64_t b) { return std::gcd(a, b); }

/// Divides `row` by the gcd of its entries.
static void makePrimitive(Row &row) {
  int64_t g = 0;
  for (int64_t v : row)
    g = gcd64(g, v);
  if (g > 1)
    for (int64_t &v : row)
      v /= g;
}

/// row := a * row - b * pivot; false on overflow.
static bool combine(Row &row, int64_t a, int64_t b, const Row &pivot) {
  for (size_t j = 0; j < row.size(); ++j) {
    int64_t x, y;
    if (__builtin_mul_overflow(a, row[j], &x) ||
        __builtin_mul_overflow(b, pivot[j], &y) ||
        __builtin_sub_overflow(x, y, &row[j]))
      return false;
  }
  return true;
}

namespace {
struct Echelon {
  std::vector<Row> rows;         ///< the first pivotCols.size() are pivot rows
  std::vector<size_t> pivotCols; ///< pivot column of each pivot row
};
} // namespace

/// Reduces `rows` to (integer) reduced row-echelon form, taking pivots from
/// the last column backwards: species declared later (complexes,
/// intermediates) become pivots, so the free columns, one per law, are the
/// early species, and laws come out as "A + complex" totals.
static std::optional<Echelon> reduce(std::vector<Row> rows, size_t columns) {
  Echelon e;
  size_t next = 0;
  for (size_t step = 0; step < columns && next < rows.size(); ++step) {
    size_t col = columns - 1 - step;
    size_t p = next;
    while (p < rows.size() && rows[p][col] == 0)
      ++p;
    if (p == rows.size())
      continue;
    std::swap(rows[p], rows[next]);
    Row &pivot = rows[next];
    if (pivot[col] < 0)
      for (int64_t &v : pivot)
        v = -v;
    makePrimitive(pivot);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i == next || rows[i][col] == 0)
        continue;
      int64_t g = gcd64(pivot[col], rows[i][col]);
      if (!combine(rows[i], pivot[col] / g, rows[i][col] / g, pivot))
        return std::nullopt;
      makePrimitive(rows[i]);
    }
    e.pivotCols.push_back(col);
    ++next;
  }
  rows.resize(next);
  e.rows = std::move(rows);
  return e;
}

/// The null-space vector of the reduced form for free column `freeCol`.
static std::optional<Row> nullVector(const Echelon &e, size_t freeCol,
                                     size_t columns) {
  int64_t scale = 1;
  for (size_t r = 0; r < e.rows.size(); ++r) {
    if (e.rows[r][freeCol] == 0)
      continue;
    int64_t p = e.rows[r][e.pivotCols[r]];
    int64_t l = scale / gcd64(scale, p);
    if (__builtin_mul_overflow(l, p, &scale))
      return std::nullopt;
  }
  Row v(columns, 0);
  v[freeCol] = scale;
  for (size_t r = 0; r < e.rows.size(); ++r) {
    int64_t entry = e.rows[r][freeCol];
    if (entry == 0)
      continue;
    int64_t p = e.rows[r][e.pivotCols[r]];
    if (__builtin_mul_overflow(-(scale / p), entry, &v[e.pivotCols[r]]))
      return std::nullopt;
  }
  makePrimitive(v);
  for (int64_t x : v) {
    if (x == 0)
      continue;
    if (x < 0)
      for (int64_t &y : v)
        y = -y;
    break;
  }
  return v;
}

std::optional<std::vector<ConservationLaw>>
analysis::computeConservationLaws(const Module &module) {
  size_t columns = module.speciesCount();
  std::optional<Echelon> e = reduce(stoichiometryRows(module), columns);
  if (!e)
    return std::nullopt;
  std::vector<bool> isPivot(columns, false);
  for (size_t c : e->pivotCols)
    isPivot[c] = true;
  std::vector<ConservationLaw> laws;
  for (size_t col = 0; col < columns; ++col) {
    if (isPivot[col])
      continue;
    std::optional<Row> v = nullVector(*e, col, columns);
    if (!v)
      return std::nullopt;
    laws.push_back(ConservationLaw{std::move(*v)});
  }
  return laws;
}

std::optional<size_t> analysis::stoichiometricRank(const Module &module) {
  std::optional<Echelon> e =
      reduce(stoichiometryRows(module), module.speciesCount());
  if (!e)
    return std::nullopt;
  return e->pivotCols.size();
}

double ConservationLaw::initialValue(const Module &module) const {
  double total = 0;
  for (SpeciesId s = 0; s < coefficients.size(); ++s)
    total +=
        static_cast<double>(coefficients[s]) * module.getSpecies(s).initial;
  return total;
}

std::string ConservationLaw::toString(const Module &module) const {
  std::string text;
  for (SpeciesId s = 0; s < coefficients.size(); ++s) {
    int64_t c = coefficients[s];
    if (c == 0)
      continue;
    if (!text.empty())
      text += c < 0 ? " - " : " + ";
    else if (c < 0)
      text += "-";
    if (std::llabs(c) != 1)
      text += std::to_string(std::llabs(c)) + " ";
    text += module.getSpecies(s).name;
  }
  return text.empty() ? "0" : text;
}
