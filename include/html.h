/*
 * html: a briefing for screens, as one self-contained HTML5 file.
 *
 * Written from the same document (doc.h) as the PDF, so every figure,
 * citation and source is the same; the layout is the browser's.  The
 * charts are inline native SVG (render.h) with their <title> and <desc>;
 * the style sheet is inside (narrow and wide screens, light and dark,
 * print on A4); no script, no font, no image, nothing fetched.  The
 * markup is also well-formed XML, so tests read it with an XML parser.
 */
#ifndef HTML_H
#define HTML_H

#include "doc.h"
#include "text.h"
#include "util.h"

/* Append the HTML of d to out; date (ISO 8601, may be NULL) goes into
 * its metadata.  Returns 0, or -1 with *err (caller frees). */
int	html_doc(const struct doc *d, const char *date, struct text_ctx *tc,
	    struct buf *out, char **err);

#endif
