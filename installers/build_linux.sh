#!/usr/bin/env bash
# Build the Linux one-folder bundle and prove it works: dist/ClusterManager/clustermanager-cli selftest.
# The same spec builds the Windows and macOS bundles on those systems (see docs/installers.md).
#   usage: [PYTHON=.venv/bin/python] installers/build_linux.sh [--strict]   (needs .[build] installed)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist installers/clustermanager.spec
built=$(date +%s)
echo "bundle: $(du -sh dist/ClusterManager | cut -f1) in dist/ClusterManager, built in $((built - started)) s"
# A clean environment: the bundle must not lean on the checkout or the venv.
env -i PATH=/usr/bin:/bin HOME="$(mktemp -d)" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
  dist/ClusterManager/clustermanager-cli selftest "$@"
echo "selftest passed in $(( $(date +%s) - built )) s"
