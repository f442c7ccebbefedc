#!/usr/bin/env bash
# What can be checked of distributed mode on a machine without a Docker engine, Axon Server or MongoDB
# (docs/operations.md "What is exercised here"). Run by `./mvnw verify` (the standalone module's integration-test
# phase) after every jar is built; needs Debian's docker-compose, installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-distributed: $*" >&2; exit 1; }

# 1. The compose file: refuses to start without its secrets, and is valid with them.
if ! command -v docker-compose >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "docker-compose is missing: apt-get install docker-compose"
  echo "Installing Debian's docker-compose to validate docker-compose.yml"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends docker-compose >/dev/null
fi
if env -u APP_JWT_SECRET -u APP_BOOTSTRAP_ADMIN_PASSWORD -u MONGO_ROOT_PASSWORD docker-compose config -q 2>/dev/null; then
  fail "docker-compose.yml must refuse to start without APP_JWT_SECRET, APP_BOOTSTRAP_ADMIN_PASSWORD and MONGO_ROOT_PASSWORD"
fi
APP_JWT_SECRET=check APP_BOOTSTRAP_ADMIN_PASSWORD=check MONGO_ROOT_PASSWORD=check docker-compose config -q \
  || fail "docker-compose.yml is not valid"
resolved=$(APP_JWT_SECRET=check APP_BOOTSTRAP_ADMIN_PASSWORD=check MONGO_ROOT_PASSWORD=check docker-compose config)
[ "$(grep -c "condition: service_healthy" <<<"$resolved")" -eq 6 ] || fail "every dependency should wait for service_healthy"
echo "docker-compose.yml: valid, refuses to start without its secrets"

# 2. The Dockerfile: every file copied from the build stage is what the build produced; every service target runs
#    as a user without privileges on a JRE, sizes its heap by the container's memory and has a health check.
grep -q '^FROM eclipse-temurin:17-jre AS runtime' Dockerfile || fail "the runtime stage should be a JRE image"
grep -q '^USER vbp' Dockerfile || fail "the runtime stage should run as the user vbp"
grep -q 'MaxRAMPercentage' Dockerfile || fail "the heap should follow the container's memory (-XX:MaxRAMPercentage)"
for target in command-side query-side gateway; do
  block=$(awk -v t="$target" '$1=="FROM" {on = ($NF==t)} on' Dockerfile)
  [ -n "$block" ] || fail "Dockerfile has no target $target"
  # here-strings, not pipes: with pipefail, grep -q closing a pipe early would fail its writer (SIGPIPE)
  grep -q '^HEALTHCHECK' <<<"$block" || fail "target $target has no HEALTHCHECK"
  source=$(sed -n 's#^COPY --from=build [^/]*/src/\([^ ]*\) .*#\1#p' <<<"$block")
  [ -n "$source" ] || fail "target $target copies nothing from the build stage"
  [ -f "$source" ] || fail "target $target copies $source, which the build did not produce"
  echo "Dockerfile target $target: copies $source ($(du -h "$source" | cut -f1))"
done
gateway_entries=$(unzip -l gateway/target/gateway-exec.jar)
if grep -qE 'com/vbp/(command|query)/|/h2-[0-9]|mongo-java-server' <<<"$gateway_entries"; then
  fail "the distributed gateway must hold no command-side or query-side class and no embedded store"
fi

# 3. Each service started without what it needs: readiness answers 503 while it waits, then it exits 1 with one
#    clear line that names what is missing.
expect_clear_exit() { # name port message command...
  local name=$1 port=$2 message=$3; shift 3
  local log; log=$(mktemp)
  "$@" >"$log" 2>&1 &
  local pid=$! readiness=""
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    if [ -n "$port" ] && [ -z "$readiness" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health/readiness" || true)
      [ "$code" = 503 ] && readiness=503
    fi
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fail "$name did not stop within 120 s without its stores"; fi
  local rc=0; wait "$pid" || rc=$?
  [ "$rc" -eq 1 ] || { tail -20 "$log"; fail "$name exited with $rc instead of 1"; }
  grep -q "^ERROR $message" "$log" || { tail -20 "$log"; fail "$name did not say: $message"; }
  if [ -n "$port" ] && [ "$readiness" != 503 ]; then fail "$name: readiness never answered 503 while waiting"; fi
  if [ -n "${EXPECT_JSON_LOG:-}" ]; then
    # LOG_FORMAT=json: every line is one JSON object (ECS), but for the closing line meant for the operator
    local other; other=$(grep -v '^{"@timestamp":' "$log" | grep -v "^ERROR $message" || true)
    [ -z "$other" ] || { echo "$other" | head -5; fail "$name logged lines that are not JSON with LOG_FORMAT=json"; }
    grep -q '"log":{"level":"INFO"' "$log" || fail "$name's JSON lines carry no log level"
  fi
  echo "$name without its stores: $(grep "^ERROR" "$log")${port:+ (readiness 503 meanwhile)}${EXPECT_JSON_LOG:+ (logged in JSON lines)}"
  rm -f "$log"
}
JAVA="java -Xmx256m -XX:TieredStopAtLevel=1"
EXPECT_JSON_LOG=1 expect_clear_exit command-side 18581 "Axon Server cannot be reached" env LOG_FORMAT=json \
  AXONSERVER_SERVERS=localhost:1 APP_STARTUP_CONNECT_TIMEOUT=PT15S COMMAND_SIDE_PORT=18581 $JAVA -jar command-side/target/command-side-exec.jar
expect_clear_exit query-side "" "MongoDB cannot be reached" env AXONSERVER_SERVERS=localhost:1 QUERY_SIDE_PORT=18582 \
  APP_MONGODB_URI='mongodb://localhost:1/?serverSelectionTimeoutMS=2000' $JAVA -jar query-side/target/query-side-exec.jar
expect_clear_exit gateway "" "MongoDB cannot be reached" env AXONSERVER_SERVERS=localhost:1 PORT=18580 \
  APP_JWT_SECRET=0123456789abcdef0123456789abcdef-check APP_MONGODB_URI='mongodb://localhost:1/?serverSelectionTimeoutMS=2000' \
  $JAVA -jar gateway/target/gateway-exec.jar
echo "check-distributed: all checks passed"
