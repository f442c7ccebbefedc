# The three distributed services from one recipe; the target picks the service:
#   docker build --target command-side -t vbp/command-side .
#   docker build --target query-side   -t vbp/query-side .
#   docker build --target gateway      -t vbp/gateway .
# (docker-compose.yml builds all three.) .ci/run checks that every COPY --from=build source below is produced
# by the build (tools/check-distributed.sh).

FROM eclipse-temurin:17-jdk AS build
# The gateway's build also builds the web console with Node.js 20 and npm (gateway/src/main/console).
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

# What the three services share: a JRE, curl for the health check, and a user without privileges.
FROM eclipse-temurin:17-jre AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 vbp \
    && useradd --system --uid 10001 --gid vbp --home-dir /app --shell /usr/sbin/nologin vbp
WORKDIR /app
# The heap follows the container's memory limit; an OutOfMemoryError ends the process so that it is restarted
# instead of limping on. JAVA_OPTS adds to these (docker run -e JAVA_OPTS=...).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Duser.timezone=Asia/Shanghai"
USER vbp:vbp
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]

FROM runtime AS command-side
COPY --from=build --chown=vbp:vbp /src/command-side/target/command-side-exec.jar /app/app.jar
# The management server (health, info, metrics, prometheus); the command side has no other HTTP endpoint.
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fs http://localhost:8081/actuator/health/readiness || exit 1

FROM runtime AS query-side
COPY --from=build --chown=vbp:vbp /src/query-side/target/query-side-exec.jar /app/app.jar
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fs http://localhost:8082/actuator/health/readiness || exit 1

FROM runtime AS gateway
COPY --from=build --chown=vbp:vbp /src/gateway/target/gateway-exec.jar /app/app.jar
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
