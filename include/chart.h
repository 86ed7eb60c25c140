/*
 * chart: pure geometry.  Given a chart spec and the model, compute
 * scales, nice ticks, bars, labels and the text to draw into a scene
 * (scene.h).  Text is measured with Pango so labels are fitted, never
 * overlapping one another or leaving the canvas.
 *
 * A chart is described by data, like a Vega-Lite spec: its kind, series,
 * year(s), sort, top N, labels, highlight, and its title, subtitle and
 * note as text with placeholders.  The bundled charts are presets in
 * templates/charts.xml (spec.h reads such files).  A new kind of chart
 * is one builder in chart.c and a row in its table.
 */
#ifndef CHART_H
#define CHART_H

#include "diag.h"
#include "model.h"
#include "scene.h"
#include "text.h"

struct theme;

enum chart_kind {
	CHART_RANKED,		/* horizontal bars of one year, top N + rest */
	CHART_COLUMNS,		/* vertical bars: the world total by year */
	CHART_GROUPED,		/* horizontal bars, two years side by side */
	CHART_STACKED,		/* 100 % bars: the value chain's shares */
	CHART__MAX
};

enum chart_label { CHART_LABEL_VALUE, CHART_LABEL_SHARE, CHART_LABEL_BOTH };
enum chart_sort { CHART_SORT_VALUE, CHART_SORT_NAME };
enum chart_text { CHART_TITLE, CHART_SUBTITLE, CHART_NOTE, CHART_TEXT__MAX };

/*
 * A chart spec.  It owns its strings (chart_spec_copy, chart_spec_clear).
 * Text may hold "{name}" placeholders, filled from the chart (see
 * templates/README.md, "Chart specs"); NULL text takes the kind's
 * default, worded from the series' and unit's names in the dataset.
 */
struct chart_spec {
	char		*id;		/* names its files: "reserves" */
	enum chart_kind	 kind;
	char		*series;	/* series id; NULL: by measure */
	char		*measure;	/* the series must have it; NULL: any */
	int		 year;		/* 0 = latest in the data */
	int		 year_from;	/* grouped: the earlier year; 0 = year-1 */
	int		 top_n;		/* bars before the rest; 0 = all */
	int		 rest;		/* ranked: a "Rest of world" bar */
	enum chart_label label;
	enum chart_sort	 sort;
	char		*highlight;	/* entity id; NULL = dataset's */
	char		*scale;		/* a scale id of the series' unit;
					   NULL: the largest the values reach */
	char		*text[2][CHART_TEXT__MAX];	/* [lang][what] */
	enum lang	 lang;
	double		 width;		/* canvas, points */
	double		 height;
	double		 font_scale;	/* 1 for slides; smaller in documents */
	const struct theme *theme;	/* NULL: theme_default() */
	int		 line;		/* in its spec file; 0: none */
};

/* Fill spec with the defaults for kind (800 x 500, top 8, English,
 * font scale 1, a rest bar, value labels). */
void		 chart_spec_defaults(struct chart_spec *, enum chart_kind);
/* dst = a deep copy of src; free with chart_spec_clear. */
void		 chart_spec_copy(struct chart_spec *dst,
		    const struct chart_spec *src);
void		 chart_spec_clear(struct chart_spec *);
/* Replace *slot with a copy of s (NULL: none). */
void		 chart_spec_set(char **slot, const char *s);

/* The name of a kind ("ranked"). */
const char	*chart_kind_id(enum chart_kind);

#define CHART_MAX_SOURCES 16

/* The sources a chart cites, in the order of its source line. */
struct chart_sources {
	const struct source *src[CHART_MAX_SOURCES];
	size_t		 n;
};

/*
 * The series a spec draws: its series, else the first of its measure,
 * else the first series of the dataset; NULL, with the reason in d at
 * pos, when there is none, it does not have the spec's measure, or its
 * unit lacks the spec's scale.
 */
const struct series *chart_series(const struct chart_spec *,
		    const struct model *, const struct pos *, struct diags *);

/*
 * Build the scene of one chart.  Returns the scene (caller frees with
 * scene_free) or NULL when the data gives nothing to draw, with the
 * reason added to d at `at` (the template's line, say; NULL: the
 * dataset).  When cites is not NULL it receives the sources.
 */
struct scene	*chart_build(const struct chart_spec *, const struct model *,
		    struct text_ctx *, const struct pos *at, struct diags *d,
		    struct chart_sources *cites);

/*
 * A chart is never drawn shorter than its kind can show legibly: when
 * spec's height is less, chart_build returns a taller scene.  This says
 * so on stderr, at `at`, as a warning (the run goes on); nothing when sc
 * has spec's height.
 */
void		 chart_say_raised(const struct chart_spec *,
		    const struct scene *sc, const struct pos *at);

#endif
