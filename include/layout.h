/*
 * layout: flows a doc (doc.h) into pages, one scene per page.
 *
 * Pango breaks the lines; paragraphs flow across pages (never leaving a
 * single line behind or ahead when it can be helped), headings are kept
 * with what follows, charts and table rows are never split, a table's
 * heading row is repeated on each page, and every page gets a header and
 * a footer with "Page X of Y".
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include "diag.h"
#include "doc.h"
#include "render_outline.h"
#include "text.h"

#define LAYOUT_MAX_PAGES 2000

struct layout {
	struct scene		**pages;	/* owned */
	size_t			  npages;
	struct render_outline	 *outline;	/* titles owned */
	size_t			  noutline;
};

/* Lay out doc; returns 0, or -1 with the reason in d (file names the
 * template).  Free the result with layout_free() in both cases. */
int	layout_doc(const struct doc *, struct text_ctx *, const char *file,
	    struct layout *, struct diags *d);
void	layout_free(struct layout *);

#endif
