#!/usr/bin/env bash
# Installs Debian's chromium (and CJK fonts for readable screenshots) for the dashboard's browser
# test, when it is not there yet. Tests never download a browser of their own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk
