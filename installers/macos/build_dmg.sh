#!/usr/bin/env bash
# Build ClusterManager.app and a ClusterManager-<version>.dmg on macOS (see docs/installers.md).
#   usage: [PYTHON=.venv/bin/python] installers/macos/build_dmg.sh
# Needs: macOS 11+, Python 3.11 with `pip install -e ".[build]"`, Xcode command-line tools (hdiutil,
# codesign). Without a Developer ID the app is ad-hoc signed: users open it the first time with
# right-click > Open. With one, set CODESIGN_IDENTITY="Developer ID Application: ..." (and notarise
# the .dmg with `xcrun notarytool submit --wait`, then `xcrun stapler staple`).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname)" = "Darwin" ] || { echo "build_dmg.sh runs on macOS only" >&2; exit 2; }
PYTHON="${PYTHON:-python3}"
VERSION=$("$PYTHON" -c "import clustermanager; print(clustermanager.__version__)")

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist installers/clustermanager.spec
APP=dist/ClusterManager.app
[ -d "$APP" ] || { echo "PyInstaller did not produce $APP" >&2; exit 1; }

# The bundle must work before it is packed: the console executable sits beside the windowed one.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/clustermanager-cli" selftest --strict

# PyInstaller already signed it ad hoc; a Developer ID signature with the hardened runtime is what
# notarisation needs.
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --sign "$CODESIGN_IDENTITY" "$APP"
fi

# A disk image with the app and a shortcut to /Applications: the usual drag-to-install window.
STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
mkdir -p dist/installers
DMG="dist/installers/ClusterManager-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "ClusterManager $VERSION" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"
echo "built $DMG ($(du -h "$DMG" | cut -f1))"
