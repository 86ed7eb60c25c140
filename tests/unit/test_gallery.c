/*
 * Unit tests of the gallery (gallery.h): DIR/index.html from the records
 * of the runs into DIR, each item with its own files (not a longer
 * stem's), their sizes, pages in page order, and the current run's
 * record in place of its old one on disk.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#include "gallery.h"
#include "output.h"
#include "stamp.h"

static char dir[] = "/tmp/regen-gallery-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return harness_mkdtemp(dir);
}

static int
teardown(void **state)
{
	(void)state;
	return harness_rmtree(dir);
}

/* Record name (under dir) as a file of n bytes in s and b. */
static void
put(struct stamp *s, struct out_batch *b, const char *name, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name), *err = NULL;
	char *data = xcalloc(n + 1, 1);

	memset(data, 'x', n);
	assert_int_not_equal(out_stage(b, path, data, n, &err), OUT_ERROR);
	stamp_add(s, path, data, n);
	free(data);
	free(path);
}

static void
item(struct stamp *s, const char *kind, const char *lang, const char *stem,
    const char *title)
{
	char *path = xasprintf("%s/%s", dir, stem);

	stamp_item(s, kind, lang, path, title);
	free(path);
}

static void
commit(struct stamp *s, struct out_batch *b)
{
	char *err = NULL;

	assert_int_equal(stamp_stage(s, b, &err), 0);
	assert_int_equal(out_commit(b, &err), 0);
	out_batch_free(b);
	stamp_free(s);
}

/* Two runs on disk: the briefings, and one chart. */
static void
two_runs(void)
{
	struct out_batch *b = out_batch_new();
	struct stamp *s = stamp_new(dir, "all", 1);
	char *charts = xasprintf("%s/charts", dir), *err = NULL;

	assert_int_equal(out_mkdirs(b, charts, &err), 0);
	free(charts);
	put(s, b, "briefing.html", 10);
	put(s, b, "briefing.pdf", 2048);
	put(s, b, "briefing-1.svg", 100);
	put(s, b, "briefing-2.svg", 100);
	put(s, b, "briefing-10.svg", 100);
	put(s, b, "briefing.zh.pdf", 3000);
	item(s, "briefing", "en", "briefing", "Ores &\tmetals");
	item(s, "briefing", "zh", "briefing.zh", "\xe7\xa8\x80\xe5\x9c\x9f");
	commit(s, b);
	b = out_batch_new();
	s = stamp_new(dir, "chart", 2);
	put(s, b, "charts/reserves.svg", 5000);
	put(s, b, "charts/reserves@2x.png", 3 * 1024 * 1024);
	put(s, b, "charts/reserves.alt.txt", 80);
	item(s, "chart", "en", "charts/reserves", "Reserves");
	commit(s, b);
}

static void
expect_in(const char *html, const char *want)
{
	if (strstr(html, want) == NULL)
		fail_msg("no \"%s\" in:\n%s", want, html);
}

static void
test_items_and_their_files(void **state)
{
	struct buf b;
	const char *en, *zh, *zhpdf;

	(void)state;
	two_runs();
	buf_init(&b);
	gallery_html(dir, NULL, &b);
	expect_in(b.data, "<h2>Briefings (2)</h2>");
	expect_in(b.data, "<h2>Charts (1)</h2>");
	/* a tab in a title is a space; text escaped */
	expect_in(b.data, "<h3>Ores &amp; metals</h3>");
	expect_in(b.data, "<li><a href=\"briefing.pdf\">PDF</a> "
	    "<span class=\"size\">2.0 KB</span></li>");
	/* pages in page order, with their total */
	expect_in(b.data, "<li>Pages (SVG): <a href=\"briefing-1.svg\">1</a> "
	    "<a href=\"briefing-2.svg\">2</a> <a href=\"briefing-10.svg\">10"
	    "</a> <span class=\"size\">300 B</span></li>");
	/* briefing.zh.pdf is the Chinese briefing's, not briefing's */
	en = strstr(b.data, "<h3>Ores");
	zh = strstr(b.data, "lang=\"zh-Hans\"");
	assert_non_null(en);
	assert_non_null(zh);
	assert_true(zh > en);
	zhpdf = strstr(en, "briefing.zh.pdf");
	assert_true(zhpdf != NULL && zhpdf > zh);
	expect_in(zh, "<a href=\"briefing.zh.pdf\">PDF</a> <span "
	    "class=\"size\">2.9 KB</span>");
	/* a chart: its SVG as the preview, sizes up to MB */
	expect_in(b.data, "<img src=\"charts/reserves.svg\" alt=\"\" "
	    "loading=\"lazy\"/>");
	expect_in(b.data, "<a href=\"charts/reserves@2x.png\">PNG @2x</a> "
	    "<span class=\"size\">3.0 MB</span>");
	expect_in(b.data, "<a href=\"charts/reserves.alt.txt\">alt text</a>");
	buf_free(&b);
}

static void
test_current_run_wins(void **state)
{
	struct stamp *cur = stamp_new(dir, "chart", 3);
	struct buf b;
	char *path = xasprintf("%s/charts/reserves.svg", dir);

	(void)state;
	two_runs();
	/* this run drew the chart again, under a new title */
	stamp_add(cur, path, "<svg/>", 6);
	item(cur, "chart", "en", "charts/reserves", "Reserves, 2025");
	buf_init(&b);
	gallery_html(dir, cur, &b);
	expect_in(b.data, "<h3>Reserves, 2025</h3>");
	assert_null(strstr(b.data, "<h3>Reserves</h3>"));
	expect_in(b.data, "<a href=\"charts/reserves.svg\">SVG</a> "
	    "<span class=\"size\">6 B</span>");
	/* what the run no longer writes is not listed */
	assert_null(strstr(b.data, "reserves@2x.png"));
	buf_free(&b);
	stamp_free(cur);
	free(path);
}

static void
test_empty_folder(void **state)
{
	struct buf b;
	char *err = NULL, *sub = xasprintf("%s/empty", dir);
	char *index;

	(void)state;
	buf_init(&b);
	gallery_html("/nonexistent/regen", NULL, &b);
	expect_in(b.data, "No briefing or chart has been written here.");
	buf_free(&b);
	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(gallery_write(sub, &err), 0);
	index = gallery_path(sub);
	assert_int_equal(access(index, R_OK), 0);
	free(index);
	free(sub);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_and_their_files),
		cmocka_unit_test(test_current_run_wins),
		cmocka_unit_test(test_empty_folder),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
