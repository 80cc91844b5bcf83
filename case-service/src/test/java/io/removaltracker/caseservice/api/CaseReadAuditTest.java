package io.removaltracker.caseservice.api;

import java.util.Optional;

import io.removaltracker.caseservice.access.AccessAudit;
import io.removaltracker.caseservice.access.ForwardedReads;
import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.caseservice.intake.CaseHistoryStore;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.caseservice.rules.CaseFixtures;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.service.ServiceUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The case reads against a case store and an audit that can fail: no record, no data; a
 * forwarded mark is trusted only when it verifies.
 */
class CaseReadAuditTest {

	private static final String CASE_ID = "C-PR-0001";

	private final CaseQueries queries = mock(CaseQueries.class);

	private final CaseHistoryStore history = mock(CaseHistoryStore.class);

	private final AccessAudit audit = mock(AccessAudit.class);

	private final ForwardedReads forwardedReads = new ForwardedReads(
			SigningKey.fromSecret("a secret every case-service instance shares"), java.time.Clock.systemUTC());

	private MockMvc mvc;

	@BeforeEach
	void aCaseHeldHere() {
		when(this.queries.ownerElsewhere(anyString())).thenReturn(Optional.empty());
		when(this.queries.localHistory(anyString())).thenReturn(this.history);
		when(this.history.last(CASE_ID)).thenReturn(Optional.of(CaseFixtures.aCaseInCommunity()));
		this.mvc = MockMvcBuilders.standaloneSetup(new CasesController(this.queries, this.audit, this.forwardedReads))
			.setControllerAdvice(new ProblemHandling())
			.build();
	}

	@Test
	void aReadThatCannotBeRecordedIs503WithNoData() throws Exception {
		doThrow(new ServiceUnavailableException("access-audit did not take the record")).when(this.audit)
			.record(anyString(), any(), anyString(), anyBoolean());

		MvcResult answer = this.mvc.perform(get("/api/v1/cases/" + CASE_ID)).andReturn();

		assertThat(answer.getResponse().getStatus()).isEqualTo(503);
		assertThat(answer.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(answer.getResponse().getContentAsString()).contains("\"status\":503")
			.doesNotContain("P-000042")
			.doesNotContain("IN_COMMUNITY");
	}

	@Test
	void aReadIsRecordedBeforeTheCaseIsShown() throws Exception {
		MvcResult answer = this.mvc.perform(get("/api/v1/cases/" + CASE_ID)).andReturn();

		assertThat(answer.getResponse().getStatus()).isEqualTo(200);
		verify(this.audit).record("anonymous", AccessAction.READ_CASE, CASE_ID, true);
	}

	@Test
	void aLookUpOfAnUnknownCaseIsRecordedAsNotFound() throws Exception {
		when(this.history.events("C-NONE")).thenReturn(java.util.List.of());

		MvcResult answer = this.mvc.perform(get("/api/v1/cases/C-NONE/events")).andReturn();

		assertThat(answer.getResponse().getStatus()).isEqualTo(404);
		verify(this.audit).record("anonymous", AccessAction.READ_CASE_EVENTS, "C-NONE", false);
	}

	@Test
	void aForwardedMarkMadeUpByTheClientDoesNotSkipTheRecord() throws Exception {
		this.mvc.perform(get("/api/v1/cases/" + CASE_ID).header(CasesController.FORWARDED_HEADER, "1")).andReturn();

		verify(this.audit).record("anonymous", AccessAction.READ_CASE, CASE_ID, true);
		verify(this.audit).forwardNotVerified();
	}

	@Test
	void aReadForwardedWithAValidMarkWasRecordedByTheInstanceThatTookIt() throws Exception {
		String mark = this.forwardedReads.mark("/api/v1/cases/" + CASE_ID, "anonymous");

		MvcResult answer = this.mvc
			.perform(get("/api/v1/cases/" + CASE_ID).header(CasesController.FORWARDED_HEADER, mark))
			.andReturn();

		assertThat(answer.getResponse().getStatus()).isEqualTo(200);
		verify(this.audit, never()).record(anyString(), any(), anyString(), anyBoolean());
	}

}
