package io.removaltracker.caseservice.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.removaltracker.caseservice.rules.FieldErrors;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.intake.Arrested;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseClosed;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.HearingAttended;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.HearingScheduled;
import io.removaltracker.events.intake.Imprisoned;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.ReleasedOnConditions;
import io.removaltracker.events.intake.RemovalStayed;
import io.removaltracker.events.intake.Removed;
import io.removaltracker.events.intake.ReviewCompleted;
import io.removaltracker.events.intake.StayLifted;
import tools.jackson.databind.JsonNode;

/**
 * Reads an intake event from its JSON (docs/contract.md, Intake) into the Avro record the
 * Kafka intake carries, collecting a message for every field that is missing, of the
 * wrong JSON type, or not one of the allowed values. Instants keep millisecond precision,
 * as the Avro records do. Unknown fields are ignored, so upstream systems can send more
 * than the contract asks.
 */
final class IntakeJson {

	private final JsonNode json;

	private final FieldErrors errors = new FieldErrors();

	private IntakeJson(JsonNode json) {
		this.json = json;
	}

	/** The event, or null with {@code errors} saying why. */
	static IntakeEvent read(JsonNode json, FieldErrors errors) {
		IntakeJson reader = new IntakeJson(json);
		IntakeEvent event = reader.event();
		reader.errors.asMap().forEach(errors::add);
		return reader.errors.isEmpty() ? event : null;
	}

	private IntakeEvent event() {
		String eventId = text("eventId", true);
		String caseId = text("caseId", true);
		CaseEventType type = enumValue("type", CaseEventType.class, true);
		Instant occurredAt = instant("occurredAt", true);
		String source = text("source", false);
		Object payload = (type == null) ? null : payload(type);
		if (!this.errors.isEmpty()) {
			return null;
		}
		return IntakeEvent.newBuilder()
			.setEventId(eventId)
			.setCaseId(caseId)
			.setType(type)
			.setOccurredAt(occurredAt)
			.setSource(source)
			.setPayload(payload)
			.build();
	}

	private Object payload(CaseEventType type) {
		return switch (type) {
			case CASE_OPENED -> new CaseOpened(text("personId", true), text("nationality", true),
					enumValue("criminality", Criminality.class, true), enumValue("orderType", OrderType.class, true),
					enumValue("region", Region.class, true), enumValue("custody", Custody.class, true),
					conditions(false));
			case HEARING_SCHEDULED -> new HearingScheduled(text("hearingId", true),
					enumValue("hearingType", HearingType.class, true), instant("scheduledFor", true));
			case HEARING_ATTENDED -> new HearingAttended(text("hearingId", true));
			case HEARING_MISSED -> new HearingMissed(text("hearingId", true),
					enumValue("hearingType", HearingType.class, false), instant("scheduledFor", false));
			case ARRESTED -> new Arrested(enumValue("arrestedBy", ArrestedBy.class, true));
			case IMPRISONED -> new Imprisoned(date("expectedRelease"));
			case RELEASED_FROM_PRISON ->
				new ReleasedFromPrison(enumValue("releasedTo", ReleasedTo.class, true), conditions(false));
			case RELEASED_ON_CONDITIONS -> new ReleasedOnConditions(conditions(true));
			case REMOVAL_STAYED -> new RemovalStayed(enumValue("stayReason", StayReason.class, true));
			case STAY_LIFTED -> new StayLifted();
			case REMOVED -> new Removed(text("destinationCountry", false));
			case CASE_CLOSED -> new CaseClosed(enumValue("closeReason", CloseReason.class, true));
			case NATIONALITY_ESTABLISHED -> new NationalityEstablished(text("nationality", true));
			case ASSIGNED_TO_TEAM -> new AssignedToTeam(text("team", true));
			case REVIEW_COMPLETED -> new ReviewCompleted();
		};
	}

	private JsonNode field(String name, boolean required) {
		JsonNode node = this.json.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				this.errors.add(name, "is required");
			}
			return null;
		}
		return node;
	}

	private String text(String name, boolean required) {
		JsonNode node = field(name, required);
		if (node == null) {
			return null;
		}
		if (!node.isString()) {
			this.errors.add(name, "must be a string, not " + jsonType(node));
			return null;
		}
		return node.asString();
	}

	private Instant instant(String name, boolean required) {
		String text = text(name, required);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
		}
		catch (DateTimeParseException ex) {
			this.errors.add(name, "must be an ISO-8601 instant such as 2024-05-14T13:00:00Z");
			return null;
		}
	}

	private LocalDate date(String name) {
		String text = text(name, false);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			this.errors.add(name, "must be an ISO-8601 date such as 2026-01-31");
			return null;
		}
	}

	private <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
		String text = text(name, required);
		if (text == null) {
			return null;
		}
		return parseEnum(name, text, type);
	}

	private <E extends Enum<E>> E parseEnum(String name, String text, Class<E> type) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(text)) {
				return constant;
			}
		}
		this.errors.add(name, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + text + "'");
		return null;
	}

	private List<Condition> conditions(boolean required) {
		JsonNode node = field("conditions", required);
		if (node == null) {
			return List.of();
		}
		if (!node.isArray()) {
			this.errors.add("conditions", "must be an array such as [\"REPORTING\"], not " + jsonType(node));
			return List.of();
		}
		List<Condition> conditions = new ArrayList<>();
		for (JsonNode item : node) {
			if (!item.isString()) {
				this.errors.add("conditions", "must hold strings, not " + jsonType(item));
				return List.of();
			}
			Condition condition = parseEnum("conditions", item.asString(), Condition.class);
			if (condition != null && !conditions.contains(condition)) {
				conditions.add(condition);
			}
		}
		return conditions;
	}

	private static String jsonType(JsonNode node) {
		return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
	}

}
