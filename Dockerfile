# Scatter's container image: one image for both commands (docker/scatter is its entry point).
#   docker build -t scatter:0.1.0 .
#   docker run --stop-timeout 45 -e REDIS_URL=redis://host:6379 scatter:0.1.0       # a runner (the default)
#   docker run -e REDIS_URL=redis://host:6379 scatter:0.1.0 submit pi --tasks 100  # a job
# A runner drains for up to 20 s on SIGTERM: --stop-timeout 45 gives it the time (the default is 10 s).
# Base images are pinned by tag and by digest (a rebuild gets the same bytes); change both together. They are
# build arguments so that a builder without a registry can give its own (CI builds the image this way:
# docs/deploy.md): --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=...
# Cache mounts need BuildKit, the default builder of Docker 23 and later (or Podman/Buildah).
ARG BUILD_IMAGE=maven:3.9.16-eclipse-temurin-17@sha256:1ed5d1f54416b706707b4f3238f63a20bb06aab27c6d240090a2bb9ad895ed45
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.19_10-jre-noble@sha256:543aebd60ff1deb9e906a8d4b117a7eda68a7f8e0d71041db2b5839d7fa057b8

# ---- build: the Maven wrapper builds the two runnable jars ----
FROM ${BUILD_IMAGE} AS build
WORKDIR /src

# The build definition first, alone: these layers stay cached until a pom or the wrapper changes. Maven reads
# every module listed in pom.xml, even with -pl, so each module's pom is needed here.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY local-redis/pom.xml local-redis/
COPY broker-client/pom.xml broker-client/
COPY runner/pom.xml runner/
COPY dashboard/pom.xml dashboard/
COPY submitter/pom.xml submitter/
COPY examples/collatz/pom.xml examples/collatz/
COPY bench/pom.xml bench/
COPY deploy-checks/pom.xml deploy-checks/
COPY chaos/poison/pom.xml chaos/poison/
COPY chaos/suite/pom.xml chaos/suite/
# The wrapper fetches Maven once, into this layer.
RUN ./mvnw -B --version

# Then the sources; the dependencies come from a cache kept between builds, so a source change re-downloads nothing.
COPY local-redis/src/ local-redis/src/
COPY broker-client/src/ broker-client/src/
COPY runner/src/ runner/src/
COPY dashboard/src/ dashboard/src/
COPY submitter/src/ submitter/src/
RUN --mount=type=cache,id=scatter-maven-repository,target=/root/.m2/repository \
    ./mvnw -B -DskipTests -pl runner,submitter -am package

# ---- runtime: a JRE, the two jars and the entry point ----
FROM ${RUNTIME_IMAGE}

LABEL org.opencontainers.image.title="Scatter" \
      org.opencontainers.image.description="Scatter runner and submit: a persistent task queue on Redis" \
      org.opencontainers.image.licenses="Apache-2.0"

# A user of its own, given by number so that Kubernetes' runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 scatter \
 && useradd --system --uid 10001 --gid scatter --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin scatter

# JAVA_OPTS: the JVM sizes its heap from the container's memory limit (75% of it, leaving room for threads,
# metaspace and direct buffers) and exits on OutOfMemoryError instead of limping on: the orchestrator restarts
# it and its tasks are leased again. SCATTER_JAVA_OPTS is for flags of your own, as for bin/runner.
# SCATTER_HTTP_PORT: the runner serves /healthz, /readyz, /metrics and /backlog here unless --http-port is
# given; set it empty to turn HTTP off.
ENV SCATTER_HOME=/opt/scatter \
    SCATTER_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8" \
    PATH="/opt/scatter/bin:${PATH}"

COPY --from=build /src/runner/target/scatter-runner-all.jar /opt/scatter/lib/scatter-runner.jar
COPY --from=build /src/submitter/target/scatter-submit-all.jar /opt/scatter/lib/scatter-submit.jar
COPY --chmod=0755 docker/scatter /opt/scatter/bin/scatter

USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["/opt/scatter/bin/scatter"]
CMD ["runner"]
