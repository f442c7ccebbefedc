# One image recipe for the three distributed services; MODULE picks which one.
#   docker build --build-arg MODULE=command-side -t vbp/command-side .
FROM eclipse-temurin:17-jdk AS build
# The gateway's build also builds the web console with Node.js 20 and npm (gateway/src/main/console).
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
ARG MODULE=gateway
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/${MODULE}/target/*-exec.jar /app/app.jar
COPY --from=build /src/gateway/target/gateway.jar /app/gateway.jar
ENV MODULE=${MODULE}
# The gateway's executable jar has no classifier; the two other services' have "-exec".
ENTRYPOINT ["sh", "-c", "if [ \"$MODULE\" = gateway ]; then exec java $JAVA_OPTS -jar /app/gateway.jar; else exec java $JAVA_OPTS -jar /app/app.jar; fi"]
