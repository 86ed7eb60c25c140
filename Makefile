# regen: charts and briefings from a curated commodity dataset.  GNU make.
#
#   make            build ./regen
#   make report     build, then render the default outputs into out/
#   make check      all tests (unit + end-to-end, then again under ASan/UBSan)
#   make deps       install the Debian packages needed to build, test and run
#   make fuzz       FUZZ_SECONDS=N: libFuzzer on every parser (clang)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/regen
MANDIR	?= $(PREFIX)/share/man

PKGS	 = cairo cairo-pdf cairo-svg cairo-ft pangocairo pangoft2 fontconfig \
	   freetype2 harfbuzz-subset libxml-2.0 libcjson libpng libxxhash zlib
CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -Iinclude $(PKG_CFLAGS) \
	     -DREGEN_DATADIR='"$(DATADIR)"' $(CFLAGS)
LDLIBS	 = $(PKG_LIBS) -lm

# Debian packages: build, test, run.
DEBS	 = build-essential pkg-config libcairo2-dev libpango1.0-dev \
	   libharfbuzz-dev libfreetype-dev libxml2-dev libcjson-dev libpng-dev libxxhash-dev zlib1g-dev libcmocka-dev fonts-noto-core \
	   fonts-noto-cjk poppler-utils qpdf librsvg2-bin pngcheck valgrind \
	   mupdf-tools python3-fonttools tidy

SRCS	 = $(wildcard gen/*.c)
LIBSRCS	 = $(filter-out gen/main.c,$(SRCS))
B	?= build/release
OBJS	 = $(LIBSRCS:gen/%.c=$(B)/%.o)
UNITS	 = $(patsubst tests/unit/%.c,%,$(filter-out tests/unit/harness.c,\
	   $(wildcard tests/unit/test_*.c)))

.PHONY: all report deps check check-unit check-e2e check-asan \
	check-valgrind check-clients deps-clients install uninstall clean \
	bench fuzz

all: regen

regen: $(B)/regen
	cp $(B)/regen $@

$(B)/regen: $(OBJS) $(B)/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(B)/%.o: gen/%.c | $(B)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%: tests/unit/test_%.c $(OBJS) | $(B)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(OBJS) | $(B)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(B):
	mkdir -p $@

-include $(wildcard $(B)/*.d)

# Installs only the packages missing from $(1): apt-get as root, through
# sudo otherwise, nothing when all are there.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEBS))

report: deps
	$(MAKE) regen
	./regen --out out

check: deps
	$(MAKE) check-unit check-e2e
	$(MAKE) check-asan
	$(MAKE) check-valgrind

check-unit: $(UNITS:%=$(B)/%)
	@set -e; for t in $(UNITS:%=$(B)/%); do \
	  echo "== $$t"; $$t; done

check-e2e: regen
	sh tests/e2e/run.sh ./regen
	sh tests/e2e/commodity.sh ./regen
	sh tests/e2e/editions.sh ./regen
	sh tests/e2e/fonts.sh ./regen
	sh tests/e2e/html.sh ./regen
	sh tests/bad/run.sh ./regen

# The same suite, built with AddressSanitizer and UBSan.
check-asan:
	$(MAKE) B=build/asan CFLAGS="-O1 -g -fsanitize=address,undefined \
	  -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  build/asan/regen $(UNITS:%=build/asan/%)
	@set -e; export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	for t in $(UNITS:%=build/asan/%); do echo "== $$t (asan)"; $$t; done; \
	sh tests/e2e/run.sh build/asan/regen; \
	sh tests/e2e/commodity.sh build/asan/regen; \
	sh tests/e2e/editions.sh build/asan/regen; \
	sh tests/e2e/fonts.sh build/asan/regen; \
	sh tests/e2e/html.sh build/asan/regen; \
	sh tests/bad/run.sh build/asan/regen

# The benchmark against gnuplot, matplotlib, Typst and Vega-Lite (see
# tests/bench/run.sh); prints and writes out/bench/bench.md and .json.
BENCH_DEBS = hyperfine gnuplot-nox python3-matplotlib jq nodejs
bench: deps
	$(call apt_install,$(BENCH_DEBS))
	$(MAKE) regen
	sh tests/bench/run.sh

# Slide and browser clients read the chart SVGs: headless Chromium,
# rsvg-convert and LibreOffice (installed here; a few minutes the first
# time).
CLIENT_DEBS = chromium libreoffice-draw imagemagick
deps-clients:
	$(call apt_install,$(CLIENT_DEBS))

check-clients: deps deps-clients
	$(MAKE) regen
	sh tests/clients/run.sh ./regen
	sh tests/clients/html.sh ./regen

# The default run (both briefings, every chart) under valgrind: no leak,
# no error.  tests/valgrind.supp names the two library quirks it ignores.
check-valgrind: regen
	rm -rf build/valgrind-out
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
	  --error-exitcode=1 --suppressions=tests/valgrind.supp \
	  ./regen --out build/valgrind-out
	@echo "valgrind: no leaks, no errors"

# libFuzzer (clang): one target per parser a user can feed, each run for
# FUZZ_SECONDS with its dictionary, seeded with the test inputs.  New
# inputs collect in build/fuzz/corpus-NAME; findings land in build/fuzz/
# as crash-*, leak-*, timeout-*, and each becomes a case in tests/bad/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = data tmpl spec theme manifest diff
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
	     -fsanitize=fuzzer-no-link,address,undefined
FUZZ_DEBS = clang libclang-rt-14-dev
# the seed folders of each target
FUZZ_SEEDS_data = tests/data data tests/bad
FUZZ_SEEDS_tmpl = templates tests/templates tests/bad
FUZZ_SEEDS_spec = templates tests/fuzz/seeds/spec
FUZZ_SEEDS_theme = templates/themes
FUZZ_SEEDS_manifest = tests/fuzz/seeds/manifest
FUZZ_SEEDS_diff = tests/data data
# the dictionary of each target
FUZZ_DICT_data = json
FUZZ_DICT_tmpl = xml
FUZZ_DICT_spec = spec
FUZZ_DICT_theme = theme
FUZZ_DICT_manifest = manifest
FUZZ_DICT_diff = json
fuzz:
	$(call apt_install,$(FUZZ_DEBS))
	$(MAKE) B=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	  $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@set -e; export LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	$(foreach t,$(FUZZ_TARGETS),\
	  echo "== fuzz_$(t): $(FUZZ_SECONDS) s"; \
	  mkdir -p build/fuzz/corpus-$(t); \
	  ./build/fuzz/fuzz_$(t) -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=25 -dict=tests/fuzz/$(FUZZ_DICT_$(t)).dict \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-$(t) $(FUZZ_SEEDS_$(t)) 2>build/fuzz/fuzz_$(t).log \
	    || { tail -40 build/fuzz/fuzz_$(t).log; exit 1; }; \
	  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss)' \
	    build/fuzz/fuzz_$(t).log;)

install: regen
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(DATADIR)/templates/themes
	install -m 755 regen $(DESTDIR)$(BINDIR)/regen
	install -m 644 docs/regen.1 $(DESTDIR)$(MANDIR)/man1/regen.1
	install -m 644 data/rare_earths.json $(DESTDIR)$(DATADIR)/data/
	install -m 644 templates/*.xml templates/README.md \
	  $(DESTDIR)$(DATADIR)/templates/
	install -m 644 templates/themes/*.theme \
	  $(DESTDIR)$(DATADIR)/templates/themes/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/regen $(DESTDIR)$(MANDIR)/man1/regen.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build regen out
