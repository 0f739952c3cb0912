#!/usr/bin/env bash
# Installs what the test suite drives for real and npm cannot bring: the Azure CLI and tmux, from
# Debian's packages. Runs before `npm test`; does nothing when both are already there.
set -euo pipefail
missing=()
command -v az >/dev/null 2>&1 || missing+=(azure-cli)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "authfix tests: installing ${missing[*]} from Debian's packages" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null 2>&1; then
	sudo=(sudo)
else
	echo "authfix tests need ${missing[*]}: install them (apt-get install ${missing[*]}) and run again" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
