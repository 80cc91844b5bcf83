package io.removaltracker.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.intake.IntakeEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeEventJsonTest {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void writesTheContractsFieldsFlat() throws Exception {
		CaseScript script = new CaseScript("C-1");
		script.open(Instant.parse("2020-01-02T10:00:00Z"), "UNKNOWN", Criminality.SERIOUS, OrderType.DEPORTATION,
				Region.QUEBEC, Custody.IN_COMMUNITY, List.of(Condition.REPORTING));
		String hearing = script.schedule(Instant.parse("2020-02-01T10:00:00Z"),
				io.removaltracker.events.common.HearingType.REPORTING, Instant.parse("2020-03-01T14:00:00Z"));
		script.miss(Instant.parse("2020-03-01T15:00:00Z"), hearing);
		script.imprison(Instant.parse("2020-04-01T15:00:00Z"), LocalDate.of(2022, 4, 1));
		List<IntakeEvent> events = script.events();

		JsonNode opened = this.mapper.readTree(IntakeEventJson.write(events.get(0)));
		assertThat(opened.get("eventId").asText()).isEqualTo(events.get(0).getEventId());
		assertThat(opened.get("caseId").asText()).isEqualTo("C-1");
		assertThat(opened.get("type").asText()).isEqualTo("CASE_OPENED");
		assertThat(opened.get("occurredAt").asText()).isEqualTo("2020-01-02T10:00:00Z");
		assertThat(opened.get("source").asText()).isEqualTo("officer-tool");
		assertThat(opened.get("nationality").asText()).isEqualTo("UNKNOWN");
		assertThat(opened.get("custody").asText()).isEqualTo("IN_COMMUNITY");
		assertThat(opened.get("conditions").get(0).asText()).isEqualTo("REPORTING");

		JsonNode scheduled = this.mapper.readTree(IntakeEventJson.write(events.get(1)));
		assertThat(scheduled.get("scheduledFor").asText()).isEqualTo("2020-03-01T14:00:00Z");
		JsonNode missed = this.mapper.readTree(IntakeEventJson.write(events.get(2)));
		assertThat(missed.has("hearingType")).isFalse();
		assertThat(missed.get("hearingId").asText()).isEqualTo(hearing);
		JsonNode imprisoned = this.mapper.readTree(IntakeEventJson.write(events.get(3)));
		assertThat(imprisoned.get("expectedRelease").asText()).isEqualTo("2022-04-01");
		assertThat(imprisoned.get("source").asText()).isEqualTo("corrections-feed");
	}

	@Test
	void writesTheEnforcementEventsOfSection8() throws Exception {
		CaseScript script = new CaseScript("C-3");
		script.open(Instant.parse("2020-01-02T10:00:00Z"), "UNKNOWN", Criminality.CRIMINAL, OrderType.DEPORTATION,
				Region.GREATER_TORONTO, Custody.IN_COMMUNITY, List.of(Condition.REPORTING));
		script.assignTeam(Instant.parse("2020-01-03T10:00:00Z"), "GREATER-TORONTO-2");
		script.establishNationality(Instant.parse("2020-06-01T10:00:00Z"), "HTI");
		script.completeReview(Instant.parse("2020-07-01T10:00:00Z"));
		List<IntakeEvent> events = script.events();

		JsonNode assigned = this.mapper.readTree(IntakeEventJson.write(events.get(1)));
		assertThat(assigned.get("type").asText()).isEqualTo("ASSIGNED_TO_TEAM");
		assertThat(assigned.get("team").asText()).isEqualTo("GREATER-TORONTO-2");
		JsonNode established = this.mapper.readTree(IntakeEventJson.write(events.get(2)));
		assertThat(established.get("type").asText()).isEqualTo("NATIONALITY_ESTABLISHED");
		assertThat(established.get("nationality").asText()).isEqualTo("HTI");
		JsonNode reviewed = this.mapper.readTree(IntakeEventJson.write(events.get(3)));
		assertThat(reviewed.get("type").asText()).isEqualTo("REVIEW_COMPLETED");
		assertThat(reviewed.properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("eventId", "caseId", "type", "occurredAt", "source");
	}

	@Test
	void aScriptRefusesWhatTheContractRefuses() {
		CaseScript script = new CaseScript("C-2");
		script.open(Instant.parse("2020-01-02T10:00:00Z"), "JAM", Criminality.CRIMINAL, OrderType.DEPORTATION,
				Region.PACIFIC, Custody.IN_PRISON, List.of());
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.remove(Instant.parse("2020-02-01T10:00:00Z"), "JAM"))
			.hasMessageContaining("in prison cannot be removed");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.arrest(Instant.parse("2020-02-01T10:00:00Z"),
					io.removaltracker.events.common.ArrestedBy.CBSA))
			.hasMessageContaining("only a person in the community");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.attend(Instant.parse("2019-02-01T10:00:00Z"), "H"))
			.hasMessageContaining("must come after");
		script.assignTeam(Instant.parse("2020-01-03T10:00:00Z"), "PACIFIC-1");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.assignTeam(Instant.parse("2020-01-04T10:00:00Z"), "PACIFIC-1"))
			.hasMessageContaining("already assigned");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.establishNationality(Instant.parse("2020-01-04T10:00:00Z"), "JAM"))
			.hasMessageContaining("already JAM");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.establishNationality(Instant.parse("2020-01-04T10:00:00Z"), "UNKNOWN"))
			.isInstanceOf(IllegalArgumentException.class);
		script.close(Instant.parse("2020-02-01T10:00:00Z"), io.removaltracker.events.common.CloseReason.ORDER_VOID);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> script.completeReview(Instant.parse("2020-03-01T10:00:00Z")))
			.hasMessageContaining("not open");
	}

}
