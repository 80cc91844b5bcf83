package io.removaltracker.caseservice.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts verdicts as {@code case_intake_events_total}, tagged with the outcome, the event
 * type, the rule broken (or {@code none}) and the channel; and intake records whose HTTP
 * caller could not be verified as {@code case_intake_unverified_principal_total}.
 */
public final class IntakeMetrics implements IntakeListener {

	private final MeterRegistry meters;

	public IntakeMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void accepted(String type, IntakeChannel channel) {
		count("accepted", type, "none", channel);
	}

	@Override
	public void duplicate(String type, IntakeChannel channel) {
		count("duplicate", type, "none", channel);
	}

	@Override
	public void rejected(String type, String rule, IntakeChannel channel) {
		count("rejected", type, rule, channel);
	}

	@Override
	public void unverifiedPrincipal() {
		Counter.builder("case.intake.unverified.principal")
			.description("Intake records naming an HTTP caller without a valid signature; recorded as Kafka events")
			.register(this.meters)
			.increment();
	}

	private void count(String outcome, String type, String reason, IntakeChannel channel) {
		Counter.builder("case.intake.events")
			.description("Intake events decided, by outcome, type, reason and channel")
			.tag("outcome", outcome)
			.tag("type", type)
			.tag("reason", reason)
			.tag("channel", channel.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.meters)
			.increment();
	}

}
