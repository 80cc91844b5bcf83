package io.removaltracker.monitoring.flags;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * {@code wanted_flag_changes_total{change, reason}} and events seen twice. A raise or an
 * update is tagged with the hearing missed, a clear with its clear reason.
 */
public final class FlagMetrics implements WantedListener {

	private final MeterRegistry meters;

	public FlagMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void changed(WantedFlagEvent change) {
		Counter.builder("wanted.flag.changes")
			.description("Wanted flags raised, updated and cleared by this instance")
			.tag("change", switch (change.getType()) {
				case WANTED_FLAG_RAISED -> "raised";
				case WANTED_FLAG_UPDATED -> "updated";
				case WANTED_FLAG_CLEARED -> "cleared";
			})
			.tag("reason",
					(change.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED) ? change.getClearReason().name()
							: change.getReason().name())
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
