#!/usr/bin/env bash
# Regenerates the screenshots of the voter and support staff guides (docs/guides/images) from the product itself:
# the Chromium guide walk writes them when BALLOTLINE_UPDATE_GUIDES=1. Needs what ./test.sh installs (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Ballotline.Server.Tests -c Release -nologo -v quiet
BALLOTLINE_UPDATE_GUIDES=1 dotnet test --project tests/Ballotline.Server.Tests -c Release --no-build --filter-class '*GuideScreenshotsTests'
echo "Screenshots written to docs/guides/images; rebuild the server to serve them in Help."
