/*
 * chart: pure geometry.  Given a chart spec and the model, compute
 * scales, nice ticks, bars, labels and the text to draw into a scene
 * (scene.h).  Text is measured with Pango so labels are fitted, never
 * overlapping one another or leaving the canvas.
 *
 * A new chart type is a row in the table in chart.c and a builder in
 * chart_kinds.c; nothing else changes.
 */
#ifndef CHART_H
#define CHART_H

#include "diag.h"
#include "model.h"
#include "scene.h"
#include "text.h"

struct theme;

enum chart_kind {
	CHART_RESERVES,			/* ranked bars, top N + rest */
	CHART_PRODUCTION,		/* ranked bars with world shares */
	CHART_VALUE_CHAIN,		/* 100 % stacked bars */
	CHART_PRODUCTION_CHANGE,	/* grouped bars, two years */
	CHART_WORLD_PRODUCTION,		/* vertical bars by year */
	CHART__MAX
};

struct chart_spec {
	enum chart_kind	 kind;
	const char	*series;	/* series id; NULL = by measure */
	int		 year;		/* 0 = latest in the data */
	int		 year_from;	/* first year compared; 0 = year-1 */
	int		 top_n;		/* bars before "Rest of world" */
	const char	*highlight;	/* entity id; NULL = dataset's */
	enum lang	 lang;
	double		 width;		/* canvas, points */
	double		 height;
	double		 font_scale;	/* 1 for slides; smaller in documents */
	const struct theme *theme;	/* NULL: theme_default() */
};

/* Fill spec with the defaults for kind (800 x 500, top 8, English,
 * font scale 1). */
void		 chart_spec_defaults(struct chart_spec *, enum chart_kind);

/* The id naming a kind's files ("reserves"); -1 if s names none. */
const char	*chart_kind_id(enum chart_kind);
int		 chart_kind_from_id(const char *s);

#define CHART_MAX_SOURCES 16

/* The sources a chart cites, in the order of its source line. */
struct chart_sources {
	const struct source *src[CHART_MAX_SOURCES];
	size_t		 n;
};

/*
 * Build the scene of one chart.  Returns the scene (caller frees with
 * scene_free) or NULL when the data gives nothing to draw, with the
 * reason added to d.  When cites is not NULL it receives the sources.
 */
struct scene	*chart_build(const struct chart_spec *, const struct model *,
		    struct text_ctx *, struct diags *d,
		    struct chart_sources *cites);

#endif
