#!/bin/sh
# Makes sure a headless-capable Chromium exists for the browser tests: Debian's `chromium` package,
# driven by playwright-core (whose own `playwright install` downloads are not used), with a colour
# emoji font so reactions show in screenshots. Does nothing when both are there; otherwise installs
# what is missing with apt-get (as root, or through sudo).
set -eu

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=""
[ -x "$CHROMIUM" ] || packages="chromium fonts-liberation"
if ! fc-list 2>/dev/null | grep -qi emoji; then
  packages="$packages fonts-noto-color-emoji"
fi
[ -n "$packages" ] || exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  if [ -x "$CHROMIUM" ]; then
    exit 0 # only the emoji font is missing: screenshots show boxes, the tests still pass
  fi
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    [ -x "$CHROMIUM" ] && exit 0
    echo "ensure-chromium: $CHROMIUM is missing; run as root or install the chromium package" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing$packages" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086 # the package list is meant to split
$SUDO apt-get install -y -q --no-install-recommends $packages
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium installed but $CHROMIUM is still missing" >&2
  exit 1
fi
