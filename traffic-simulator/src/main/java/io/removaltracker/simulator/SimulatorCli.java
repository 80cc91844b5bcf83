package io.removaltracker.simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar simulator/target/simulator.jar <reference|random> [options]}: replays
 * traffic against any running stack. Exit code 0 when every event was taken in, 1 when
 * some were refused or could not be sent, 2 for a usage error.
 */
public final class SimulatorCli {

	static final String USAGE = """
			Usage: simulator <reference|random> [options]

			  reference            the reference scenario of docs/contract.md: 1,635 open
			                       cases, 599 wanted ... as of %s. Start reporting-service with
			                       --reporting-service.as-of=%s to see its figures.
			  random               random case histories from 2015 to now

			Options:
			  --via kafka|http     publish to the case-intake topic (default) or POST /api/v1/events
			  --bootstrap-servers  Kafka brokers (default 127.0.0.1:9092)
			  --registry-url       schema registry (default http://127.0.0.1:8081)
			  --case-service-url   case-service (default http://127.0.0.1:8080)
			  --credentials FILE   the credentials file of the local stack (default data/credentials.json):
			                       http: its upstream client gets the tokens; kafka: its kafka.upstream
			                       principal signs in to the broker (no credentials if the file is absent)
			  --clients N          HTTP clients at once (default 16)
			  --rate N             at most N events a second (default: as fast as taken)
			  --seed N             random: the seed (default 1); the same seed makes the same cases
			  --cases N            random: how many cases (default 1000, at most 10,000,000)
			  --quiet              no progress lines, only the summary
			""".formatted(ReferenceScenario.AS_OF, ReferenceScenario.AS_OF);

	private SimulatorCli() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
		Options options;
		Traffic traffic;
		IntakePublisher publisher;
		try {
			options = new Options(args, Set.of("quiet", "help"), Set.of("via", "bootstrap-servers", "registry-url",
					"case-service-url", "credentials", "clients", "rate", "seed", "cases"));
			if (options.flag("help") || options.words().size() != 1) {
				(options.flag("help") ? out : err).print(USAGE);
				return options.flag("help") ? 0 : 2;
			}
			traffic = traffic(options);
			publisher = publisher(options);
		}
		catch (IllegalArgumentException ex) {
			err.println("simulator: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		catch (IllegalStateException ex) {
			// No credentials file, or the provider refused: nothing would be taken in.
			err.println("simulator: " + ex.getMessage());
			return 1;
		}
		try (publisher) {
			Replay.Result result = Replay.run(traffic, publisher, options.number("rate", 0, 0, Integer.MAX_VALUE),
					options.flag("quiet") ? null : out);
			if (options.flag("quiet")) {
				out.println(result.summary());
			}
			return result.complete() ? 0 : 1;
		}
	}

	static Traffic traffic(Options options) {
		return switch (options.words().get(0)) {
			case "reference" -> Traffic.reference();
			case "random" -> Traffic.random(options.number("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
					(int) options.number("cases", 1000, 1, 10_000_000), Instant.now());
			default -> throw new IllegalArgumentException("unknown traffic '" + options.words().get(0) + "'");
		};
	}

	/**
	 * The upstream client's tokens, with one asked for now so that a missing file or a
	 * refusal is told once, before any event is sent.
	 */
	private static AccessTokens upstreamTokens(Options options) {
		AccessTokens tokens = AccessTokens.fromCredentialsFile(
				Path.of(options.text("credentials", AccessTokens.DEFAULT_CREDENTIALS_FILE.toString())),
				AccessTokens.UPSTREAM);
		tokens.token();
		return tokens;
	}

	/**
	 * The upstream principal's Kafka settings from the credentials file; none when there
	 * is no such file (a broker that asks no credentials).
	 */
	static Map<String, Object> upstreamKafka(Options options) {
		Path file = Path.of(options.text("credentials", AccessTokens.DEFAULT_CREDENTIALS_FILE.toString()));
		if (!Files.exists(file)) {
			return Map.of();
		}
		return KafkaCredentials.fromCredentialsFile(file, AccessTokens.UPSTREAM);
	}

	static IntakePublisher publisher(Options options) {
		return switch (options.text("via", "kafka")) {
			case "kafka" -> new KafkaIntakePublisher(options.text("bootstrap-servers", "127.0.0.1:9092"),
					options.text("registry-url", "http://127.0.0.1:8081"), upstreamKafka(options));
			case "http" -> new HttpIntakePublisher(options.text("case-service-url", "http://127.0.0.1:8080"),
					(int) options.number("clients", 16, 1, 1024), upstreamTokens(options));
			default -> throw new IllegalArgumentException(
					"--via must be kafka or http, not '" + options.text("via", "") + "'");
		};
	}

}
