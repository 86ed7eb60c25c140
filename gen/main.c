/*
 * main: the command line.  The only file that exits.
 *
 *   regen [--out DIR] [--format LIST] [-j N]     both briefings, all charts
 *   regen report --template FILE [--data FILE] [--out DIR] [--format LIST]
 *   regen charts [--data FILE] [--out DIR] [--format LIST] [--lang en|zh]
 *                [--spec FILE] [--chart ID [--name NAME]]
 *   regen build  MANIFEST [-j N] [--shard K/N]
 *   regen check  [--data FILE] [--template FILE] [--today DATE]
 *   regen diff   OLD.json NEW.json [--format text|md]
 *
 * Options become a struct opts; run.h does the rest, once, or once per
 * job of a manifest (build, spread over -j worker processes).
 */
#include <errno.h>
#include <sys/wait.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "data.h"
#include "diff.h"
#include "diag.h"
#include "manifest.h"
#include "output.h"
#include "regen.h"
#include "render.h"
#include "run.h"
#include "text.h"
#include "tmpl.h"
#include "util.h"

#define DEFAULT_DATA	"data/rare_earths.json"
#define DEFAULT_OUT	"out"

/* The bundled dataset (util_resource), found once in main. */
static char *default_data;

static void
usage(FILE *fp)
{
	fputs("usage: regen [--out DIR] [--format LIST] [-j 1|2]\n"
	    "       regen report --template FILE [--data FILE] [--out DIR] "
	    "[--format LIST]\n"
	    "       regen charts [--data FILE] [--out DIR] [--format LIST] "
	    "[--lang en|zh]\n"
	    "                    [--spec FILE] [--chart ID [--name NAME]]\n"
	    "       regen check [--data FILE] [--template FILE] "
	    "[--today YYYY-MM-DD]\n"
	    "       regen diff OLD.json NEW.json [--format text|md]\n"
	    "       regen build MANIFEST [-j N] [--shard K/N]\n"
	    "       regen --help | --version\n"
	    "\n"
	    "With no command, regen renders both bundled briefings\n"
	    "(templates/briefing.xml, templates/briefing.zh.xml) into\n"
	    "DIR/briefing.pdf, DIR/briefing.zh.pdf, one SVG per page\n"
	    "(DIR/briefing-N.svg, DIR/briefing.zh-N.svg) and a page for\n"
	    "screens (DIR/briefing.html, DIR/briefing.zh.html), every chart\n"
	    "in English and Chinese into DIR/charts/, and DIR/index.html\n"
	    "showing them all; on two cores or more it renders the Chinese\n"
	    "half in a second process (-j 1: one).\n"
	    "Charts: the presets of templates/charts.xml (reserves,\n"
	    "production, value-chain, production-change, world-production),\n"
	    "or the charts of --spec FILE, as DIR/charts/ID.EXT (Chinese: ID.zh.EXT;\n"
	    "PNG also at twice the size as ID@2x.png; --name NAME writes\n"
	    "the one --chart as NAME.EXT).\n"
	    "Formats: svg, pdf, png, html (briefings only), scene (a text\n"
	    "dump of the geometry).\n"
	    "Defaults: --data " DEFAULT_DATA ", --out " DEFAULT_OUT ",\n"
	    "--format svg,pdf,png for charts and pdf,svg,html for briefings.\n"
	    "--force renders and writes even when nothing changed.\n"
	    "Options: --progress reports each file on stderr; --svg-text\n"
	    "outline writes chart and page SVGs as Cairo's glyph outlines\n"
	    "instead of editable <text>.  --theme NAME|FILE picks the\n"
	    "chart colours: default, greyscale, dark (templates/themes/),\n"
	    "or a file.\n"
	    "Exit codes: 0 ok, 64 usage, 65 bad data or template, 66 input\n"
	    "missing, 70 internal error, 73 output cannot be written.\n", fp);
}

/* svg, pdf, png and html: charts take the first three; briefings take
 * pdf, svg and html, and add page PNGs only when png is named
 * (write_report). */
static void
default_formats(struct opts *o)
{
	memset(o->formats, 0, sizeof(o->formats));
	o->formats[RENDER_SVG] = o->formats[RENDER_PDF] =
	    o->formats[RENDER_PNG] = o->formats[RENDER_HTML] = 1;
}

static int
parse_formats(struct opts *o, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	int f, rc = 0;

	memset(o->formats, 0, sizeof(o->formats));
	o->formats_given = 1;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((f = render_format_from_name(tok)) < 0) {
			diag_warnx("--format: unknown format \"%s\"; expected "
			    "svg, pdf, png, html or scene", tok);
			rc = -1;
			break;
		}
		o->formats[f] = 1;
	}
	free(copy);
	if (rc == 0 && !o->formats[RENDER_SVG] && !o->formats[RENDER_PDF] &&
	    !o->formats[RENDER_PNG] && !o->formats[RENDER_SCENE] &&
	    !o->formats[RENDER_HTML]) {
		diag_warnx("--format: no format given; expected svg, pdf, png, "
		    "html or scene, separated by commas");
		rc = -1;
	}
	return rc;
}

/* 0 if o draws charts only and names none of their formats (html is a
 * briefing's), else 1. */
static int
chart_formats_ok(const struct opts *o)
{
	return o->cmd != CMD_CHARTS || o->formats[RENDER_SVG] ||
	    o->formats[RENDER_PDF] || o->formats[RENDER_PNG] ||
	    o->formats[RENDER_SCENE];
}

/* 1 if s is a real date written YYYY-MM-DD. */
static int
iso_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, n = 0;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

static int
parse_command(struct opts *o, const char *s)
{
	static const struct { const char *name; enum cmd cmd; } cmds[] = {
		{ "charts", CMD_CHARTS }, { "report", CMD_REPORT },
		{ "check", CMD_CHECK }, { "build", CMD_BUILD },
		{ "diff", CMD_DIFF },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(s, cmds[i].name) == 0) {
			o->cmd = cmds[i].cmd;
			return 0;
		}
	diag_warnx("unknown command \"%s\"; expected report, charts, check, "
	    "build or diff", s);
	usage(stderr);
	return -1;
}

/*
 * --name gives one chart (--chart) another file name, so many charts
 * can share a folder (a build of 1,000 charts need not make 1,000
 * folders).  A plain file name: no '/', not hidden.  -1 after saying why.
 */
static int
check_name(const struct opts *o)
{
	if (o->name == NULL)
		return 0;
	if (o->cmd != CMD_CHARTS || o->chart == NULL) {
		diag_warnx("--name goes with charts and --chart");
		return -1;
	}
	if (o->name[0] == '\0' || o->name[0] == '.' ||
	    strchr(o->name, '/') != NULL) {
		diag_warnx("--name: expected a file name without '/', not "
		    "starting with '.', got \"%s\"", o->name);
		return -1;
	}
	return 0;
}

static int
parse_args(struct opts *o, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "chart", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "template", required_argument, NULL, 't' },
		{ "spec", required_argument, NULL, 'P' },
		{ "today", required_argument, NULL, 'D' },
		{ "progress", no_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'F' },
		{ "svg-text", required_argument, NULL, 's' },
		{ "theme", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "shard", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->data = default_data;	/* freed by main */
	o->out = DEFAULT_OUT;
	o->cmd = CMD_ALL;
	o->progress = isatty(STDERR_FILENO);
	if (argc > 1 && argv[1][0] != '-') {
		if (parse_command(o, argv[1]) == -1)
			return EXIT_USAGE;
		/* getopt names argv[0] in its messages: keep it "regen" */
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((ch = getopt_long(argc, argv, "d:o:f:l:c:t:j:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->data = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'f':
			if (o->cmd == CMD_DIFF) {
				if (strcmp(optarg, "md") != 0 &&
				    strcmp(optarg, "text") != 0) {
					diag_warnx("diff --format: expected "
					    "text or md, got \"%s\"", optarg);
					return EXIT_USAGE;
				}
				o->diff_md = strcmp(optarg, "md") == 0;
			} else if (parse_formats(o, optarg) == -1)
				return EXIT_USAGE;
			break;
		case 'l':
			if (strcmp(optarg, "en") == 0)
				o->lang = LANG_EN;
			else if (strcmp(optarg, "zh") == 0)
				o->lang = LANG_ZH;
			else {
				diag_warnx("--lang: unknown language \"%s\"; "
				    "expected en or zh", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'c':
			o->chart = optarg;	/* checked against the specs */
			break;
		case 'n':
			o->name = optarg;
			break;
		case 't':
			o->tmpl = optarg;
			break;
		case 'P':
			o->spec = optarg;
			break;
		case 'D':
			if (!iso_date(optarg)) {
				diag_warnx("--today: expected a date "
				    "YYYY-MM-DD, got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			o->today = optarg;
			break;
		case 'p':
			o->progress = 1;
			break;
		case 'F':
			o->force = 1;
			break;
		case 'T':
			o->theme = optarg;
			break;
		case 'j':
			o->jobs = atoi(optarg);
			if (o->jobs < 1 || o->jobs > 256) {
				diag_warnx("-j: expected a number of jobs from "
				    "1 to 256, got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'S': {
			int k, n, len = 0;

			if (sscanf(optarg, "%d/%d%n", &k, &n, &len) != 2 ||
			    optarg[len] != '\0' || n < 1 || k < 1 || k > n) {
				diag_warnx("--shard: expected K/N with 1 <= K "
				    "<= N, got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			o->shard = k;
			o->nshards = n;
			break;
		}
		case 's':
			if (strcmp(optarg, "text") == 0)
				o->svg_outline = 0;
			else if (strcmp(optarg, "outline") == 0)
				o->svg_outline = 1;
			else {
				diag_warnx("--svg-text: expected text or "
				    "outline, got \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'V':
			printf("regen %s\n", REGEN_VERSION);
			exit(EXIT_OK);
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (o->cmd == CMD_BUILD && optind < argc)
		o->manifest = argv[optind++];
	if (o->cmd == CMD_DIFF && optind + 2 <= argc) {
		o->diff_old = argv[optind++];
		o->diff_new = argv[optind++];
	} else if (o->cmd == CMD_DIFF) {
		diag_warnx("diff needs two dataset files, OLD and NEW");
		return EXIT_USAGE;
	}
	if (o->cmd == CMD_BUILD && o->manifest == NULL) {
		diag_warnx("build needs a MANIFEST file");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		diag_warnx("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (o->out[0] == '\0') {
		diag_warnx("--out: expected a folder name, got an empty one");
		return EXIT_USAGE;
	}
	if (check_name(o) == -1)
		return EXIT_USAGE;
	if (o->cmd == CMD_REPORT && o->tmpl == NULL) {
		diag_warnx("report needs --template FILE");
		return EXIT_USAGE;
	}
	if (o->today != NULL && o->cmd != CMD_CHECK) {
		diag_warnx("--today goes with check");
		return EXIT_USAGE;
	}
	if (o->tmpl != NULL && o->cmd != CMD_REPORT && o->cmd != CMD_CHECK) {
		diag_warnx("--template goes with report or check");
		return EXIT_USAGE;
	}
	if (!o->formats_given)
		default_formats(o);
	if (!chart_formats_ok(o)) {
		diag_warnx("--format: charts are written as svg, pdf, png or "
		    "scene; html is a form of briefings");
		return EXIT_USAGE;
	}
	/* bare regen splits its two languages over two processes when
	 * there are two cores; build runs one job at a time unless told */
	if (o->jobs == 0)
		o->jobs = o->cmd == CMD_ALL &&
		    sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	return EXIT_OK;
}

/* The options of one manifest job, on top of the command line's. */
static int
job_opts(const struct opts *base, const struct job *j, struct opts *o)
{
	*o = *base;
	o->cmd = j->kind == JOB_REPORT ? CMD_REPORT : CMD_CHARTS;
	o->tmpl = j->tmpl;
	o->data = j->data ? j->data : default_data;
	o->out = j->out ? j->out : DEFAULT_OUT;
	o->chart = j->chart;
	o->name = j->name;
	o->theme = j->theme;
	o->lang = j->lang && strcmp(j->lang, "zh") == 0 ? LANG_ZH : LANG_EN;
	if (j->lang && strcmp(j->lang, "zh") && strcmp(j->lang, "en"))
		return -1;
	if (check_name(o) == -1)
		return -1;
	o->formats_given = 0;
	if (j->formats != NULL && parse_formats(o, j->formats) == -1)
		return -1;
	if (j->formats == NULL)
		default_formats(o);
	return chart_formats_ok(o) ? 0 : -1;
}

/* The worse of two exit codes: any failure beats success. */
static int
worse(int a, int b)
{
	return a != EXIT_OK && (b == EXIT_OK || a > b) ? a : b;
}

/* Run jobs[i] for the i this worker owns: i % nworkers == worker. */
static int
work(const struct opts *o, const struct job *jobs, const size_t *sel,
    size_t nsel, int worker, int nworkers)
{
	struct opts jo;
	size_t i;
	int rc = EXIT_OK;

	for (i = (size_t)worker; i < nsel; i += (size_t)nworkers) {
		const struct job *j = &jobs[sel[i]];

		if (job_opts(o, j, &jo) == -1) {
			diag_warnx("%s:%d: bad lang, chart, name or formats",
			    o->manifest, j->line);
			rc = worse(rc, EXIT_DATAERR);
			continue;
		}
		if (o->progress)
			fprintf(stderr, "regen: job %zu (%s:%d)\n", sel[i] + 1,
			    o->manifest, j->line);
		rc = worse(rc, run_load(&jo));
	}
	return rc;
}

/* DIR/index.html for each folder the jobs wrote into, once. */
static int
write_galleries(const struct job *jobs, const size_t *sel, size_t nsel)
{
	const char **dirs = xcalloc(nsel + 1, sizeof(*dirs));
	size_t i, k, n = 0;
	int rc = EXIT_OK;

	for (i = 0; i < nsel; i++) {
		const char *d = jobs[sel[i]].out ? jobs[sel[i]].out :
		    DEFAULT_OUT;

		for (k = 0; k < n && strcmp(dirs[k], d) != 0; k++)
			;
		if (k == n)
			dirs[n++] = d;
	}
	for (k = 0; k < n; k++)
		rc = worse(rc, run_gallery(dirs[k]));
	free(dirs);
	return rc;
}

/*
 * regen build: every job of the manifest (or of shard K of N: the jobs
 * whose index modulo N is K-1), spread over -j worker processes.  Each
 * job writes its own files, so bytes and names do not depend on -j.
 */
static int
build(const struct opts *o)
{
	struct job *jobs;
	struct diags d;
	size_t n, nsel = 0, i, *sel;
	int rc, w, status;
	pid_t *pids;

	diags_init(&d);
	if ((rc = manifest_load(o->manifest, &jobs, &n, &d)) != EXIT_OK) {
		diags_print(&d, stderr);
		diags_free(&d);
		return rc;
	}
	diags_free(&d);
	sel = xcalloc(n, sizeof(*sel));
	for (i = 0; i < n; i++)
		if (o->nshards == 0 || i % (size_t)o->nshards ==
		    (size_t)(o->shard - 1))
			sel[nsel++] = i;
	if (o->jobs <= 1 || nsel <= 1)
		rc = work(o, jobs, sel, nsel, 0, 1);
	else {
		pids = xcalloc((size_t)o->jobs, sizeof(*pids));
		fflush(NULL);
		for (w = 0; w < o->jobs; w++)
			if ((pids[w] = fork()) == 0)
				_exit(work(o, jobs, sel, nsel, w, o->jobs));
			else if (pids[w] == -1) {
				diag_warnx("fork: %s", strerror(errno));
				rc = worse(rc, EXIT_SOFTWARE);
			}
		for (w = 0; w < o->jobs; w++) {
			if (pids[w] <= 0)
				continue;
			if (waitpid(pids[w], &status, 0) == -1 ||
			    !WIFEXITED(status))
				rc = worse(rc, EXIT_SOFTWARE);
			else
				rc = worse(rc, WEXITSTATUS(status));
		}
		free(pids);
	}
	if (rc == EXIT_OK)
		rc = write_galleries(jobs, sel, nsel);
	free(sel);
	manifest_free(jobs, n);
	return rc;
}

/*
 * regen diff OLD NEW: every change from one dataset to the other; like
 * diff(1), 0 when there is none, 1 when there are, 65 or 66 when either
 * cannot be loaded.
 */
static int
diff(const struct opts *o)
{
	struct model *a, *b = NULL;
	struct changes cs = { 0 };
	struct diags d;
	int rc, rc2 = EXIT_OK;

	diags_init(&d);
	a = data_load(o->diff_old, &d, &rc);
	if (a != NULL || rc == EXIT_DATAERR)
		b = data_load(o->diff_new, &d, &rc2);
	if (a == NULL || b == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		model_free(a);
		model_free(b);
		return worse(rc, rc2);
	}
	diags_free(&d);
	diff_models(a, b, &cs);
	changes_print(&cs, o->diff_old, o->diff_new, o->diff_md, stdout);
	rc = cs.n > 0;
	changes_free(&cs);
	model_free(a);
	model_free(b);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		diag_warnx("diff: cannot write the changes: %s",
		    strerror(errno));
		return EXIT_CANTCREAT;
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	struct model *m;
	struct diags d;
	struct opts o;
	int rc;

	default_data = util_resource(DEFAULT_DATA);
	if ((rc = parse_args(&o, argc, argv)) != EXIT_OK) {
		free(default_data);
		return rc;
	}
	if (o.cmd == CMD_DIFF) {
		rc = diff(&o);
		free(default_data);
		return rc;
	}
	out_catch_signals();
	tmpl_init();
	if (o.cmd == CMD_BUILD) {
		rc = build(&o);
		run_cleanup();
		tmpl_cleanup();
		free(default_data);
		return rc;
	}
	diags_init(&d);
	m = data_load(o.data, &d, &rc);
	if (m == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		tmpl_cleanup();
		free(default_data);
		return rc;
	}
	diags_free(&d);
	rc = run(&o, m);
	model_free(m);
	run_cleanup();
	tmpl_cleanup();
	text_cleanup();
	free(default_data);
	return rc;
}
