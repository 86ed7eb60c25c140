/*
 * regen: shared definitions for every stage of the pipeline
 *
 *   data/NAME.json --data--> model --chart--> scene --render--> out/
 *
 * Exit codes follow sysexits(3); they are documented in README.md.
 */
#ifndef REGEN_H
#define REGEN_H

#define REGEN_VERSION "0.1.0"

enum regen_exit {
	EXIT_OK = 0,
	EXIT_USAGE = 64,	/* bad command line */
	EXIT_DATAERR = 65,	/* bad dataset or template */
	EXIT_NOINPUT = 66,	/* input missing or unreadable */
	EXIT_SOFTWARE = 70,	/* internal error */
	EXIT_CANTCREAT = 73	/* output cannot be written */
};

/* A place in an input file; line and col count from 1, 0 = unknown. */
struct pos {
	const char	*file;	/* borrowed; lives as long as the run */
	int		 line;
	int		 col;	/* in characters (UTF-8 code points) */
};

enum lang {
	LANG_EN = 0,
	LANG_ZH
};

#endif
