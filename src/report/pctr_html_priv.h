/* pctr_html_priv.h — what the files of the report.html writer (pctr_html.h) share: reading
 * a member that may be missing or of another type, escaped output, verdict badges, and
 * the sections each file writes.
 */
#ifndef PMIP4CT_PCTR_HTML_PRIV_H
#define PMIP4CT_PCTR_HTML_PRIV_H

#include <jansson.h>
#include <stdio.h>

#define PH_DASH "\xe2\x80\x94" /* — : a member missing or not of its type */

enum { PH_NVERDICT = 6 };
/* pass, fail, warn, inconc, none, error: the schema's order, and their colours. */
extern const char *const ph_verdicts[PH_NVERDICT];
extern const char *const ph_colours[PH_NVERDICT];

/* The verdict's index in ph_verdicts, or -1. */
int ph_verdict_index(const char *v);
/* Member key of o as a string, or NULL (o no object, key missing, not a string). */
const char *ph_str(json_t *o, const char *key);
/* s escaped; NULL as PH_DASH. */
void ph_esc(FILE *f, const char *s);
/* A scalar as escaped text (a boolean as yes / no); anything else as PH_DASH. */
void ph_val(FILE *f, json_t *v);
/* <tr><th>label</th><td>value</td></tr> with ph_val. */
void ph_row(FILE *f, const char *label, json_t *v);
/* A list of strings, joined by sep; an empty array as "none", no array as PH_DASH. */
void ph_list(FILE *f, json_t *a, const char *sep);
/* The verdict as a coloured badge with its word; unknown ones grey. */
void ph_badge(FILE *f, const char *verdict);
/* <h2 id="id">title</h2>. */
void ph_h2(FILE *f, const char *id, const char *title);

void ph_summary(FILE *f, json_t *r);  /* pctr_html_summary.c */
/* A load phase's registration-latency histogram; nothing when h is no object. */
void ph_latency(FILE *f, json_t *h); /* pctr_html_hist.c */
void ph_coverage(FILE *f, json_t *r); /* pctr_html_cases.c */
void ph_cases(FILE *f, json_t *r);

#endif
