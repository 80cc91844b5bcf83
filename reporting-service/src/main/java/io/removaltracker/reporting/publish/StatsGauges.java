package io.removaltracker.reporting.publish;

import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.figures.DurationBand;
import io.removaltracker.reporting.figures.Status;

/**
 * The headline figures as Prometheus gauges, read from the latest snapshot at each
 * scrape; not a number until the feed has caught up. Teams are not a fixed list, so the
 * per-team workload stays in the JSON, the stream and {@code case-stats}: a gauge per
 * team would have to be registered as each team appears and would linger after it goes.
 */
public final class StatsGauges implements MeterBinder {

	private final LatestFigures latest;

	public StatsGauges(LatestFigures latest) {
		this.latest = latest;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		gauge(meters, "stats.open.cases", "Open cases", StatsSnapshot::getOpenCases);
		gauge(meters, "stats.wanted", "Cases wanted now", (s) -> s.getWanted().getTotal());
		gauge(meters, "stats.wanted.serious", "Cases wanted now with SERIOUS criminality",
				(s) -> s.getWanted().getSeriousCriminality());
		gauge(meters, "stats.wanted.three.years.or.more", "Cases wanted three years or more",
				(s) -> s.getWanted().getByDuration().getOrDefault(DurationBand.THREE_YEARS_OR_MORE.name(), 0L));
		gauge(meters, "stats.wanted.overdue.review", "Cases wanted now whose review is overdue",
				(s) -> orZero(s.getWanted().getOverdueReview()));
		gauge(meters, "stats.wanted.unassigned", "Cases wanted now with no team",
				(s) -> orZero(s.getWanted().getUnassigned()));
		gauge(meters, "stats.nationality.established", "NATIONALITY_ESTABLISHED events accepted, all time",
				(s) -> (s.getNationalityEstablished() != null) ? s.getNationalityEstablished().getTotal() : 0L);
		gauge(meters, "stats.stayed", "Open cases whose removal is stayed", StatsSnapshot::getStayed);
		gauge(meters, "stats.removed", "Cases removed, all time", (s) -> s.getRemoved().getTotal());
		for (Status status : Status.values()) {
			Gauge
				.builder("stats.status", this,
						(gauges) -> gauges.figure((s) -> s.getByStatus().getOrDefault(status.name(), 0L)))
				.description("Open cases by status")
				.tag("status", status.name())
				.register(meters);
		}
	}

	private static long orZero(Long figure) {
		return (figure != null) ? figure : 0L;
	}

	private void gauge(MeterRegistry meters, String name, String description, ToLongFunction<StatsSnapshot> figure) {
		Gauge.builder(name, this, (gauges) -> gauges.figure(figure)).description(description).register(meters);
	}

	private double figure(ToLongFunction<StatsSnapshot> figure) {
		return this.latest.now().map((snapshot) -> (double) figure.applyAsLong(snapshot)).orElse(Double.NaN);
	}

}
