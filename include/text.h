/*
 * text: fonts and text measurement with Pango, shared by every chart and
 * page of a run.
 *
 * One text context holds one font map built from a private fontconfig
 * configuration that names only the Noto fonts regen uses, so output does
 * not change when other fonts are installed, and one Pango context with
 * hinting and glyph-position rounding off, so a text measures the same in
 * PDF, SVG and PNG.  Units are points (= px at scale 1).
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <pango/pango.h>

#include "regen.h"

struct text_style {
	double		 size;		/* font size, points */
	int		 bold;
	enum lang	 lang;		/* picks CJK glyph forms for Chinese */
	double		 spacing;	/* extra space between lines, points */
	int		 align_right;	/* wrapped lines flush right */
};

/* Styling of a byte range of a text (rich text in documents). */
struct text_span {
	size_t		 start;		/* byte offsets, end exclusive */
	size_t		 end;
	unsigned	 flags;
#define SPAN_BOLD	0x01
#define SPAN_ITALIC	0x02
#define SPAN_LINK	0x04		/* href set; drawn in the link colour */
#define SPAN_XREF	0x08		/* href "#name": a PDF internal link,
					   drawn as plain text */
	char		*href;		/* owned by the span array's owner */
};

#define TEXT_RGB_LINK	0x0B5CAD	/* links in running text */

/* Where each line of a wrapped text starts and ends. */
struct text_lines {
	size_t		*start;		/* byte offset of each line */
	double		*bottom;	/* bottom of each line from the top */
	double		*baseline;	/* baseline of each line from the top */
	size_t		 n;
};

struct text_extent {
	double		 w;		/* logical width, points */
	double		 h;		/* logical height (all lines) */
	double		 baseline;	/* first baseline from the top */
};

struct text_ctx;

/* Returns a new context; caller frees with text_ctx_free().  On missing
 * fonts it falls back to the system configuration and says so once. */
struct text_ctx	*text_ctx_new(void);
void		 text_ctx_free(struct text_ctx *);

/* Measure s set in style; wrap > 0 breaks lines at that width. */
struct text_extent text_measure(struct text_ctx *, const char *s,
		    const struct text_style *, double wrap);

/*
 * s shortened with a trailing ellipsis so it is at most maxw wide (s
 * itself when it fits).  Caller frees.
 */
char		*text_fit(struct text_ctx *, const char *s,
		    const struct text_style *, double maxw);

/* A layout for drawing (shared with the measurement: do not change it);
 * caller unrefs with g_object_unref(). */
PangoLayout	*text_layout_spans(struct text_ctx *, const char *s,
		    const struct text_span *, size_t nspans,
		    const struct text_style *, double wrap);

struct text_extent text_measure_spans(struct text_ctx *, const char *s,
		    const struct text_span *, size_t nspans,
		    const struct text_style *, double wrap);

/* The lines of a wrapped rich text; free with text_lines_free(). */
void		 text_lines(struct text_ctx *, const char *s,
		    const struct text_span *, size_t nspans,
		    const struct text_style *, double wrap,
		    struct text_lines *);
void		 text_lines_free(struct text_lines *);

/* Copy spans (and their hrefs); caller frees with text_spans_free(). */
struct text_span *text_spans_dup(const struct text_span *, size_t);
void		 text_spans_free(struct text_span *, size_t);

/* h extended with the identity (path, size, time) of every font file
 * regen sets text in, for up-to-date checks. */
uint64_t	 text_fonts_key(uint64_t h);

/* Drop the layouts kept for drawing that were not used since the last
 * trim (measurements stay): after every run, so a long build keeps the
 * texts its jobs share, not every text of every job. */
void		 text_ctx_trim(struct text_ctx *);

/* Once at exit, after every context is freed: fontconfig's state. */
void		 text_cleanup(void);

/* How many glyphs so far had no font (tofu). */
int		 text_missing_glyphs(const struct text_ctx *);

#endif
