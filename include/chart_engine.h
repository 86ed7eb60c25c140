/*
 * chart_engine: the drawing steps shared by every chart kind, internal to
 * the chart stage (chart.h).
 *
 * Like kplot, a chart is drawn as a sequence of "reserve space for this
 * decoration" steps over a shrinking free rectangle: header (title,
 * subtitle), footer (notes, source line), legend, then the plot itself.
 */
#ifndef CHART_ENGINE_H
#define CHART_ENGINE_H

#include "chart.h"
#include "theme.h"

#define CE_MAX_CITED	CHART_MAX_SOURCES

/* A colour of the chart's theme (theme.h). */
#define CC(c, k)	((c)->theme->c[(k)])

struct ce {
	const struct chart_spec	*spec;
	const struct theme	*theme;
	const struct model	*m;
	const struct pos	*at;		/* where problems are said */
	struct text_ctx		*tc;
	struct scene		*sc;
	double			 x0, y0, x1, y1;	/* free area */
	double			 pad;		/* canvas margin */
	const struct source	*cited[CE_MAX_CITED];
	size_t			 ncited;
	struct text_style	 st_title, st_sub, st_label, st_value,
				 st_tick, st_note;
	char			*subtitle;	/* owned; starts the summary */
	int			 too_small;	/* too narrow for its bars */
	double			 need;		/* more height the kind needs to
						   be legible, points */
};

/* A quantity's display: value / div, then suffix ("44.0 Mt"). */
struct ce_scale {
	double		 div;
	const char	*suffix;
	int		 decimals;	/* -1: fmt_auto_decimals */
};

struct ce_seg {
	double		 v;
	uint32_t	 rgb;
	char		*label;		/* drawn inside if it fits; owned */
};

struct ce_bar {
	struct ce_seg	 seg[2];
	int		 nseg;
	char		*end_label;	/* after the bar end; owned */
	char		*key;		/* owned */
};

struct ce_row {
	char		*name;		/* owned */
	struct ce_bar	 bar[2];
	int		 nbar;
};

struct ce_legend {
	const char	*label;
	uint32_t	 rgb;
};

struct ce_hbars {
	struct ce_row	*rows;
	size_t		 n;
	const struct ce_legend *legend;
	size_t		 nlegend;
	double		 fixed_max;	/* 100 for shares; 0 = fit values */
	struct ce_scale	 ticks;		/* how tick values are written */
};

void	ce_init(struct ce *, const struct chart_spec *, const struct model *,
	    struct text_ctx *, const char *id);
void	ce_cite(struct ce *, const struct source *);
void	ce_header(struct ce *, const char *title, const char *subtitle);
/* notes: NULL-terminated; the source line is built from ce_cite() calls */
void	ce_footer(struct ce *, const char *const *notes);
void	ce_legend(struct ce *, const struct ce_legend *, size_t);
/* How many rows of nbar bars, named names[0..n-1] at most, fit in the
 * free area; never fewer than least (ce_hbars then says in c->need how
 * much taller the canvas must be). */
size_t	ce_hbar_capacity(struct ce *, int nbar, const char *const *names,
	    size_t n, size_t least);
void	ce_hbars(struct ce *, const struct ce_hbars *);
void	ce_hbars_free(struct ce_hbars *);
/* Vertical bars: one per category, value labels on top. */
void	ce_vbars(struct ce *, const char *const *cats, const double *vals,
	    char *const *labels, size_t n, const struct ce_scale *ticks,
	    uint32_t rgb);

char	*ce_quantity(double v, const struct ce_scale *);	/* caller frees */
char	*ce_percent(double v);					/* caller frees */

#endif
