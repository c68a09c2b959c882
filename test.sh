#!/usr/bin/env bash
# Runs every Ballotline test on a fresh machine: installs what the tests need if missing, starts the
# services they use on 127.0.0.1, runs the suites, stops what it started, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

services="$root/.test-services"
cleanup() {
  "$root/scripts/postgres.sh" stop "$services/postgres" >/dev/null 2>&1 || true
  for name in maildev refusing-smtp; do
    if [ -f "$services/$name.pid" ]; then kill "$(cat "$services/$name.pid")" 2>/dev/null || true; rm -f "$services/$name.pid"; fi
  done
}
trap cleanup EXIT

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
  apt-get install -y -qq "$@" >/dev/null
}

step "Test dependencies"
command -v chromium >/dev/null || { echo "Installing Chromium (Debian package)…"; apt_install chromium; }
# The report's charts (ScottPlot) need a font to label their axes.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { echo "Installing fonts for the report charts (Debian package)…"; apt_install fonts-dejavu-core; }
# The tests need only promtool: the package is installed without starting its server (policy-rc.d answers
# "not now" for the install alone), so nothing has to be stopped afterwards — and nothing is stopped by name.
install_without_starting() {
  local policy=/usr/sbin/policy-rc.d wrote=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; wrote=1; fi
  apt_install "$@"
  if [ -n "$wrote" ]; then rm -f "$policy"; fi
}
command -v promtool >/dev/null || { echo "Installing Prometheus tools (Debian package)…"; install_without_starting prometheus; }
# nginx in front of the server for the proxy test (started by the test itself on its own port, stopped by PID).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "Installing nginx (Debian package)…"; install_without_starting nginx; }
export BALLOTLINE_NGINX=$(command -v nginx || echo /usr/sbin/nginx)
export BALLOTLINE_PROMTOOL=$(command -v promtool)
# The same package's Prometheus server is started by the scrape test itself (its own port and data, stopped by PID).
export BALLOTLINE_PROMETHEUS=$(command -v prometheus)
echo "promtool: $($BALLOTLINE_PROMTOOL --version 2>&1 | head -n 1)"
export BALLOTLINE_CHROMIUM=$(command -v chromium)
echo "chromium: $($BALLOTLINE_CHROMIUM --version 2>/dev/null | head -n 1)"
dotnet tool restore >/dev/null
command -v node >/dev/null || { echo "Installing Node.js (Debian package)…"; apt_install nodejs npm; }
(cd contracts && npm ci --no-audit --no-fund --loglevel=error)
export BALLOTLINE_ANVIL="$root/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
echo "anvil: $("$BALLOTLINE_ANVIL" --version | head -n 1)"
(cd tests/services && npm ci --no-audit --no-fund --loglevel=error)
# The voter's browser encrypts with web/ballot-crypto (@noble/curves, bundled by esbuild; all pinned).
(cd web/ballot-crypto && npm ci --no-audit --no-fund --loglevel=error)
# The second record verifier (web/verifier) uses ballot-crypto's packages; esbuild bundles its Web Worker.
(cd web/verifier && npm ci --no-audit --no-fund --loglevel=error)

step "Services on 127.0.0.1"
cleanup
mkdir -p "$services"
BALLOTLINE_TEST_POSTGRES=$("$root/scripts/postgres.sh" start "$services/postgres" 55432)
export BALLOTLINE_TEST_POSTGRES
echo "postgresql: 127.0.0.1:55432"
tests/services/node_modules/.bin/maildev --ip 127.0.0.1 --smtp 55025 --web 55080 --silent >"$services/maildev.log" 2>&1 &
echo $! > "$services/maildev.pid"
export BALLOTLINE_TEST_SMTP_PORT=55025 BALLOTLINE_TEST_MAILDEV=http://127.0.0.1:55080
for _ in $(seq 1 50); do curl -sf "$BALLOTLINE_TEST_MAILDEV/api/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo "maildev: smtp 127.0.0.1:55025, api $BALLOTLINE_TEST_MAILDEV"
node tests/services/refusing-smtp.js 55026 >"$services/refusing-smtp.log" 2>&1 &
echo $! > "$services/refusing-smtp.pid"
export BALLOTLINE_TEST_REFUSING_SMTP_PORT=55026
for _ in $(seq 1 50); do grep -q "refusing smtp on" "$services/refusing-smtp.log" 2>/dev/null && break; sleep 0.2; done
echo "refusing smtp (bounces for nowhere.test): 127.0.0.1:55026"

step "Restore and build (warnings are errors)"
dotnet build Ballotline.slnx -c Release -nologo -v quiet

step "The third parties' tools as dotnet tools (packed, installed, run; no server inside)"
tools=$(mktemp -d)
for tool in VerifyTool TrusteeTool; do
  dotnet pack "src/Ballotline.$tool/Ballotline.$tool.csproj" -c Release --no-build -o "$tools/feed" -nologo -v quiet
  dotnet tool install "Ballotline.$tool" --tool-path "$tools/bin" --add-source "$tools/feed" >/dev/null
done
if [ -n "$(find "$tools/bin" -name 'Ballotline.Server*.dll')" ]; then
  echo "an installed tool carries the server: the tools must not need it" >&2
  exit 1
fi
"$tools/bin/ballotline-trustee" --help >/dev/null
# A genuine committed record, read offline: verified without the chain, exit code 3, as documented.
set +e
"$tools/bin/ballotline-verify" tests/vectors/records/genuine/record.zip --announcement tests/vectors/records/genuine/announcement.json >"$tools/verify.log" 2>&1
verified=$?
set -e
if [ "$verified" -ne 3 ] || ! grep -q "VERIFIED WITHOUT THE CHAIN" "$tools/verify.log"; then
  cat "$tools/verify.log" >&2
  echo "the installed ballotline-verify did not verify the genuine record (exit $verified)" >&2
  exit 1
fi
echo "ballotline-verify and ballotline-trustee packed and installed as dotnet tools from a local feed; the genuine record verified"
rm -rf "$tools"

step "Format check"
dotnet format Ballotline.slnx --verify-no-changes --no-restore -v quiet

step "Tests"
log=$(mktemp)
set +e
dotnet test --solution Ballotline.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The JavaScript ballot encryption against the shared vectors, the JavaScript record verifier over the tamper
# corpus, and both committed bundles against a rebuild.
js_log=$(mktemp)
node --test --test-reporter=tap web/ballot-crypto/test/ web/verifier/test/ >"$js_log" 2>&1
js_status=$?
grep -E '^(not ok|# (tests|pass|fail))' "$js_log"
[ "$js_status" -eq 0 ] || cat "$js_log"
set -e

# One closing line in the plain form CI reads: 'N passed, N failed' (from the run summary's totals).
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
js_passed=$(grep -E '^# pass [0-9]+' "$js_log" | grep -oE '[0-9]+' || echo 0)
js_failed=$(grep -E '^# fail [0-9]+' "$js_log" | grep -oE '[0-9]+' || echo 0)
passed=$(( ${passed:-0} + ${js_passed:-0} ))
failed=$(( ${failed:-0} + ${js_failed:-0} ))
# The runner prints a failing test's server output after its assertion, so the assertion scrolls out of a short
# log tail: repeat each failure's name, message and stack (not its captured output) just above the closing line.
if grep -qE '^failed ' "$log"; then
  echo
  echo "Failed tests (repeated from above):"
  awk '/^failed /{show=1; n=0} /^[[:space:]]*Standard output:/ || /x64[)] failed with/{show=0} show && n++ < 40' "$log"
fi
rm -f "$log" "$js_log"
cleanup
echo
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "$js_status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
