package io.removaltracker.reporting.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

import io.removaltracker.events.cases.AssignedToTeam;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.cases.NationalityEstablished;
import io.removaltracker.events.cases.ReviewCompleted;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * Random valid case histories, as case-service and monitoring-service would write them:
 * each case walks the contract's state machine from 2015 on (the enforcement work's
 * nationality, team and review events included), and its flags follow the wanted rule:
 * raised, updated while wanted when the nationality, the team or the review date changes,
 * and cleared, each carrying the review date of docs/contract.md, Enforcement work.
 * <p>
 * A deliberate copy of both rules, as a test generator: reporting-service may not depend
 * on the services that own them, and it writes canonical events and flags directly, with
 * only what the figures read (other payloads are placeholders).
 * {@link RandomHistoriesTest} checks every history against the simulator's
 * {@code CaseScript}, which the owning services' tests hold to the real rules. The review
 * dates on the flags are not in what the script follows; they are checked by
 * {@link NationalFiguresPropertyTest}, whose hand count works them out from the review
 * events instead.
 */
public final class RandomHistories {

	/** One case: its canonical events and its flag changes, each in order. */
	public record History(String caseId, List<CaseEvent> events, List<WantedFlagEvent> flags) {
	}

	static final List<String> NATIONALITIES = List.of("UNKNOWN", "STATELESS", "HTI", "JAM", "SOM", "IND", "CHN", "MEX");

	static final List<String> TEAMS = List.of("GTA-EAST-1", "GTA-WEST-2", "QC-MTL-1", "PAC-VAN-3", "ATL-HFX-1");

	private static final Instant START = Instant.parse("2015-01-01T00:00:00Z");

	private RandomHistories() {
	}

	public static List<History> generate(long seed, int cases, Instant notAfter) {
		Random random = new Random(seed);
		List<History> histories = new ArrayList<>();
		for (int i = 0; i < cases; i++) {
			histories.add(aCase(random, "R-" + seed + "-" + i, notAfter));
		}
		return histories;
	}

	private static History aCase(Random random, String caseId, Instant notAfter) {
		List<CaseEvent> events = new ArrayList<>();
		List<WantedFlagEvent> flags = new ArrayList<>();
		Custody custody = pick(random, Custody.values());
		CaseState state = CaseState.newBuilder()
			.setPersonId("P-" + caseId)
			.setNationality(NATIONALITIES.get(random.nextInt(NATIONALITIES.size())))
			.setCriminality(pick(random, Criminality.values()))
			.setOrderType(pick(random, OrderType.values()))
			.setRegion(pick(random, Region.values()))
			.setCustody(custody)
			.setConditions(conditions(random, custody))
			.setStayed(false)
			.setOpen(true)
			.setOpenedAt(START.plus(Duration.ofMinutes(random.nextInt(9 * 365 * 24 * 60))))
			.build();
		Instant time = state.getOpenedAt();
		events.add(event(caseId, 1, CaseEventType.CASE_OPENED, time, state, null));
		WantedFlagEvent flag = null;
		Instant lastReviewed = null;
		int steps = random.nextInt(14);
		for (int step = 0; step < steps && state.getOpen(); step++) {
			time = time.plus(Duration.ofMinutes(1 + random.nextInt(400 * 24 * 60)));
			if (time.isAfter(notAfter)) {
				break;
			}
			CaseEventType type = pick(random, CaseEventType.values());
			CaseState after = next(random, type, state);
			if (after == null) {
				continue;
			}
			CaseEvent event = event(caseId, events.size() + 1, type, time, after, state);
			events.add(event);
			state = after;
			if (type == CaseEventType.HEARING_MISSED && flag == null && after.getCustody() == Custody.IN_COMMUNITY) {
				lastReviewed = time;
				flag = raise(event, reviewDue(lastReviewed, after.getCriminality()));
				flags.add(flag);
			}
			else if (flag != null && (type == CaseEventType.ARRESTED || type == CaseEventType.IMPRISONED
					|| type == CaseEventType.REMOVED || type == CaseEventType.CASE_CLOSED)) {
				ClearReason reason = (type == CaseEventType.ARRESTED || type == CaseEventType.IMPRISONED)
						? ClearReason.LOCATED : ClearReason.CASE_CLOSED;
				flags.add(clear(event, flag, reason));
				flag = null;
			}
			else if (flag != null) {
				if (type == CaseEventType.REVIEW_COMPLETED && time.isAfter(lastReviewed)) {
					lastReviewed = time;
				}
				Instant reviewDue = reviewDue(lastReviewed, after.getCriminality());
				if (!reviewDue.equals(flag.getReviewDue()) || !after.getNationality().equals(flag.getNationality())
						|| !Objects.equals(after.getTeam(), flag.getTeam())) {
					flag = update(event, flag, reviewDue);
					flags.add(flag);
				}
			}
		}
		return new History(caseId, events, flags);
	}

	/**
	 * The state after an event of the type, or null when the contract does not accept it
	 * now.
	 */
	private static CaseState next(Random random, CaseEventType type, CaseState state) {
		Custody custody = state.getCustody();
		CaseState.Builder after = CaseState.newBuilder(state);
		switch (type) {
			case CASE_OPENED:
				return null;
			case HEARING_SCHEDULED, HEARING_ATTENDED, HEARING_MISSED:
				return after.build();
			case ARRESTED:
				return (custody == Custody.IN_COMMUNITY)
						? after.setCustody(Custody.DETAINED).setConditions(List.of()).build() : null;
			case IMPRISONED:
				return (custody != Custody.IN_PRISON)
						? after.setCustody(Custody.IN_PRISON).setConditions(List.of()).build() : null;
			case RELEASED_FROM_PRISON:
				if (custody != Custody.IN_PRISON) {
					return null;
				}
				Custody to = random.nextBoolean() ? Custody.DETAINED : Custody.IN_COMMUNITY;
				return after.setCustody(to).setConditions(conditions(random, to)).build();
			case RELEASED_ON_CONDITIONS:
				return (custody == Custody.DETAINED) ? after.setCustody(Custody.IN_COMMUNITY)
					.setConditions(conditions(random, Custody.IN_COMMUNITY))
					.build() : null;
			case REMOVAL_STAYED:
				return state.getStayed() ? null : after.setStayed(true).build();
			case STAY_LIFTED:
				return state.getStayed() ? after.setStayed(false).build() : null;
			case REMOVED:
				return (custody != Custody.IN_PRISON && !state.getStayed()) ? after.setOpen(false).build() : null;
			case CASE_CLOSED:
				return (random.nextInt(3) == 0) ? after.setOpen(false).build() : null;
			case NATIONALITY_ESTABLISHED:
				String nationality = NATIONALITIES.get(1 + random.nextInt(NATIONALITIES.size() - 1));
				return nationality.equals(state.getNationality()) ? null : after.setNationality(nationality).build();
			case ASSIGNED_TO_TEAM:
				String team = TEAMS.get(random.nextInt(TEAMS.size()));
				return team.equals(state.getTeam()) ? null : after.setTeam(team).build();
			case REVIEW_COMPLETED:
				return after.build();
			default:
				return null;
		}
	}

	private static CaseEvent event(String caseId, long sequence, CaseEventType type, Instant at, CaseState after,
			CaseState before) {
		Object payload = switch (type) {
			case HEARING_MISSED -> new HearingMissed("H-" + sequence, HearingType.REPORTING, at);
			case NATIONALITY_ESTABLISHED -> new NationalityEstablished(after.getNationality());
			case ASSIGNED_TO_TEAM -> new AssignedToTeam(after.getTeam());
			case REVIEW_COMPLETED -> new ReviewCompleted();
			default -> new io.removaltracker.events.cases.StayLifted();
		};
		return CaseEvent.newBuilder()
			.setEventId(UUID.nameUUIDFromBytes((caseId + "/" + sequence).getBytes()).toString())
			.setCaseId(caseId)
			.setSequence(sequence)
			.setType(type)
			.setOccurredAt(at)
			.setRecordedAt(at)
			.setPayload(payload)
			.setCase$(after)
			.build();
	}

	private static WantedFlagEvent raise(CaseEvent event, Instant reviewDue) {
		CaseState state = event.getCase$();
		return WantedFlagEvent.newBuilder()
			.setCaseId(event.getCaseId())
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(event.getOccurredAt())
			.setReason(HearingType.REPORTING)
			.setCriminality(state.getCriminality())
			.setNationality(state.getNationality())
			.setRegion(state.getRegion())
			.setCaseSequence(event.getSequence())
			.setTeam(state.getTeam())
			.setReviewDue(reviewDue)
			.build();
	}

	private static WantedFlagEvent update(CaseEvent event, WantedFlagEvent flag, Instant reviewDue) {
		return WantedFlagEvent.newBuilder(flag)
			.setType(WantedFlagEventType.WANTED_FLAG_UPDATED)
			.setNationality(event.getCase$().getNationality())
			.setTeam(event.getCase$().getTeam())
			.setReviewDue(reviewDue)
			.setCaseSequence(event.getSequence())
			.build();
	}

	private static WantedFlagEvent clear(CaseEvent event, WantedFlagEvent flag, ClearReason reason) {
		return WantedFlagEvent.newBuilder(flag)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(event.getOccurredAt())
			.setClearReason(reason)
			.setCaseSequence(event.getSequence())
			.build();
	}

	/**
	 * A year after the last review (or the start of the spell) for SERIOUS and CRIMINAL
	 * cases, three for the others, in UTC calendar years.
	 */
	private static Instant reviewDue(Instant lastReviewed, Criminality criminality) {
		return lastReviewed.atOffset(ZoneOffset.UTC).plusYears((criminality == Criminality.NONE) ? 3 : 1).toInstant();
	}

	private static List<Condition> conditions(Random random, Custody custody) {
		if (custody != Custody.IN_COMMUNITY) {
			return List.of();
		}
		return switch (random.nextInt(4)) {
			case 0 -> List.of();
			case 1 -> List.of(Condition.REPORTING);
			case 2 -> List.of(Condition.ELECTRONIC_MONITORING);
			default -> List.of(Condition.REPORTING, Condition.ELECTRONIC_MONITORING);
		};
	}

	private static <E> E pick(Random random, E[] values) {
		return values[random.nextInt(values.length)];
	}

}
