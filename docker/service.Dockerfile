# One image per service, built from this repository:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=case-service .
# docker-compose.yml builds all three this way, and the development identity provider, whose
# runnable jar has a classifier: --build-arg MODULE=dev-identity-provider --build-arg JAR_SUFFIX=-exec
FROM eclipse-temurin:17.0.16_8-jdk AS build
ARG MODULE
ARG JAR_SUFFIX=""
WORKDIR /src
COPY . .
# The Maven wrapper fetches Maven; tests run in CI, not in the image build.
RUN ./mvnw -B -q -pl ${MODULE} -am package -Dmaven.test.skip=true -Dspring-javaformat.skip=true \
 && cp ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT${JAR_SUFFIX}.jar /app.jar

FROM eclipse-temurin:17.0.16_8-jre
# curl for the health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /var/lib/service service
USER service
COPY --from=build /app.jar /app/app.jar
# In a container the service must listen beyond loopback; the port is published to the host's loopback only.
ENV SERVER_ADDRESS=0.0.0.0
# Two glibc malloc arenas keep RocksDB's and Kafka's native memory from staying resident (BENCHMARKS.md).
ENV MALLOC_ARENA_MAX=2
# The heap is a setting, not part of the image: by default half of the container's memory limit
# (compose's mem_limit, Kubernetes' resources.limits.memory; without a limit, half of the host's
# memory). JAVA_OPTS replaces it, e.g. JAVA_OPTS=-Xmx256m (README, "Start-up, memory and jar size").
ENV JAVA_OPTS="-XX:MaxRAMPercentage=50"
# exec: java becomes the container's first process and gets its SIGTERM.
ENTRYPOINT ["sh", "-c", "exec java -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar /app/app.jar \"$@\"", "app"]
