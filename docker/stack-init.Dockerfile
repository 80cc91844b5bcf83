# The one-shot steps of docker-compose.yml (stack-secrets, kafka-setup, schema-deploy): the
# launcher's own code (local-stack's ComposeInit), so the compose stack is locked as ./run-local's is.
#   docker build -f docker/stack-init.Dockerfile .
FROM eclipse-temurin:17.0.16_8-jdk AS build
WORKDIR /src
COPY . .
# The Maven wrapper fetches Maven; tests run in CI, not in the image build.
RUN ./mvnw -B -q -pl local-stack -am package -Dmaven.test.skip=true -Dspring-javaformat.skip=true

FROM eclipse-temurin:17.0.16_8-jre
# The services' user, made the same way as in service.Dockerfile: the identity provider's volume,
# first mounted here, then belongs to the user that provider runs as.
RUN useradd --system --create-home --home-dir /var/lib/service service
COPY --from=build /src/local-stack/target/local-stack.jar /app/local-stack.jar
COPY --from=build /src/local-stack/target/lib /app/lib
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx256m", "-cp", "/app/local-stack.jar:/app/lib/*", "io.removaltracker.localstack.ComposeInit"]
