/*
 * main: the command line.  The only file that exits.
 *
 *   regen charts [--data FILE] [--out DIR] [--format LIST] [--lang en|zh]
 *                [--chart ID]
 *   regen check  [--data FILE]
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "data.h"
#include "diag.h"
#include "output.h"
#include "regen.h"
#include "render.h"
#include "text.h"
#include "util.h"

#define DEFAULT_DATA	"data/rare_earths.json"
#define DEFAULT_OUT	"out"

struct opts {
	const char	*cmd;
	const char	*data;
	const char	*out;
	const char	*chart;
	enum lang	 lang;
	int		 formats[RENDER__MAX];	/* 1 = wanted */
	int		 progress;
};

static void
usage(FILE *fp)
{
	fputs("usage: regen charts [--data FILE] [--out DIR] "
	    "[--format svg,pdf,png,scene]\n"
	    "                    [--lang en|zh] [--chart ID] [--progress]\n"
	    "       regen check [--data FILE]\n"
	    "       regen --help | --version\n"
	    "\n"
	    "Charts: reserves, production, value-chain, production-change,\n"
	    "world-production; written to DIR/charts/ID.EXT (Chinese:\n"
	    "ID.zh.EXT; PNG also at twice the size as ID@2x.png).\n"
	    "Defaults: --data " DEFAULT_DATA ", --out " DEFAULT_OUT
	    ", --format svg,pdf,png, --lang en.\n"
	    "Exit codes: 0 ok, 64 usage, 65 bad data, 66 input missing,\n"
	    "70 internal error, 73 output cannot be written.\n", fp);
}

static int
parse_formats(struct opts *o, const char *list)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	int f, rc = 0;

	memset(o->formats, 0, sizeof(o->formats));
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((f = render_format_from_name(tok)) < 0) {
			diag_warnx("--format: unknown format \"%s\"; expected "
			    "svg, pdf, png or scene", tok);
			rc = -1;
			break;
		}
		o->formats[f] = 1;
	}
	free(copy);
	return rc;
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
		{ "progress", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	/* the checkout's dataset, else the installed one */
	o->data = access(DEFAULT_DATA, F_OK) == 0 ? DEFAULT_DATA :
	    REGEN_DATADIR "/rare_earths.json";
	o->out = DEFAULT_OUT;
	o->formats[RENDER_SVG] = o->formats[RENDER_PDF] =
	    o->formats[RENDER_PNG] = 1;
	o->progress = isatty(STDERR_FILENO);
	if (argc > 1 && argv[1][0] != '-') {
		o->cmd = argv[1];
		argv++;
		argc--;
	}
	while ((ch = getopt_long(argc, argv, "d:o:f:l:c:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->data = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'f':
			if (parse_formats(o, optarg) == -1)
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
			if (chart_kind_from_id(optarg) < 0) {
				diag_warnx("--chart: unknown chart \"%s\"; "
				    "see regen --help", optarg);
				return EXIT_USAGE;
			}
			o->chart = optarg;
			break;
		case 'p':
			o->progress = 1;
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
	if (optind < argc) {
		diag_warnx("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (o->cmd == NULL)
		o->cmd = "charts";
	if (strcmp(o->cmd, "charts") != 0 && strcmp(o->cmd, "check") != 0) {
		diag_warnx("unknown command \"%s\"; expected charts or check",
		    o->cmd);
		usage(stderr);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * The date written into documents: SOURCE_DATE_EPOCH if set, else the
 * dataset's as_of date; never the clock, so output is reproducible.
 */
static int
document_date(const struct model *m, char *out, size_t sz)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	char *end;
	long long v;
	time_t t;

	if (sde == NULL || *sde == '\0') {
		snprintf(out, sz, "%sT00:00:00Z", m->as_of);
		return 0;
	}
	errno = 0;
	v = strtoll(sde, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL) {
		diag_warnx("SOURCE_DATE_EPOCH=\"%s\": expected seconds since "
		    "1970 as a whole number", sde);
		return -1;
	}
	t = (time_t)v;
	gmtime_r(&t, &tm);
	strftime(out, sz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

struct job {
	struct scene	*scene;
	char		*stem;	/* out/charts/reserves or .../reserves.zh */
};

/* Render one scene in every wanted format and write the files. */
static int
write_chart(const struct opts *o, const struct job *j, struct text_ctx *tc,
    const struct render_meta *meta)
{
	static const struct { enum render_format f; double scale;
	    const char *suffix; } outs[] = {
		{ RENDER_SVG, 1, ".svg" },
		{ RENDER_PDF, 1, ".pdf" },
		{ RENDER_PNG, 1, ".png" },
		{ RENDER_PNG, 2, "@2x.png" },
		{ RENDER_SCENE, 1, ".scene.txt" },
	};
	struct render_meta cm = *meta;
	enum out_result r;
	struct buf b;
	size_t i;
	char *path, *err;

	cm.title = j->scene->title;
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		if (!o->formats[outs[i].f])
			continue;
		buf_init(&b);
		if (render_scene(j->scene, outs[i].f, outs[i].scale, tc, &cm,
		    &b, &err) == -1) {
			diag_warnx("%s: %s", j->stem, err);
			free(err);
			buf_free(&b);
			return EXIT_SOFTWARE;
		}
		path = xasprintf("%s%s", j->stem, outs[i].suffix);
		r = out_write(path, b.data, b.len, &err);
		buf_free(&b);
		if (r == OUT_ERROR) {
			diag_warnx("%s", err);
			free(err);
			free(path);
			return EXIT_CANTCREAT;
		}
		if (o->progress)
			fprintf(stderr, "regen: %s %s\n", r == OUT_WRITTEN ?
			    "wrote" : "unchanged", path);
		free(path);
	}
	return EXIT_OK;
}

static int
cmd_charts(const struct opts *o, const struct model *m)
{
	struct job jobs[CHART__MAX];
	struct render_meta meta;
	struct text_ctx *tc;
	struct diags d;
	size_t n = 0, i;
	char date[32], *dir, *err;
	int k, rc = EXIT_OK;

	if (document_date(m, date, sizeof(date)) == -1)
		return EXIT_USAGE;
	tc = text_ctx_new();
	diags_init(&d);
	/* every scene first: a chart with nothing to draw stops the run
	 * before any file is written */
	for (k = 0; k < CHART__MAX; k++) {
		struct chart_spec spec;

		if (o->chart != NULL && chart_kind_from_id(o->chart) != k)
			continue;
		chart_spec_defaults(&spec, (enum chart_kind)k);
		spec.lang = o->lang;
		jobs[n].scene = chart_build(&spec, m, tc, &d);
		if (jobs[n].scene == NULL)
			continue;
		jobs[n].stem = xasprintf("%s/charts/%s%s", o->out,
		    chart_kind_id((enum chart_kind)k),
		    o->lang == LANG_ZH ? ".zh" : "");
		n++;
	}
	if (d.total > 0) {
		diags_print(&d, stderr);
		rc = EXIT_DATAERR;
		goto out;
	}
	dir = xasprintf("%s/charts", o->out);
	if (out_mkdirs(dir, &err) == -1) {
		diag_warnx("cannot create output folder: %s", err);
		free(err);
		free(dir);
		rc = EXIT_CANTCREAT;
		goto out;
	}
	free(dir);
	memset(&meta, 0, sizeof(meta));
	meta.author = "regen";
	meta.subject = m->title;
	meta.keywords = "rare earths, reserves, mine production, USGS";
	meta.date = date;
	for (i = 0; i < n && rc == EXIT_OK; i++)
		rc = write_chart(o, &jobs[i], tc, &meta);
	if (text_missing_glyphs(tc) > 0)
		diag_warnx("warning: %d glyphs had no font and show as boxes",
		    text_missing_glyphs(tc));
out:
	for (i = 0; i < n; i++) {
		scene_free(jobs[i].scene);
		free(jobs[i].stem);
	}
	diags_free(&d);
	text_ctx_free(tc);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct model *m;
	struct diags d;
	struct opts o;
	int rc;

	if ((rc = parse_args(&o, argc, argv)) != EXIT_OK)
		return rc;
	out_catch_signals();
	diags_init(&d);
	m = data_load(o.data, &d, &rc);
	if (m == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return rc;
	}
	diags_free(&d);
	if (strcmp(o.cmd, "check") == 0) {
		if (o.progress)
			fprintf(stderr, "regen: %s: ok\n", o.data);
		rc = EXIT_OK;
	} else
		rc = cmd_charts(&o, m);
	model_free(m);
	return rc;
}
