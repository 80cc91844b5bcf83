package io.removaltracker.monitoring.flags;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.wanted.WantedFlagEvent;

/** {@code wanted_flag_changes_total{change, reason}} and events seen twice. */
public final class FlagMetrics implements WantedListener {

	private final MeterRegistry meters;

	public FlagMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void changed(WantedFlagEvent change) {
		boolean raised = change.getClearReason() == null;
		Counter.builder("wanted.flag.changes")
			.description("Wanted flags raised and cleared by this instance")
			.tag("change", raised ? "raised" : "cleared")
			.tag("reason", raised ? change.getReason().name() : change.getClearReason().name())
			.register(this.meters)
			.increment();
	}

	@Override
	public void alreadySeen() {
		Counter.builder("wanted.case.events.already.seen")
			.description("Case events skipped because their sequence was applied before (replay, redelivery)")
			.register(this.meters)
			.increment();
	}

}
