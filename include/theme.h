/*
 * theme: the colours of charts, read from a small text file under
 * templates/themes/ (documented in templates/README.md), so a palette is
 * changed without touching C.
 */
#ifndef THEME_H
#define THEME_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum theme_colour {
	THEME_BACKGROUND,
	THEME_INK,		/* titles, labels */
	THEME_MUTED,		/* subtitle, notes, ticks */
	THEME_GRID,
	THEME_AXIS,
	THEME_HIGHLIGHT,	/* the one entity that matters */
	THEME_BAR,		/* every other bar */
	THEME_REST,		/* "Rest of world" */
	THEME_SECOND,		/* a second series: the earlier year */
	THEME_ON_HIGHLIGHT,	/* text on a highlight bar */
	THEME_ON_REST,		/* text on a rest bar */
	THEME__MAX
};

struct theme {
	char		*name;
	char		*path;		/* the file it came from */
	uint32_t	 c[THEME__MAX];	/* 0xRRGGBB */
};

/* The built-in default (Okabe-Ito blue on grey) for when no theme file
 * is named; the same colours as templates/themes/default.theme. */
const struct theme *theme_default(void);

/*
 * Load a theme: name is a file path, or a bare name looked up as
 * templates/themes/NAME.theme (then beside the installed binary).
 * Returns the theme (caller frees with theme_free) or NULL with errors
 * in d (file:line) and *code set.
 */
struct theme	*theme_load(const char *name, struct diags *d, int *code);

/*
 * The same from a theme's text (len bytes) read from path: the theme
 * (caller frees with theme_free), or NULL with every problem in d.
 */
struct theme	*theme_parse(const char *name, const char *path,
		    const char *text, size_t len, struct diags *d);
void		 theme_free(struct theme *);

#endif
