/*
 * run: one run of regen, from a loaded dataset to committed files.
 *
 * Everything is prepared first (templates parsed and laid out, charts
 * built), so bad input stops the run before a file is written; then every
 * output is rendered and staged, and the batch is committed all or
 * nothing.  A run whose inputs have not changed since the files it wrote
 * does nothing (stamp.h).  Bare regen renders its two languages in two
 * processes on two cores.
 */
#ifndef RUN_H
#define RUN_H

#include "model.h"
#include "regen.h"
#include "render_format.h"

/* The command of a run. */
enum cmd { CMD_ALL, CMD_CHARTS, CMD_REPORT, CMD_CHECK, CMD_BUILD, CMD_DIFF };

struct opts {
	enum cmd	 cmd;
	const char	*data;
	const char	*out;
	const char	*chart;
	const char	*name;		/* --name: the chart's file name */
	const char	*tmpl;
	const char	*spec;		/* charts --spec FILE */
	const char	*today;		/* check --today YYYY-MM-DD; NULL:
					   the clock's (UTC) */
	enum lang	 lang;
	int		 formats[RENDER__MAX];	/* 1 = wanted */
	int		 formats_given;
	int		 progress;
	int		 force;		/* --force: even when up to date */
	int		 svg_outline;	/* --svg-text outline */
	const char	*theme;		/* --theme NAME or FILE */
	const char	*manifest;	/* build MANIFEST */
	const char	*diff_old;	/* diff OLD NEW */
	const char	*diff_new;
	int		 diff_md;	/* diff --format md */
	int		 jobs;		/* build -j N */
	int		 shard;		/* build --shard K/N: K (from 1) */
	int		 nshards;	/* ...and N; 0: no sharding */
};

/* Run o on the dataset m; the exit code.  Diagnostics go to stderr. */
int	run(const struct opts *o, const struct model *m);

/* Write dir/index.html (gallery.h) from the records of the runs into
 * dir; the exit code. */
int	run_gallery(const char *dir);

/* Load o->data and run o on it; the exit code. */
int	run_load(const struct opts *o);

/* Once at exit: the fonts every run of the process shared. */
void	run_cleanup(void);

#endif
