/* pctr_html.h — report.html of a certification bundle (issue #17): the PCTR (ISO/IEC
 * 9646-5) as one self-contained HTML5 page, rendered from report.json
 * (docs/report-schema.json), so a merged report renders like a single run's.
 *
 * Sections, each an <h2> with an id: identification, pics-pixit, summary (tables and
 * inline SVG charts), coverage, cases (an <article id="case-ID"> each), observations.
 * No script, no external fetch; an @media print part for PDF.  The JSON may be
 * hand-edited: a missing or mistyped member shows as "—", every string is escaped.
 */
#ifndef PMIP4CT_PCTR_HTML_H
#define PMIP4CT_PCTR_HTML_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* 0, or -1 with a message in err when writing f failed. */
int pctr_html_write(FILE *f, const json_t *report, char *err, size_t errlen);

#endif
