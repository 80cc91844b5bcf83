package io.removaltracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;

/**
 * The random choices both generators make, with weights that look like the national
 * picture: many people of unknown nationality, most cases in the big cities, office-hours
 * timestamps.
 */
final class Draw {

	private static final String[] NATIONALITIES = { "UNKNOWN", "UNKNOWN", "UNKNOWN", "UNKNOWN", "STATELESS", "JAM",
			"JAM", "HTI", "HTI", "MEX", "MEX", "IND", "IND", "CHN", "SOM", "NGA", "COL", "VNM", "PHL", "IRN", "PAK",
			"USA", "GBR", "ROU", "HND", "SLV", "GTM", "TTO", "GUY", "LKA", "BGD", "ERI", "COD", "DZA", "MAR", "TUR",
			"UKR", "POL", "PRT", "BRA" };

	/** Regions with weights in tenths of a percent, biggest first. */
	private static final Region[] REGIONS = { Region.GREATER_TORONTO, Region.QUEBEC, Region.PACIFIC, Region.PRAIRIE,
			Region.SOUTHERN_ONTARIO, Region.ATLANTIC, Region.NORTHERN_ONTARIO };

	private static final int[] REGION_WEIGHTS = { 300, 200, 160, 120, 100, 65, 55 };

	/**
	 * Enforcement teams per region, in the order of {@link #REGIONS}: few for the whole
	 * country, more where the cases are.
	 */
	private static final int[] TEAMS = { 4, 3, 3, 2, 2, 2, 2 };

	private final Random random;

	Draw(long seed) {
		this.random = new Random(seed);
	}

	int below(int bound) {
		return this.random.nextInt(bound);
	}

	/** True with the given chance, 0 to 1. */
	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	String nationality() {
		return NATIONALITIES[below(NATIONALITIES.length)];
	}

	/**
	 * A country a nationality can be established as: one of the known nationalities,
	 * never {@code UNKNOWN} or {@code STATELESS}.
	 */
	String country() {
		String nationality = nationality();
		while (!Nationality.isCountryCode(nationality)) {
			nationality = nationality();
		}
		return nationality;
	}

	/** A country other than {@code current}. */
	String countryOtherThan(String current) {
		String country = country();
		while (country.equals(current)) {
			country = country();
		}
		return country;
	}

	/**
	 * One of the region's enforcement teams, named after it: {@code GREATER-TORONTO-3},
	 * {@code ATLANTIC-1}.
	 */
	String team(Region region) {
		return teamName(region, 1 + below(teamCount(region)));
	}

	/** Another of the region's teams than {@code current}. */
	String teamOtherThan(Region region, String current) {
		String team = team(region);
		while (team.equals(current)) {
			team = team(region);
		}
		return team;
	}

	private static int teamCount(Region region) {
		return TEAMS[List.of(REGIONS).indexOf(region)];
	}

	private static String teamName(Region region, int number) {
		return region.name().replace('_', '-') + "-" + number;
	}

	Region region() {
		int roll = below(1000);
		for (int i = 0; i < REGIONS.length; i++) {
			roll -= REGION_WEIGHTS[i];
			if (roll < 0) {
				return REGIONS[i];
			}
		}
		return REGIONS[0];
	}

	Criminality criminality(double serious, double criminal) {
		double roll = this.random.nextDouble();
		return (roll < serious) ? Criminality.SERIOUS
				: (roll < serious + criminal) ? Criminality.CRIMINAL : Criminality.NONE;
	}

	OrderType orderType(Criminality criminality) {
		if (criminality != Criminality.NONE) {
			return chance(0.9) ? OrderType.DEPORTATION : OrderType.EXCLUSION;
		}
		return chance(0.6) ? OrderType.DEPARTURE : OrderType.EXCLUSION;
	}

	List<Condition> supervision() {
		int roll = below(100);
		return (roll < 70) ? List.of(Condition.REPORTING)
				: (roll < 85) ? List.of(Condition.REPORTING, Condition.ELECTRONIC_MONITORING)
						: List.of(Condition.ELECTRONIC_MONITORING);
	}

	HearingType missedHearingType() {
		int roll = below(100);
		return (roll < 55) ? HearingType.REPORTING : (roll < 75) ? HearingType.REMOVAL_INTERVIEW
				: (roll < 90) ? HearingType.REMOVAL : HearingType.ADMISSIBILITY;
	}

	HearingType hearingType() {
		return HearingType.values()[below(HearingType.values().length)];
	}

	/**
	 * When a wanted person's warrant is next reviewed after {@code last} (the flag or the
	 * previous review): it is due one year on (three for criminality {@code NONE}); most
	 * reviews come from two months early to a month late, but now and then the file slips
	 * and it comes two to eighteen months late.
	 */
	Instant review(Instant last, Criminality criminality) {
		int years = (criminality == Criminality.NONE) ? 3 : 1;
		Instant due = last.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
		return chance(0.8) ? due.minus(Duration.ofDays(60)).plus(Duration.ofMinutes(below(90 * 24 * 60)))
				: due.plus(Duration.ofDays(60)).plus(Duration.ofMinutes(below(480 * 24 * 60)));
	}

	<E> E pick(E[] values) {
		return values[below(values.length)];
	}

	/**
	 * A moment on a day from {@code from} to {@code to} inclusive, in office hours (UTC).
	 */
	Instant day(LocalDate from, LocalDate to) {
		long days = to.toEpochDay() - from.toEpochDay();
		if (days < 0) {
			throw new IllegalArgumentException(from + " is after " + to);
		}
		LocalDate day = from.plusDays((days == 0) ? 0 : this.random.nextLong(days + 1));
		return day.atStartOfDay(ZoneOffset.UTC)
			.toInstant()
			.plus(Duration.ofMinutes(13 * 60 + below(9 * 60)))
			.plusSeconds(below(60));
	}

	/**
	 * A moment strictly between two others, at least a day from each where there is room.
	 */
	Instant between(Instant after, Instant before) {
		long gap = Duration.between(after, before).toSeconds();
		if (gap <= 2) {
			throw new IllegalArgumentException("no room between " + after + " and " + before);
		}
		long margin = Math.max(1, Math.min(86_400, gap / 4));
		return after.plusSeconds(margin + this.random.nextLong(Math.max(1, gap - 2 * margin)));
	}

	/**
	 * {@code count} moments, in order, strictly between two others, spread over the gap.
	 */
	Instant[] spread(Instant after, Instant before, int count) {
		Instant[] moments = new Instant[count];
		Duration slot = Duration.between(after, before).dividedBy(count + 1);
		for (int i = 0; i < count; i++) {
			Instant start = after.plus(slot.multipliedBy(i + 1));
			moments[i] = between(start.minus(slot.dividedBy(2)), start.plus(slot.dividedBy(2)));
		}
		return moments;
	}

}
