#!/usr/bin/env bash
# Takes an online backup of a running standalone instance and prints the service's answer (name, sizeBytes,
# eventPosition, durationMillis). The service writes the archive itself, under app.backup.dir (default
# <app.data-dir>/backups); requests keep being served meanwhile. docs/operations.md, "Backup and restore".
#   VBP_ADMIN_PASSWORD=… tools/backup.sh [base URL, default http://localhost:8080]
# VBP_ADMIN_USER names another administrator (default admin). Exit code 0 when the backup was taken.
set -euo pipefail
base="${1:-http://localhost:8080}"
user="${VBP_ADMIN_USER:-admin}"
: "${VBP_ADMIN_PASSWORD:?set VBP_ADMIN_PASSWORD to the password of the administrator}"

json_string() { # a JSON string literal of $1
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

body="{\"username\":$(json_string "$user"),\"password\":$(json_string "$VBP_ADMIN_PASSWORD")}"
if ! login=$(curl -sS --fail-with-body -H 'Content-Type: application/json' -d "$body" "$base/api/v1/auth/login"); then
  echo "login failed: $login" >&2
  exit 1
fi
token=$(printf '%s' "$login" | sed -n -e 's/.*"token" *: *"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
  echo "login answered no token: $login" >&2
  exit 1
fi

curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" "$base/api/v1/admin/backups"
echo
