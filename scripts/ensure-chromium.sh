#!/usr/bin/env bash
# Install Debian's headless Chromium for the browser tests (tests/test_dashboard_*.py) if it is
# missing. Idempotent and quiet: does nothing when /usr/bin/chromium already exists.
# Playwright drives this binary (executable_path); Playwright's own browser download is not used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
if [ ! -x /usr/bin/chromium ]; then
    echo "ensure-chromium: /usr/bin/chromium still missing after apt-get install" >&2
    exit 1
fi
