//===- Report.h - the verification report as HTML and JSON ------*- C++ -*-===//
//
// Renders one ReportData twice: a self-contained HTML page (inline CSS and
// SVG figures, no scripts, no external resources: it opens offline) and a
// JSON document with the same figures. Both start with the summary
// (summarize()): pass, fail or incomplete, and why.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_REPORT_REPORT_H
#define CRNC_BACKENDS_REPORT_REPORT_H

#include "backends/report/ReportData.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::report {

/// Section ids, in order; the HTML uses them as element ids, the JSON as
/// keys.
extern const char *const sectionIds[10];

void writeReportHTML(const ReportData &data, llvm::raw_ostream &os);
void writeReportJSON(const ReportData &data, llvm::raw_ostream &os);

} // namespace crnc::report

#endif
