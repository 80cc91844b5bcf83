package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * The figures (docs/contract.md, Figures and Enforcement work) counted by hand from
 * complete histories, written from the contract's words and sharing no code with
 * {@link NationalFigures}: a case's state is its last event's, a case is wanted at an
 * instant when its last raise or clear at or before that instant is a raise (an update
 * leaves it wanted), and a wanted case's review is due a year (three for criminality
 * NONE) after the latest of the spell's start and the reviews completed after the event
 * that raised it. The review date is worked out from the case events here, where the
 * service reads the one the flags carry, so the two meet only in the result.
 * <p>
 * A deliberate independent copy, as an oracle: it shares neither code nor shared
 * definitions ({@code WantedYears}, {@code WantedSpells}) with the service, so a mistake
 * in one shows as a difference in {@link NationalFiguresPropertyTest} instead of being
 * made twice. It counts the whole history by brute force, the way the contract says it,
 * where the service keeps running state. What checks it is that agreement: two counts
 * written apart that agree figure by figure on thousands of histories are unlikely to
 * share a mistake.
 */
final class HandCount {

	final Map<String, Long> figures = new TreeMap<>();

	HandCount(List<RandomHistories.History> histories, Instant asOf) {
		YearMonth firstFlagMonth = null;
		for (RandomHistories.History history : histories) {
			CaseEvent last = history.events().get(history.events().size() - 1);
			CaseState state = last.getCase$();
			boolean wanted = wantedAt(history.flags(), asOf);
			boolean overdue = false;
			if (wanted) {
				WantedFlagEvent raise = lastRaise(history.flags());
				add("wanted.total");
				if (raise.getCriminality() == Criminality.SERIOUS) {
					add("wanted.seriousCriminality");
				}
				add("wanted.byDuration." + band(raise.getWantedSince(), asOf));
				overdue = reviewOverdue(history.events(), raise, state.getCriminality(), asOf);
				if (overdue) {
					add("wanted.overdueReview");
				}
				if (state.getTeam() == null) {
					add("wanted.unassigned");
				}
			}
			for (CaseEvent event : history.events()) {
				if (event.getType() == CaseEventType.NATIONALITY_ESTABLISHED) {
					add("nationalityEstablished.total");
				}
			}
			if (last.getType() == CaseEventType.REMOVED) {
				add("removed.total");
				add("removed.byMonth." + YearMonth.from(last.getOccurredAt().atZone(ZoneOffset.UTC)));
			}
			for (WantedFlagEvent flag : history.flags()) {
				YearMonth month = YearMonth.from(flag.getWantedSince().atZone(ZoneOffset.UTC));
				if (firstFlagMonth == null || month.isBefore(firstFlagMonth)) {
					firstFlagMonth = month;
				}
			}
			if (!state.getOpen()) {
				continue;
			}
			add("openCases");
			add("byStatus." + (wanted ? "WANTED" : state.getCustody().name()));
			if (state.getStayed()) {
				add("stayed");
			}
			if (!wanted && state.getCustody() == Custody.IN_COMMUNITY) {
				for (Condition condition : state.getConditions()) {
					add("supervision." + condition);
				}
			}
			for (String map : List.of("byCriminality." + state.getCriminality(),
					"byNationality." + state.getNationality(), "byRegion." + state.getRegion())) {
				add(map + ".open");
				if (wanted) {
					add(map + ".wanted");
				}
			}
			if (state.getTeam() != null) {
				add("byTeam." + state.getTeam() + ".open");
				if (wanted) {
					add("byTeam." + state.getTeam() + ".wanted");
				}
				if (overdue) {
					add("byTeam." + state.getTeam() + ".overdueReview");
				}
			}
		}
		if (firstFlagMonth != null) {
			YearMonth asOfMonth = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
			for (YearMonth month = firstFlagMonth; !month.isAfter(asOfMonth); month = month.plusMonths(1)) {
				Instant lastInstant = month.plusMonths(1)
					.atDay(1)
					.atStartOfDay()
					.toInstant(ZoneOffset.UTC)
					.minusMillis(1);
				long wantedThen = histories.stream().filter((h) -> wantedAt(h.flags(), lastInstant)).count();
				this.figures.put("wantedTrend." + month, wantedThen);
			}
		}
	}

	private void add(String figure) {
		this.figures.merge(figure, 1L, Long::sum);
	}

	/** Whether the last raise or clear at or before the instant is a raise. */
	private static boolean wantedAt(List<WantedFlagEvent> flags, Instant instant) {
		boolean wanted = false;
		for (WantedFlagEvent flag : flags) {
			if (flag.getType() == WantedFlagEventType.WANTED_FLAG_UPDATED) {
				continue;
			}
			Instant at = (flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) ? flag.getWantedSince()
					: flag.getClearedAt();
			if (!at.isAfter(instant)) {
				wanted = flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED;
			}
		}
		return wanted;
	}

	private static WantedFlagEvent lastRaise(List<WantedFlagEvent> flags) {
		WantedFlagEvent raise = null;
		for (WantedFlagEvent flag : flags) {
			if (flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
				raise = flag;
			}
		}
		return raise;
	}

	/**
	 * Whether the review of the spell that {@code raise} began is due before
	 * {@code asOf}: due one calendar year (UTC; three for criminality NONE) after the
	 * latest of the spell's start and every review completed after the raising event.
	 */
	private static boolean reviewOverdue(List<CaseEvent> events, WantedFlagEvent raise, Criminality criminality,
			Instant asOf) {
		LocalDateTime latest = LocalDateTime.ofInstant(raise.getWantedSince(), ZoneOffset.UTC);
		for (CaseEvent event : events) {
			LocalDateTime at = LocalDateTime.ofInstant(event.getOccurredAt(), ZoneOffset.UTC);
			if (event.getType() == CaseEventType.REVIEW_COMPLETED && event.getSequence() > raise.getCaseSequence()
					&& at.isAfter(latest)) {
				latest = at;
			}
		}
		LocalDateTime due = latest.plusYears((criminality == Criminality.NONE) ? 3 : 1);
		return due.isBefore(LocalDateTime.ofInstant(asOf, ZoneOffset.UTC));
	}

	/**
	 * Whole calendar years from {@code since} to {@code asOf}, counted on a UTC calendar.
	 */
	private static String band(Instant since, Instant asOf) {
		LocalDateTime from = LocalDateTime.ofInstant(since, ZoneOffset.UTC);
		LocalDateTime to = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
		int years = 0;
		while (!from.plusYears(years + 1).isAfter(to)) {
			years++;
		}
		return switch (years) {
			case 0 -> "UNDER_1_YEAR";
			case 1 -> "ONE_TO_TWO_YEARS";
			case 2 -> "TWO_TO_THREE_YEARS";
			default -> "THREE_YEARS_OR_MORE";
		};
	}

}
