# Shared by the shell test suites (tests/*/run.sh), sourced from the
# repository root: the binary under test, a scratch folder, the tally.
#
#   . tests/lib.sh; setup NAME "$@"   ...   ok / bad "why"   ...   finish

# setup NAME [REGEN]: REGEN made absolute, T a fresh scratch folder removed
# at exit, the counters at zero.
setup() {
	suite=$1
	REGEN=${2:-./regen}
	case $REGEN in /*) ;; *) REGEN=$(pwd)/$REGEN ;; esac
	T=$(mktemp -d "/tmp/regen-$suite.XXXXXX")
	trap 'rm -rf "$T"' EXIT
	pass=0
	fail=0
	skipped=0
}

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# skip WHY: a case this machine cannot run, counted and said at the end
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }

# unprivileged ARGS...: regen ARGS without root's rights, so that a
# permission test means something when the suite runs as root (CI): a
# copy of the binary and its resources runs as nobody.  As any other user,
# regen itself.  The checkout may be closed to nobody (mktemp -d makes it
# 0700), so the sanitizers' suppressions are read from the copy too.
unprivileged() {
	if [ "$(id -u)" != 0 ]; then
		"$REGEN" "$@"
		return
	fi
	if [ ! -x "$T/app/regen" ]; then
		mkdir -p "$T/app/home"
		cp "$REGEN" "$T/app/regen" && cp -r data templates "$T/app/" &&
			cp tests/lsan.supp "$T/app/" &&
			chmod -R a+rX "$T/app" && chmod a+rwx "$T/app/home" &&
			chmod a+x "$T" || return 70
	fi
	(lsan=$(printf '%s' "${LSAN_OPTIONS:-}" |
	    sed "s|suppressions=[^:]*lsan\.supp|suppressions=$T/app/lsan.supp|") &&
	    cd "$T/app" && LSAN_OPTIONS=$lsan HOME=$T/app/home \
	    XDG_CACHE_HOME=$T/app/home \
	    setpriv --reuid=65534 --regid=65534 --clear-groups ./regen "$@")
}

# expect_exit CODE STDERR-FRAGMENT COMMAND...
expect_exit() {
	code=$1; frag=$2; shift 2
	"$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
	if [ "$rc" -ne "$code" ]; then
		bad "exit $rc (want $code): $*"; sed 's/^/  /' "$T/stderr"
	elif [ -n "$frag" ] && ! grep -qF -- "$frag" "$T/stderr"; then
		bad "stderr lacks '$frag': $*"; sed 's/^/  /' "$T/stderr"
	else
		ok
	fi
}

# snapshot DIR FILE: every path, checksum and modification time under DIR,
# to tell afterwards whether anything changed, appeared or vanished.
snapshot() {
	(cd "$1" 2>/dev/null && find . | sort &&
	 find . -type f | sort | xargs -r md5sum &&
	 find . -type f | sort | xargs -r stat -c '%n %Y') > "$2" 2>/dev/null ||
		: > "$2"
}

# The closing line CI reads, and the exit status.
finish() {
	if [ "$skipped" -gt 0 ]; then
		echo "$suite: $pass passed, $fail failed, $skipped skipped"
	else
		echo "$suite: $pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
}
