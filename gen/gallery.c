/*
 * gallery: DIR/index.html from the records of the runs into DIR
 * (gallery.h).  Each record lists its briefings and charts (a stem and
 * a title) and its files with their sizes; a file belongs to the item
 * whose stem it is followed by one of the endings that kind of item is
 * written with, so "briefing.zh.pdf" is not taken for a file of
 * "briefing".  Sorted by stem, so the page depends only on the records.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gallery.h"
#include "output.h"

/* The endings of each kind's files, in the order they are listed. */
static const struct {
	const char	*kind;
	const char	*ending;
	const char	*label;
} endings[] = {
	{ "briefing", ".html", "HTML" },
	{ "briefing", ".pdf", "PDF" },
	{ "chart", ".svg", "SVG" },
	{ "chart", ".png", "PNG" },
	{ "chart", "@2x.png", "PNG @2x" },
	{ "chart", ".pdf", "PDF" },
	{ "chart", ".alt.txt", "alt text" },
	{ "chart", ".scene.txt", "scene" },
};

static const char style[] =
    ":root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;"
    "--rule:#d0d7de;--link:#0b5cad;--card:#f6f8fa}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0f1419;"
    "--muted:#9da7b3;--rule:#30363d;--link:#79b8ff;--card:#161b22}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font:1rem/1.5 \"Noto Sans\",\"Noto Sans CJK SC\",system-ui,"
    "sans-serif}\n"
    "main{max-width:80rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.6rem;margin:.5rem 0}\n"
    "h2{font-size:1.25rem;margin:1.8rem 0 .6rem;border-bottom:1px solid "
    "var(--rule)}\n"
    "a{color:var(--link);overflow-wrap:anywhere}\n"
    ".cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem;"
    "grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}\n"
    ".card{background:var(--card);border:1px solid var(--rule);"
    "border-radius:.4rem;padding:.75rem}\n"
    ".card h3{font-size:1rem;margin:.5rem 0}\n"
    ".card img{display:block;width:100%;height:auto;background:#fff;"
    "border:1px solid var(--rule)}\n"
    ".files{list-style:none;padding:0;margin:0;font-size:.88rem}\n"
    ".size{color:var(--muted)}\n";

/* Every record's files and items; the current run's come first and win
 * over a record on disk that names the same file or stem. */
struct file {
	const char	*path;
	size_t		 size;
	size_t		 order;		/* as taken: the first wins */
};

struct all {
	struct stamp	**st;
	size_t		 nst;
	struct file	*file;		/* sorted by path */
	size_t		 nfiles;
	const struct stamp_item **item;	/* sorted by kind, then stem */
	size_t		 nitems;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of dir's records, sorted; caller frees each and the array. */
static char **
record_names(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t len;

	*n = 0;
	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (strncmp(de->d_name, ".regen-", 7) != 0 || len < 13 ||
		    strcmp(de->d_name + len - 6, ".stamp") != 0)
			continue;
		names = xreallocarray(names, *n + 1, sizeof(*names));
		names[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (*n > 0)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

static void
take(struct all *a, const struct stamp *s)
{
	const struct stamp_item *it;
	size_t i, n;

	for (i = 0; i < stamp_nfiles(s); i++) {
		a->file = xreallocarray(a->file, a->nfiles + 1,
		    sizeof(*a->file));
		a->file[a->nfiles].path = stamp_path(s, i,
		    &a->file[a->nfiles].size);
		a->file[a->nfiles].order = a->nfiles;
		a->nfiles++;
	}
	it = stamp_items(s, &n);
	for (i = 0; i < n; i++) {
		a->item = xreallocarray(a->item, a->nitems + 1,
		    sizeof(*a->item));
		a->item[a->nitems++] = &it[i];
	}
}

static int
by_path(const void *x, const void *y)
{
	const struct file *a = x, *b = y;
	int c = strcmp(a->path, b->path);

	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

static int
by_item(const void *x, const void *y)
{
	const struct stamp_item *a = *(const struct stamp_item *const *)x;
	const struct stamp_item *b = *(const struct stamp_item *const *)y;
	int c = strcmp(a->kind, b->kind);

	return c != 0 ? c : strcmp(a->stem, b->stem);
}

/* Sort the files by path, keeping the first of each path. */
static void
sort_files(struct all *a)
{
	size_t i, n = 0;

	if (a->nfiles > 0)
		qsort(a->file, a->nfiles, sizeof(*a->file), by_path);
	for (i = 0; i < a->nfiles; i++)
		if (n == 0 || strcmp(a->file[n - 1].path,
		    a->file[i].path) != 0)
			a->file[n++] = a->file[i];
	a->nfiles = n;
}

/* Sort the items, keeping the first of each stem. */
static void
sort_items(struct all *a)
{
	size_t i, n = 0;

	/* a stable sort: the current record's come first among equals */
	for (i = 1; i < a->nitems; i++) {
		const struct stamp_item *it = a->item[i];
		size_t j = i;

		for (; j > 0 && by_item(&a->item[j - 1], &it) > 0; j--)
			a->item[j] = a->item[j - 1];
		a->item[j] = it;
	}
	for (i = 0; i < a->nitems; i++)
		if (n == 0 || by_item(&a->item[n - 1], &a->item[i]) != 0)
			a->item[n++] = a->item[i];
	a->nitems = n;
}

static void
gather(struct all *a, const char *dir, const struct stamp *current)
{
	char **names;
	size_t i, n;
	struct stamp *s;

	memset(a, 0, sizeof(*a));
	if (current != NULL)
		take(a, current);
	names = record_names(dir, &n);
	for (i = 0; i < n; i++) {
		if ((current == NULL || strcmp(names[i],
		    stamp_file(current)) != 0) &&
		    (s = stamp_load(dir, names[i])) != NULL) {
			a->st = xreallocarray(a->st, a->nst + 1,
			    sizeof(*a->st));
			a->st[a->nst++] = s;
			take(a, s);
		}
		free(names[i]);
	}
	free(names);
	sort_files(a);
	sort_items(a);
}

static void
all_free(struct all *a)
{
	size_t i;

	for (i = 0; i < a->nst; i++)
		stamp_free(a->st[i]);
	free(a->st);
	free(a->file);
	free(a->item);
}

/* The index of the first file whose path is not before stem. */
static size_t
first_from(const struct all *a, const char *stem)
{
	size_t lo = 0, hi = a->nfiles, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(a->file[mid].path, stem) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The file stem + ending, or -1. */
static long
find(const struct all *a, const char *stem, const char *ending)
{
	char *p = xasprintf("%s%s", stem, ending);
	size_t i = first_from(a, p);
	long r = i < a->nfiles && strcmp(a->file[i].path, p) == 0 ? (long)i : -1;

	free(p);
	return r;
}

/* A path as a link target: bytes outside the unreserved set and "/"
 * percent-encoded. */
static void
href(struct buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/@", *p) != NULL)
			buf_add(out, p, 1);
		else
			buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
}

static void
size_text(struct buf *out, size_t n)
{
	if (n < 1024)
		buf_printf(out, "%zu B", n);
	else if (n < 1024 * 1024)
		buf_printf(out, "%.1f KB", (double)n / 1024);
	else
		buf_printf(out, "%.1f MB", (double)n / (1024 * 1024));
}

static void
file_link(struct buf *out, const struct all *a, size_t i, const char *label)
{
	buf_adds(out, "<a href=\"");
	href(out, a->file[i].path);
	buf_adds(out, "\">");
	buf_add_xml(out, label, (size_t)-1);
	buf_adds(out, "</a>");
}

/* The page N of a briefing: "STEM-N.EXT"; 0 if path is none. */
static unsigned
page_of(const char *path, const char *stem, const char *ext)
{
	const char *p = path + strlen(stem);
	unsigned n = 0;

	if (*p++ != '-' || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (unsigned)(*p - '0');
	return strcmp(p, ext) == 0 ? n : 0;
}

/* "Pages (SVG): 1 2 3" with their total size; the pages are in path
 * order, so numbered by page_of and listed in number order. */
static void
pages(struct buf *out, const struct all *a, const char *stem,
    const char *ext, const char *label)
{
	size_t from = first_from(a, stem), i, total = 0, k, np = 0;
	unsigned n, *num = NULL;
	size_t *at = NULL;

	for (i = from; i < a->nfiles && strncmp(a->file[i].path, stem,
	    strlen(stem)) == 0; i++) {
		if ((n = page_of(a->file[i].path, stem, ext)) == 0)
			continue;
		num = xreallocarray(num, np + 1, sizeof(*num));
		at = xreallocarray(at, np + 1, sizeof(*at));
		for (k = np; k > 0 && num[k - 1] > n; k--) {
			num[k] = num[k - 1];
			at[k] = at[k - 1];
		}
		num[k] = n;
		at[k] = i;
		np++;
		total += a->file[i].size;
	}
	if (np > 0) {
		buf_printf(out, "<li>%s:", label);
		for (k = 0; k < np; k++) {
			char t[16];

			snprintf(t, sizeof(t), "%u", num[k]);
			buf_adds(out, " ");
			file_link(out, a, at[k], t);
		}
		buf_adds(out, " <span class=\"size\">");
		size_text(out, total);
		buf_adds(out, "</span></li>\n");
	}
	free(num);
	free(at);
}

static void
card(struct buf *out, const struct all *a, const struct stamp_item *it)
{
	int briefing = strcmp(it->kind, "briefing") == 0;
	long pv = briefing ? find(a, it->stem, "-1.svg") :
	    find(a, it->stem, ".svg");
	size_t e;
	long f;

	if (pv == -1)
		pv = briefing ? find(a, it->stem, "-1.png") :
		    find(a, it->stem, ".png");
	buf_printf(out, "<li class=\"card\"%s>\n", strcmp(it->lang, "zh") ==
	    0 ? " lang=\"zh-Hans\"" : "");
	if (pv != -1) {
		buf_adds(out, "<img src=\"");
		href(out, a->file[pv].path);
		buf_adds(out, "\" alt=\"\" loading=\"lazy\"/>\n");
	}
	buf_adds(out, "<h3>");
	buf_add_xml(out, it->title, (size_t)-1);
	buf_adds(out, "</h3>\n<ul class=\"files\" lang=\"en\">\n");
	for (e = 0; e < sizeof(endings) / sizeof(endings[0]); e++) {
		if (strcmp(endings[e].kind, it->kind) != 0 ||
		    (f = find(a, it->stem, endings[e].ending)) == -1)
			continue;
		buf_adds(out, "<li>");
		file_link(out, a, (size_t)f, endings[e].label);
		buf_adds(out, " <span class=\"size\">");
		size_text(out, a->file[f].size);
		buf_adds(out, "</span></li>\n");
	}
	if (briefing) {
		pages(out, a, it->stem, ".svg", "Pages (SVG)");
		pages(out, a, it->stem, ".png", "Pages (PNG)");
	}
	buf_adds(out, "</ul>\n</li>\n");
}

static void
group(struct buf *out, const struct all *a, const char *kind,
    const char *heading)
{
	size_t i, n = 0;

	for (i = 0; i < a->nitems; i++)
		n += strcmp(a->item[i]->kind, kind) == 0;
	if (n == 0)
		return;
	buf_printf(out, "<section>\n<h2>%s (%zu)</h2>\n<ul class=\"cards\">\n",
	    heading, n);
	for (i = 0; i < a->nitems; i++)
		if (strcmp(a->item[i]->kind, kind) == 0)
			card(out, a, a->item[i]);
	buf_adds(out, "</ul>\n</section>\n");
}

void
gallery_html(const char *dir, const struct stamp *current, struct buf *out)
{
	struct all a;

	gather(&a, dir, current);
	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"/>\n"
	    "<meta name=\"color-scheme\" content=\"light dark\"/>\n"
	    "<meta name=\"generator\" content=\"regen\"/>\n"
	    "<title>Briefings and charts</title>\n");
	/* no folder name: the same files give the same page anywhere */
	buf_printf(out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n"
	    "<h1>Briefings and charts</h1>\n", style);
	if (a.nitems == 0)
		buf_adds(out, "<p>No briefing or chart has been written "
		    "here.</p>\n");
	group(out, &a, "briefing", "Briefings");
	group(out, &a, "chart", "Charts");
	buf_adds(out, "</main>\n</body>\n</html>\n");
	all_free(&a);
}

char *
gallery_path(const char *dir)
{
	return xasprintf("%s/index.html", dir);
}

int
gallery_write(const char *dir, char **err)
{
	struct buf b;
	char *path = gallery_path(dir);
	int rc;

	*err = NULL;
	buf_init(&b);
	gallery_html(dir, NULL, &b);
	rc = out_write(path, b.data, b.len, err) == OUT_ERROR ? -1 : 0;
	buf_free(&b);
	free(path);
	return rc;
}
