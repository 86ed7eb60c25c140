/*
 * run: prepare, render, stage and commit the files of one run; the
 * up-to-date check; the two-process split of bare regen.
 */
#include <errno.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "data.h"
#include "diag.h"
#include "gallery.h"
#include "html.h"
#include "layout.h"
#include "output.h"
#include "render.h"
#include "run.h"
#include "stamp.h"
#include "text.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"

static const char *const bundled_templates[] = {
	"templates/briefing.xml",
	"templates/briefing.zh.xml",
};

/* The chart presets: the charts of bare regen and `regen charts`, and
 * what <chart type="ID"> names in a template. */
#define PRESETS	"templates/charts.xml"

/* Which charts prepare_charts takes.  In a split run (run_split) the
 * Chinese half costs more, so the parent renders the Chinese charts of
 * the last HELPED specs.  With the CJK stand-ins (render_font.c) the
 * halves are 1.83 and 1.49 billion instructions (callgrind), but the
 * Chinese half also waits on the CJK font files' pages: 262 ms against
 * 276 ms with one chart moved (hyperfine, 40 runs each, same bytes).  A
 * third made it slower again: 272-284 ms against 259 ms. */
enum which { CHARTS_ALL, CHARTS_HELPED, CHARTS_UNHELPED };
#define HELPED	2

/* One font setup for every run of the process (build runs many). */
static struct text_ctx *shared_tc;

static struct text_ctx *
fonts(void)
{
	if (shared_tc == NULL)
		shared_tc = text_ctx_new();
	return shared_tc;
}

/*
 * The presets, read once for every run of the process: a build of 1,000
 * charts read them 1,000 times, 12% of its instructions (callgrind).
 * They are checked against a dataset only when drawn, so one copy serves
 * every dataset.  NULL, with *code and the errors in d, if unreadable.
 */
static struct chart_specs shared_presets;

static const struct chart_specs *
presets(struct diags *d, int *code)
{
	char *path;

	if (shared_presets.path != NULL)
		return &shared_presets;
	path = util_resource(PRESETS);
	*code = tmpl_load_specs(path, NULL, &shared_presets, d);
	free(path);
	return *code == EXIT_OK ? &shared_presets : NULL;
}

/* One output file's worth of work, all decided before writing. */
struct report {
	const char	*path;		/* template */
	char		*stem;		/* out/briefing or out/briefing.zh */
	struct doc	*doc;
	struct layout	 lay;
};

struct chart_job {
	struct scene	*scene;
	char		*stem;		/* out/charts/reserves[.zh] */
};

struct run {
	const struct opts *o;
	const struct model *m;
	struct text_ctx	*tc;
	char		 date[32];
	struct report	 reports[8];
	size_t		 nreports;
	const struct chart_specs *presets; /* templates/charts.xml */
	struct chart_specs spec_file;	/* --spec FILE */
	const struct chart_specs *specs; /* the charts to draw: one of both */
	struct chart_job *charts;	/* 2 per spec at most */
	size_t		 ncharts;
	struct out_batch *batch;	/* every file of the run */
	struct stamp	*stamp;		/* its record; NULL: none kept */
	struct theme	*theme;		/* of the charts; NULL: default */
	char		*bundled[2];	/* bare regen: the templates' paths,
					   found once; owned */
	FILE		*sink;		/* a helper process writes its files
					   here for the parent to stage */
	int		 helper_missing;	/* its glyphs without a font */
};

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

/* "templates/briefing.zh.xml" -> "DIR/briefing.zh"; caller frees. */
static char *
report_stem(const char *out, const char *tmpl)
{
	const char *base = strrchr(tmpl, '/');
	size_t n;

	base = base ? base + 1 : tmpl;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	return xasprintf("%s/%.*s", out, (int)n, base);
}

/* Load, bind and lay out one template; errors go to d. */
static int
prepare_report(struct run *r, const char *path, struct diags *d)
{
	struct report *rep = &r->reports[r->nreports];
	int code;

	memset(rep, 0, sizeof(*rep));
	rep->path = path;
	rep->doc = tmpl_load(path, r->m, r->presets, r->tc, d, &code);
	if (rep->doc == NULL)
		return code;
	r->nreports++;
	if (layout_doc(rep->doc, r->tc, path, &rep->lay, d) == -1)
		return EXIT_DATAERR;
	rep->stem = report_stem(r->o->out, path);
	return EXIT_OK;
}

static int
taken(enum which which, size_t k, size_t n)
{
	int helped = k + HELPED >= n;

	return which == CHARTS_ALL || (which == CHARTS_HELPED) == helped;
}

static void
prepare_charts(struct run *r, enum lang lang, enum which which,
    struct diags *d)
{
	size_t k, n = r->specs->n;

	for (k = 0; k < n; k++) {
		struct chart_spec spec = r->specs->v[k];	/* shallow */
		struct chart_job *j = &r->charts[r->ncharts];
		struct pos at = { r->specs->path, spec.line, 0 };

		if (!taken(which, k, n) || (r->o->chart != NULL &&
		    strcmp(r->o->chart, spec.id) != 0))
			continue;
		spec.lang = lang;
		spec.theme = r->theme;
		j->scene = chart_build(&spec, r->m, r->tc, &at, d, NULL);
		if (j->scene == NULL)
			continue;
		chart_say_raised(&spec, j->scene, &at);
		j->stem = xasprintf("%s/charts/%s%s", r->o->out,
		    r->o->name != NULL ? r->o->name : spec.id,
		    lang == LANG_ZH ? ".zh" : "");
		r->ncharts++;
	}
}

/*
 * The chart specs of a run: the presets, always (templates name them),
 * and a --spec file, whose charts are then the ones drawn.  --chart must
 * name one of them.  Returns an exit code, with the errors in d.
 */
static int
load_specs(struct run *r, struct diags *d)
{
	const struct opts *o = r->o;
	int rc;

	if ((r->presets = presets(d, &rc)) == NULL)
		return rc;
	r->specs = r->presets;
	if (o->spec != NULL) {
		if ((rc = tmpl_load_specs(o->spec, r->m, &r->spec_file, d)) !=
		    EXIT_OK)
			return rc;
		r->specs = &r->spec_file;
	}
	if (o->chart != NULL && chart_specs_find(r->specs, o->chart) == NULL) {
		struct pos p = { o->spec ? o->spec : r->presets->path, 0, 0 };
		struct buf list;
		size_t i;

		buf_init(&list);
		for (i = 0; i < r->specs->n; i++)
			buf_printf(&list, "%s%s", i ? ", " : "",
			    r->specs->v[i].id);
		diags_add(d, &p, "--chart: unknown chart \"%s\"; expected one of "
		    "%s", o->chart, list.data);
		buf_free(&list);
		return EXIT_USAGE;
	}
	r->charts = xcalloc(2 * r->specs->n + 1, sizeof(*r->charts));
	return EXIT_OK;
}

/*
 * What a helper process sends its parent (run_split), one record each:
 * a kind ('F' a file, 'R' a stale file to remove, 'I' a briefing or
 * chart for the gallery: its stem, then "KIND LANG<tab>TITLE", 'M' a
 * count of glyphs without a font), the lengths of a path and of the
 * bytes, then both.
 */
struct record {
	char		 kind;
	size_t		 pathlen;
	size_t		 len;
};

static int
record_put(FILE *fp, char kind, const char *path, const void *data,
    size_t len)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.kind = kind;
	rec.pathlen = path != NULL ? strlen(path) : 0;
	rec.len = len;
	if (fwrite(&rec, sizeof(rec), 1, fp) != 1 ||
	    fwrite(path != NULL ? path : "", 1, rec.pathlen, fp) !=
	    rec.pathlen || (data != NULL && len > 0 &&
	    fwrite(data, 1, len, fp) != len)) {
		diag_warnx("cannot hand %s to the parent process: %s",
		    path != NULL ? path : "a record", strerror(errno));
		return EXIT_CANTCREAT;
	}
	return EXIT_OK;
}

/* Stage one file from memory; reports progress.  Returns an exit code. */
static int
emit(const struct run *r, const char *path, const struct buf *b)
{
	enum out_result res;
	char *err;

	if (r->sink != NULL)
		return record_put(r->sink, 'F', path, b->data, b->len);
	res = out_stage(r->batch, path, b->data, b->len, &err);
	if (res != OUT_ERROR && r->stamp != NULL)
		stamp_add(r->stamp, path, b->data, b->len);
	if (res == OUT_ERROR) {
		diag_warnx("%s", err);
		free(err);
		return EXIT_CANTCREAT;
	}
	if (r->o->progress)
		fprintf(stderr, "regen: %s %s\n", res == OUT_WRITTEN ?
		    "wrote" : "unchanged", path);
	return EXIT_OK;
}

/* Stage the removal of a stale file (a page a longer report had), or
 * hand it to the parent.  Returns an exit code. */
static int
emit_remove(const struct run *r, const char *path)
{
	if (r->sink != NULL)
		return record_put(r->sink, 'R', path, NULL, 0);
	out_stage_remove(r->batch, path);
	return EXIT_OK;
}

/* Record a briefing or chart for the gallery (gallery.h), or hand it to
 * the parent.  Returns an exit code. */
static int
emit_item(const struct run *r, const char *kind, enum lang lang,
    const char *stem, const char *title)
{
	const char *l = lang == LANG_ZH ? "zh" : "en";
	char *rec;
	int rc = EXIT_OK;

	if (r->sink != NULL) {
		rec = xasprintf("%s %s\t%s", kind, l, title != NULL ? title :
		    "");
		rc = record_put(r->sink, 'I', stem, rec, strlen(rec));
		free(rec);
	} else if (r->stamp != NULL)
		stamp_item(r->stamp, kind, l, stem, title);
	return rc;
}

static int
render_failed(const char *what, char *err)
{
	diag_warnx("%s: %s", what, err);
	free(err);
	return EXIT_SOFTWARE;
}

/* Render s in format f at scale and emit it as path (named in a
 * failure).  Returns an exit code. */
static int
render_emit(const struct run *r, const struct scene *s, enum render_format f,
    double scale, const struct render_meta *meta, const char *path)
{
	struct buf b;
	char *err;
	int rc;

	buf_init(&b);
	if (render_scene(s, f, scale, r->tc, meta, &b, &err) == -1)
		rc = render_failed(path, err);
	else
		rc = emit(r, path, &b);
	buf_free(&b);
	return rc;
}

/* Render one scene in every wanted format and write the files. */
static int
write_chart(const struct run *r, const struct chart_job *j,
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
	struct buf b;
	size_t i;
	char *path, *idp;
	int rc = EXIT_OK;

	/* SVG ids unique across every chart of a run, either language */
	idp = xasprintf("%s%s", j->scene->id, j->scene->lang == LANG_ZH ?
	    "-zh" : "");
	cm.id_prefix = idp;
	cm.lang = j->scene->lang == LANG_ZH ? "zh-CN" : "en";
	cm.svg_outline = r->o->svg_outline;
	cm.title = j->scene->title;
	cm.subject = j->scene->lang == LANG_ZH ? r->m->title_zh : r->m->title;
	rc = emit_item(r, "chart", j->scene->lang, j->stem, j->scene->title);
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]) && rc == EXIT_OK; i++) {
		if (!r->o->formats[outs[i].f])
			continue;
		path = xasprintf("%s%s", j->stem, outs[i].suffix);
		rc = render_emit(r, j->scene, outs[i].f, outs[i].scale, &cm,
		    path);
		free(path);
	}
	/* the PNGs' alt text, for slide software that asks for it */
	if (rc == EXIT_OK && r->o->formats[RENDER_PNG] &&
	    j->scene->desc != NULL) {
		buf_init(&b);
		buf_printf(&b, "%s\n%s\n", j->scene->title, j->scene->desc);
		path = xasprintf("%s.alt.txt", j->stem);
		rc = emit(r, path, &b);
		free(path);
		buf_free(&b);
	}
	free(idp);
	return rc;
}

/* Per-page files of a report: DIR/briefing-N.svg and .png; pages left
 * over from a longer earlier version are removed. */
static int
write_pages(const struct run *r, const struct report *rep,
    enum render_format f, const char *ext)
{
	struct render_meta pm;
	size_t i;
	char *path;
	int rc = EXIT_OK;

	memset(&pm, 0, sizeof(pm));
	pm.svg_outline = r->o->svg_outline;
	for (i = 0; i < rep->lay.npages && rc == EXIT_OK; i++) {
		char *idp = xasprintf("%s-%zu", strrchr(rep->stem, '/') ?
		    strrchr(rep->stem, '/') + 1 : rep->stem, i + 1);
		/* "Title (3/10)": a page's SVG title */
		char *title = xasprintf("%s (%zu/%zu)", rep->doc->title ?
		    rep->doc->title : idp, i + 1, rep->lay.npages);

		pm.id_prefix = idp;
		pm.title = title;
		path = xasprintf("%s-%zu.%s", rep->stem, i + 1, ext);
		rc = render_emit(r, rep->lay.pages[i], f, 1, &pm, path);
		free(path);
		free(idp);
		free(title);
	}
	for (; rc == EXIT_OK; i++) {
		path = xasprintf("%s-%zu.%s", rep->stem, i + 1, ext);
		if (access(path, F_OK) != 0) {
			free(path);
			break;
		}
		rc = emit_remove(r, path);
		free(path);
	}
	return rc;
}

/* DIR/NAME.html: the briefing for screens. */
static int
write_html(const struct run *r, const struct report *rep)
{
	struct buf b;
	char *path, *err;
	int rc;

	buf_init(&b);
	path = xasprintf("%s.html", rep->stem);
	if (html_doc(rep->doc, r->date, r->tc, &b, &err) == -1)
		rc = render_failed(path, err);
	else
		rc = emit(r, path, &b);
	free(path);
	buf_free(&b);
	return rc;
}

static int
write_report(const struct run *r, const struct report *rep)
{
	struct render_meta meta;
	struct buf b;
	char *path, *err;
	int rc = EXIT_OK;

	if ((rc = emit_item(r, "briefing", rep->doc->lang, rep->stem,
	    rep->doc->title)) != EXIT_OK)
		return rc;
	memset(&meta, 0, sizeof(meta));
	meta.title = rep->doc->title;
	meta.author = rep->doc->author;
	meta.subject = rep->doc->subject;
	meta.keywords = rep->doc->keywords;
	meta.date = r->date;
	meta.lang = rep->doc->lang == LANG_ZH ? "zh-CN" : "en";
	if (r->o->formats[RENDER_PDF]) {
		buf_init(&b);
		path = xasprintf("%s.pdf", rep->stem);
		if (render_pdf_pages(
		    (const struct scene *const *)rep->lay.pages, rep->lay.npages,
		    rep->lay.outline, rep->lay.noutline, r->tc, &meta, &b,
		    &err) == -1)
			rc = render_failed(path, err);
		else
			rc = emit(r, path, &b);
		free(path);
		buf_free(&b);
	}
	if (rc == EXIT_OK && r->o->formats[RENDER_HTML])
		rc = write_html(r, rep);
	if (rc == EXIT_OK && r->o->formats[RENDER_SVG])
		rc = write_pages(r, rep, RENDER_SVG, "svg");
	/* page PNGs only when asked for by name: they are slow and big */
	if (rc == EXIT_OK && r->o->formats[RENDER_PNG] && r->o->formats_given)
		rc = write_pages(r, rep, RENDER_PNG, "png");
	return rc;
}

static int
make_dirs(const struct run *r)
{
	char *dir = xasprintf("%s/charts", r->o->out), *err;
	int rc = EXIT_OK;

	if (out_mkdirs(r->batch, r->ncharts > 0 ? dir : r->o->out, &err) ==
	    -1) {
		diag_warnx("cannot create output folder: %s", err);
		free(err);
		rc = EXIT_CANTCREAT;
	}
	free(dir);
	return rc;
}

/* Render every report and chart of r and emit the files. */
static int
write_units(const struct run *r)
{
	struct render_meta meta;
	size_t i;
	int rc = EXIT_OK;

	for (i = 0; i < r->nreports && rc == EXIT_OK; i++)
		rc = write_report(r, &r->reports[i]);
	memset(&meta, 0, sizeof(meta));
	meta.author = "regen";
	meta.subject = r->m->title;	/* the dataset's; keywords: none */
	meta.date = r->date;
	for (i = 0; i < r->ncharts && rc == EXIT_OK; i++)
		rc = write_chart(r, &r->charts[i], &meta);
	return rc;
}

/* A new batch with the output folders made. */
static int
begin_batch(struct run *r)
{
	r->batch = out_batch_new();
	return make_dirs(r);
}

int
run_gallery(const char *dir)
{
	char *err;

	if (gallery_write(dir, &err) == -1) {
		diag_warnx("%s", err);
		free(err);
		return EXIT_CANTCREAT;
	}
	return EXIT_OK;
}

/* Bare regen's DIR/index.html, with this run's record in place of the
 * one on disk.  The exit code. */
static int
stage_gallery(struct run *r)
{
	struct buf b;
	char *path = gallery_path(r->o->out), *err;
	int rc = EXIT_OK;

	buf_init(&b);
	gallery_html(r->o->out, r->stamp, &b);
	if (out_stage(r->batch, path, b.data, b.len, &err) == OUT_ERROR) {
		diag_warnx("%s", err);
		free(err);
		rc = EXIT_CANTCREAT;
	}
	buf_free(&b);
	free(path);
	return rc;
}

/* Stage the stamp and commit the batch when rc is EXIT_OK, else throw
 * it away; frees the batch.  The exit code. */
static int
end_batch(struct run *r, int rc)
{
	char *err;

	if (rc == EXIT_OK && r->stamp != NULL &&
	    stamp_stage(r->stamp, r->batch, &err) == -1) {
		diag_warnx("%s", err);
		free(err);
		rc = EXIT_CANTCREAT;
	}
	if (rc == EXIT_OK && r->o->cmd == CMD_ALL)
		rc = stage_gallery(r);
	/* all or nothing: every file is written before any is renamed */
	if (rc == EXIT_OK && out_commit(r->batch, &err) == -1) {
		diag_warnx("%s", err);
		free(err);
		rc = EXIT_CANTCREAT;
	}
	if (rc != EXIT_OK)
		out_abort(r->batch);
	out_batch_free(r->batch);
	r->batch = NULL;
	return rc;
}

static int
write_all(struct run *r)
{
	int rc = begin_batch(r);

	if (rc == EXIT_OK)
		rc = write_units(r);
	return end_batch(r, rc);
}

/* An 'I' record of len bytes: "KIND LANG<tab>TITLE" for stem. */
static int
replay_item(struct run *r, FILE *fp, const char *stem, size_t len)
{
	char *rec = xmalloc(len + 1), kind[16], lang[8];
	int rc = EXIT_SOFTWARE, at = 0;

	if (fread(rec, 1, len, fp) == len) {
		rec[len] = '\0';
		if (sscanf(rec, "%15s %7[^\t]\t%n", kind, lang, &at) == 2 &&
		    at > 0)
			rc = emit_item(r, kind, strcmp(lang, "zh") == 0 ?
			    LANG_ZH : LANG_EN, stem, rec + at);
	}
	free(rec);
	return rc;
}

/* Stage what a helper handed over in fp.  The exit code. */
static int
replay(struct run *r, FILE *fp)
{
	struct record rec;
	struct buf b;
	char *path;
	int rc = EXIT_OK;

	rewind(fp);
	while (rc == EXIT_OK && fread(&rec, sizeof(rec), 1, fp) == 1) {
		path = xmalloc(rec.pathlen + 1);
		buf_init(&b);
		if (fread(path, 1, rec.pathlen, fp) != rec.pathlen) {
			free(path);
			return EXIT_SOFTWARE;
		}
		path[rec.pathlen] = '\0';
		if (rec.kind == 'F') {
			b.data = xmalloc(rec.len + 1);
			b.len = b.cap = rec.len;
			if (fread(b.data, 1, rec.len, fp) != rec.len)
				rc = EXIT_SOFTWARE;
			else
				rc = emit(r, path, &b);
		} else if (rec.kind == 'R')
			rc = emit_remove(r, path);
		else if (rec.kind == 'I')
			rc = replay_item(r, fp, path, rec.len);
		else if (rec.kind == 'M')
			r->helper_missing += (int)rec.len;
		buf_free(&b);
		free(path);
	}
	return ferror(fp) ? EXIT_SOFTWARE : rc;
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nreports; i++) {
		layout_free(&r->reports[i].lay);
		doc_free(r->reports[i].doc);
		free(r->reports[i].stem);
	}
	for (i = 0; i < r->ncharts; i++) {
		scene_free(r->charts[i].scene);
		free(r->charts[i].stem);
	}
	free(r->charts);
	chart_specs_free(&r->spec_file);
	theme_free(r->theme);
	stamp_free(r->stamp);
	free(r->bundled[0]);
	free(r->bundled[1]);
}

/* The bundled briefing and the charts in one language. */
static int
prepare_lang(struct run *r, enum lang lang, enum which which,
    struct diags *d)
{
	int rc = prepare_report(r, r->bundled[lang == LANG_ZH], d);

	prepare_charts(r, lang, which, d);
	return rc;
}

/* Print what d holds; rc, or EXIT_DATAERR if d holds errors. */
static int
report_diags(const struct diags *d, int rc)
{
	if (d->total > 0 || rc != EXIT_OK) {
		diags_print(d, stderr);
		if (rc == EXIT_OK)
			rc = EXIT_DATAERR;
	}
	return rc;
}

/*
 * The helper of run_split: the Chinese half, handed over through fp.
 * Returns its exit code; the process then ends as a run does, freeing
 * what it holds (so the leak checkers see the helper too).
 */
static int
helper(struct run *r, struct diags *d, FILE *fp, pid_t parent)
{
	int rc;

	/* stopped with the parent (which a signal may end): the helper
	 * writes nothing into out/, so nothing is left behind.  Elsewhere
	 * than Linux an orphaned helper runs to its end, writing only to
	 * its unlinked temporary file. */
#ifdef __linux__
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		return EXIT_SOFTWARE;
#endif
	if (getppid() != parent)
		return EXIT_SOFTWARE;
	r->sink = fp;
	r->tc = fonts();
	rc = report_diags(d, prepare_lang(r, LANG_ZH, CHARTS_UNHELPED, d));
	if (rc == EXIT_OK)
		rc = write_units(r);
	if (rc == EXIT_OK && text_missing_glyphs(r->tc) > 0)
		rc = record_put(fp, 'M', NULL, NULL,
		    (size_t)text_missing_glyphs(r->tc));
	if (fclose(fp) != 0 && rc == EXIT_OK)
		rc = EXIT_CANTCREAT;
	return rc;
}

/*
 * The default run on two cores: a helper process prepares and renders
 * the Chinese briefing and charts while this one does the English ones,
 * then hands its files over to be staged beside ours and committed with
 * them, all or nothing.  The fork comes before any font is loaded, as
 * Pango 1.50 sorts fonts in threads a fork must not cut in half.  The
 * bytes of every file are the same as in one process.  Returns the exit
 * code (in the helper too: r->sink is set there), or -1 when no helper
 * could be started.
 *
 * It is kept by the rule for hand-written machinery (a gain of 10% or
 * more of a make bench case): the default run took 309 ms against 478 ms
 * with -j 1 (hyperfine, 20 runs each, 5 December 2026, 2 cores).  regen
 * build -j's jobs would not do: they are whole runs, each committing its
 * own files, where the two halves here must be committed together.
 */
static int
run_split(struct run *r, struct diags *d)
{
	pid_t pid, parent = getpid();
	FILE *fp;
	int rc, status, began = 0, hrc;

	if ((fp = tmpfile()) == NULL)
		return -1;
	fflush(NULL);
	if ((pid = fork()) == -1) {
		fclose(fp);
		return -1;
	}
	if (pid == 0)
		return helper(r, d, fp, parent);
	r->tc = fonts();
	rc = prepare_lang(r, LANG_EN, CHARTS_ALL, d);
	prepare_charts(r, LANG_ZH, CHARTS_HELPED, d);
	rc = report_diags(d, rc);
	if (rc == EXIT_OK) {
		began = 1;
		if ((rc = begin_batch(r)) == EXIT_OK)
			rc = write_units(r);
	}
	hrc = waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ?
	    EXIT_SOFTWARE : WEXITSTATUS(status);
	if (rc == EXIT_OK)
		rc = hrc;
	if (rc == EXIT_OK)
		rc = replay(r, fp);
	if (began)
		rc = end_batch(r, rc);
	fclose(fp);
	return rc;
}

/*
 * Everything that decides a run's outputs, hashed: the binary itself,
 * the options, SOURCE_DATE_EPOCH, the dataset, the templates, the theme
 * and the fonts.  Sets *name to the kind of run (caller frees).
 */
static uint64_t
run_key(const struct run *r, char **name)
{
	const struct opts *o = r->o;
	uint64_t h = UTIL_HASH_SEED, kind;
	size_t i;

	kind = util_hash(UTIL_HASH_SEED, &o->cmd, sizeof(o->cmd));
	kind = util_hash(kind, o->formats, sizeof(o->formats));
	kind = util_hash(kind, &o->lang, sizeof(o->lang));
	kind = util_hash(kind, &o->svg_outline, sizeof(o->svg_outline));
	kind = stamp_hash_str(kind, o->chart);
	kind = stamp_hash_str(kind, o->name);
	kind = stamp_hash_str(kind, o->tmpl);
	kind = stamp_hash_str(kind, o->spec);
	*name = xasprintf("%016llx", (unsigned long long)kind);
	h = stamp_hash_str(util_hash(h, &kind, sizeof(kind)),
	    "regen " REGEN_VERSION);
	h = stamp_hash_identity(h, util_exe_path());
	h = stamp_hash_str(h, getenv("SOURCE_DATE_EPOCH"));
	/* the dataset's bytes as loaded, not read a second time */
	h = util_hash(stamp_hash_str(h, o->data), &r->m->hash,
	    sizeof(r->m->hash));
	if (o->tmpl != NULL)
		h = stamp_hash_file(h, o->tmpl);
	/* the specs' bytes as loaded, not read a second time */
	h = util_hash(stamp_hash_str(h, r->presets->path), &r->presets->hash,
	    sizeof(r->presets->hash));
	if (o->spec != NULL)
		h = util_hash(stamp_hash_str(h, o->spec), &r->spec_file.hash,
		    sizeof(r->spec_file.hash));
	for (i = 0; i < 2; i++)
		if (r->bundled[i] != NULL)
			h = stamp_hash_file(h, r->bundled[i]);
	if (r->theme != NULL && r->theme->path != NULL)
		h = stamp_hash_file(h, r->theme->path);
	return text_fonts_key(h);
}

/* regen check's warnings about time: stderr only, never the outputs. */
static void
warn_dates(const struct model *m, const char *today)
{
	char clock[16];
	struct diags w;
	struct tm tm;
	time_t t;

	if (today == NULL) {
		t = time(NULL);
		gmtime_r(&t, &tm);
		strftime(clock, sizeof(clock), "%Y-%m-%d", &tm);
		today = clock;
	}
	diags_init(&w);
	if (data_warn_dates(m, today, &w) > 0)
		diags_print(&w, stderr);
	diags_free(&w);
}

/* A run in this process alone: prepare all, then write all. */
static int
run_whole(struct run *r, struct diags *d)
{
	const struct opts *o = r->o;
	int rc = EXIT_OK, code;

	/* fonts only when something is laid out */
	if (o->cmd != CMD_CHECK || o->tmpl != NULL)
		r->tc = fonts();
	/* everything is prepared first: any error stops the run before a
	 * single file is written */
	switch (o->cmd) {
	case CMD_ALL:
		rc = prepare_lang(r, LANG_EN, CHARTS_ALL, d);
		code = prepare_lang(r, LANG_ZH, CHARTS_ALL, d);
		if (rc == EXIT_OK)
			rc = code;
		break;
	case CMD_REPORT:
	case CMD_CHECK:
		if (o->tmpl != NULL)
			rc = prepare_report(r, o->tmpl, d);
		break;
	case CMD_CHARTS:
		prepare_charts(r, o->lang, CHARTS_ALL, d);
		break;
	case CMD_BUILD:
	case CMD_DIFF:
		break;	/* build() runs each job through here; main diffs */
	}
	rc = report_diags(d, rc);
	if (rc == EXIT_OK && o->cmd == CMD_CHECK) {
		warn_dates(r->m, o->today);
		if (o->progress)
			fprintf(stderr, "regen: %s%s%s: ok\n", o->data,
			    o->tmpl ? ", " : "", o->tmpl ? o->tmpl : "");
	} else if (rc == EXIT_OK)
		rc = write_all(r);
	return rc;
}

int
run(const struct opts *o, const struct model *m)
{
	struct run r;
	struct diags d;
	int rc = EXIT_OK, code;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.m = m;
	if (document_date(m, r.date, sizeof(r.date)) == -1)
		return EXIT_USAGE;
	diags_init(&d);
	if (o->theme != NULL &&
	    (r.theme = theme_load(o->theme, &d, &code)) == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return code;
	}
	if (o->cmd == CMD_ALL) {
		r.bundled[0] = util_resource(bundled_templates[0]);
		r.bundled[1] = util_resource(bundled_templates[1]);
	}
	if ((rc = load_specs(&r, &d)) != EXIT_OK) {
		diags_print(&d, stderr);
		diags_free(&d);
		run_free(&r);
		return rc;
	}
	/* up to date: the same inputs already gave the files that are
	 * there, so nothing is done at all */
	if (o->cmd != CMD_CHECK) {
		char *name;
		uint64_t key = run_key(&r, &name);

		r.stamp = stamp_new(o->out, name, key);
		free(name);
		if (!o->force && stamp_fresh(r.stamp)) {
			if (o->progress)
				fprintf(stderr, "regen: %s is up to date\n",
				    o->out);
			diags_free(&d);
			run_free(&r);
			/* other runs into DIR may have changed its index */
			return o->cmd == CMD_ALL ? run_gallery(o->out) :
			    EXIT_OK;
		}
	}
	rc = o->cmd == CMD_ALL && o->jobs > 1 ? run_split(&r, &d) : -1;
	if (rc == -1)	/* one process: asked for, or no helper to be had */
		rc = run_whole(&r, &d);
	if (rc == EXIT_OK && r.tc != NULL && r.sink == NULL &&
	    text_missing_glyphs(r.tc) + r.helper_missing > 0)
		diag_warnx("warning: some characters have no glyph in Noto Sans "
		    "or Noto Sans CJK SC and show as boxes");
	if (r.tc != NULL)
		text_ctx_trim(r.tc);
	diags_free(&d);
	run_free(&r);
	return rc;
}

/* Load the dataset of o and run it; the exit code. */
int
run_load(const struct opts *o)
{
	struct model *m;
	struct diags d;
	int rc;

	diags_init(&d);
	m = data_load(o->data, &d, &rc);
	if (m == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return rc;
	}
	diags_free(&d);
	rc = run(o, m);
	model_free(m);
	return rc;
}

void
run_cleanup(void)
{
	text_ctx_free(shared_tc);
	shared_tc = NULL;
	chart_specs_free(&shared_presets);
}
