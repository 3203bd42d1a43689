#!/usr/bin/env bash
# CI: install the project the way a new user does -- a fresh `python3 -m venv` with the pip it
# ships (not upgraded; Python 3.11 ships pip 23.x) and `pip install .` -- then clean an HTML
# page with that install, from a file and from standard input. Guards the dependency list in
# pyproject.toml: pip 23.x skipped lxml's html_clean extra, and every HTML page failed with an
# ImportError.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" -m venv "$tmp/venv"
echo "check-install: $("$tmp/venv/bin/python" -m pip --version)"
if ! "$tmp/venv/bin/python" -m pip install --quiet . > "$tmp/pip.log" 2>&1; then
  cat "$tmp/pip.log" >&2
  echo "check-install: pip install . failed" >&2
  exit 1
fi
cat > "$tmp/page.html" <<'HTML'
<!doctype html>
<html><head><title>Council approves budget | Example News</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council approves budget</h1>
<p>The council approved the new budget on Monday after a long debate that ran late into the night.
Members of the opposition said the plan left too little for schools, roads and the city's parks.</p>
<p>Share this article</p>
</article><footer>Copyright 2024 Example News</footer></body></html>
HTML
want="The council approved the new budget on Monday"
clean_page() {  # file | stdin
  if [ "$1" = file ]; then "$tmp/venv/bin/cleaner" clean "$tmp/page.html"; else "$tmp/venv/bin/cleaner" clean - < "$tmp/page.html"; fi
}
for how in file stdin; do
  got=$(clean_page "$how") || { echo "check-install: cleaning an HTML page ($how) failed" >&2; exit 1; }
  case "$got" in
    *"<p>"*|*"Share this article"*) ok=no ;;  # markup or the share prompt: not cleaned as HTML
    *"$want"*) ok=yes ;;
    *) ok=no ;;
  esac
  if [ "$ok" != yes ]; then
    printf 'check-install: the HTML page (%s) was not cleaned; got:\n%s\n' "$how" "$got" >&2
    exit 1
  fi
done
echo "check-install: a stock pip install cleans HTML pages"
