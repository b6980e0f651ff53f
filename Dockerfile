# Tocsin's one image: every service (`ingest`, `enrich`, `alerting`, `topics init`, ...) is a
# subcommand of the same jar. Build: docker build -t tocsin .   Run: docker run tocsin --help
# Without a registry, deploy/local/images.sh builds it with BUILD_IMAGE and RUNTIME_IMAGE set to
# local images made from Debian packages and the jar built on the host.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Build stage: a JDK and the project's own Maven wrapper (the version the build is tested with). A
# build image that already holds the jar at /opt/prebuilt/tocsin.jar (deploy/local/images.sh makes
# one from the jar built on the host) skips the Maven build.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN if [ -f /opt/prebuilt/tocsin.jar ]; then mkdir -p app/target && cp /opt/prebuilt/tocsin.jar app/target/; \
    else ./mvnw -B -ntp -pl app -am package -DskipTests -Dspotless.check.skip=true; fi

# Runtime stage: a JRE only, run as an unprivileged user.
FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 tocsin \
 && useradd --system --uid 10001 --gid tocsin --home-dir /var/lib/tocsin --create-home \
      --shell /usr/sbin/nologin tocsin
COPY --from=build /src/app/target/tocsin.jar /opt/tocsin/tocsin.jar
COPY deploy/docker/tocsin deploy/docker/tocsin-healthcheck /usr/local/bin/
# A class-data sharing archive of the classes a command loads, made by this image's own JVM (an
# archive only fits the build that made it) from a training run over the bundled demo feeds; the
# entry point maps it, so commands start faster. --verbose first: the run builds every command, not
# only the one it names, so that all of them are archived.
COPY app/src/main/resources/demo/feeds /tmp/training
RUN java -XX:ArchiveClassesAtExit=/opt/tocsin/tocsin.jsa -jar /opt/tocsin/tocsin.jar --verbose \
      feeds parse \
      /tmp/training/atlantic-monitor.rss.xml /tmp/training/global-wire-daily.atom.xml \
      /tmp/training/world-briefing.json > /dev/null \
 && rm -rf /tmp/training
ENV TOCSIN_DATA_DIR=/var/lib/tocsin \
    TOCSIN_MANAGEMENT_ADDRESS=0.0.0.0:8080 \
    TOCSIN_LOG_FORMAT=json \
    TOCSIN_JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER tocsin:tocsin
WORKDIR /var/lib/tocsin
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["tocsin-healthcheck", "/health/ready"]
ENTRYPOINT ["tocsin"]
CMD ["--help"]
