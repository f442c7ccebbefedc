#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through Debian's ChromeDriver (no tool may download
# its own browser here), with Noto CJK so that screenshots show the Chinese. Installs whatever is missing;
# does nothing when all three are present. Called by .ci/run and by the gateway's Maven build before tests.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The console's browser tests need: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the console's browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
