#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when missing and we may
# (root with apt); otherwise say so, and the browser tests skip with a notice.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${PERSONA_KIT_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
echo "⚠ chromium is not installed and could not be installed here: browser tests will be skipped."
exit 0
