/*
 * scene: a backend-free display list.
 *
 * The chart and layout stages compute geometry into a scene: rectangles,
 * lines and text runs, each with a semantic role.  Backends (render.h)
 * draw scenes; tests assert on them (bar lengths, everything inside the
 * canvas, no overlapping labels) without rasterizing anything.
 * Coordinates are points from the top-left corner.
 */
#ifndef SCENE_H
#define SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "util.h"

enum scene_kind {
	SCENE_RECT,
	SCENE_LINE,
	SCENE_TEXT,
	SCENE_TAG_BEGIN,	/* a structure element opens: text = "H1"... */
	SCENE_TAG_END		/* ...and closes; only tagged PDF uses them */
};

enum scene_role {
	ROLE_BACKGROUND,
	ROLE_TITLE,
	ROLE_SUBTITLE,
	ROLE_BAR,		/* a data bar or bar segment */
	ROLE_BASELINE,		/* the zero line */
	ROLE_GRID,
	ROLE_TICK_LABEL,
	ROLE_CATEGORY_LABEL,
	ROLE_VALUE_LABEL,
	ROLE_LEGEND_SWATCH,
	ROLE_LEGEND_LABEL,
	ROLE_NOTE,
	ROLE_SOURCE,
	ROLE_HEADING,		/* document headings, from here on: pages */
	ROLE_PARAGRAPH,
	ROLE_TABLE_CELL,
	ROLE_TABLE_RULE,
	ROLE_KEY_FIGURE,
	ROLE_PAGE_HEADER,
	ROLE_PAGE_FOOTER,
	ROLE__MAX
};

struct scene_item {
	enum scene_kind	 kind;
	enum scene_role	 role;
	double		 x, y;		/* top-left; a line's start */
	double		 w, h;		/* a text's logical box */
	double		 x2, y2;	/* a line's end */
	double		 line_width;
	uint32_t	 rgb;		/* 0xRRGGBB */
	char		*text;		/* owned; what is drawn */
	struct text_style style;
	double		 wrap;		/* line-break width, 0 = one line */
	double		 value;		/* a bar's data value */
	char		*key;		/* owned; entity id, year or stage */
	int		 group;		/* series or segment index */
	struct text_span *spans;	/* owned; rich text styling, links */
	size_t		 nspans;
};

struct scene {
	char		*id;		/* chart id, e.g. "reserves" */
	char		*title;		/* for metadata */
	char		*desc;		/* one-sentence summary, alt text */
	enum lang	 lang;
	double		 w, h;		/* canvas, points */
	double		 plot_x, plot_y;	/* a chart's plot area: its bars, */
	double		 plot_w, plot_h;	/* gridlines, value labels; 0 x 0:
					   none (a page) */
	struct scene_item *items;
	size_t		 n;
	size_t		 cap;
};

/* A new empty scene; caller frees with scene_free(). */
struct scene	*scene_new(const char *id, double w, double h, enum lang);
void		 scene_free(struct scene *);

/* Add items; the returned pointer is valid until the next add. */
struct scene_item *scene_rect(struct scene *, enum scene_role, double x,
		    double y, double w, double h, uint32_t rgb);
struct scene_item *scene_line(struct scene *, enum scene_role, double x1,
		    double y1, double x2, double y2, double width,
		    uint32_t rgb);
/* Text measured with tc; (x, y) is its top-left corner. */
struct scene_item *scene_text(struct scene *, struct text_ctx *,
		    enum scene_role, double x, double y, const char *,
		    const struct text_style *, double wrap, uint32_t rgb);

/* The same with rich-text spans (copied). */
struct scene_item *scene_text_spans(struct scene *, struct text_ctx *,
		    enum scene_role, double x, double y, const char *,
		    const struct text_span *, size_t,
		    const struct text_style *, double wrap, uint32_t rgb);

/* Open or close a structure element (PDF tags: H1, P, Figure, Table,
 * TR, TH, TD).  alt is the element's alternative text, or NULL. */
void		 scene_tag(struct scene *, int begin, const char *name,
		    const char *alt);

/* Copy every item of src except its background into dst, moved by
 * (dx, dy); a chart placed on a page. */
void		 scene_append(struct scene *dst, const struct scene *src,
		    double dx, double dy);

const char	*scene_role_name(enum scene_role);

/*
 * Cut every axis-aligned line of role `lines` where it crosses the box of
 * a text of role `texts`, grown by margin on each side, so no such text
 * sits on a line (gridlines behind value labels).  The pieces keep the
 * line's place in the drawing order.
 */
void		 scene_cut_lines(struct scene *, enum scene_role lines,
		    enum scene_role texts, double margin);

/* A line per item, for tests and --format scene. */
void		 scene_dump(const struct scene *, struct buf *);

/* 1 if a and b (text boxes or rectangles) overlap by more than eps. */
int		 scene_items_overlap(const struct scene_item *,
		    const struct scene_item *, double eps);

#endif
