/*
 * render_outline: a PDF's bookmarks, as layout makes them.  Apart from
 * render.h, so that layout does not pull in cairo.h.
 */
#ifndef RENDER_OUTLINE_H
#define RENDER_OUTLINE_H

/* A bookmark: a title and where it points (page from 1; y in points). */
struct render_outline {
	const char	*title;
	int		 page;
	double		 y;
};

#endif
