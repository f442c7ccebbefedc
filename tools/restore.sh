#!/usr/bin/env bash
# Restores a backup (tools/backup.sh, POST /api/v1/admin/backups) into a fresh data directory, with the service
# stopped or elsewhere; then start the service with --app.data-dir=<that directory>. docs/operations.md.
#   tools/restore.sh <backup.zip> <empty or new directory> [jar, default standalone/target/vbp-standalone-exec.jar]
# Exit codes: 0 restored, 2 usage, 3 the target is not an empty directory, 4 the archive is missing, broken or not a
# backup (the target is left empty), 1 it could not be written.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <backup.zip> <empty or new data directory> [vbp-standalone-exec.jar]" >&2
  exit 2
fi
jar="${3:-$(dirname "$0")/../standalone/target/vbp-standalone-exec.jar}"
exec java -Xmx256m -jar "$jar" --restore="$1" --app.data-dir="$2"
