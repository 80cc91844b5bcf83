package io.removaltracker.monitoring.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.monitoring.flags.WantedList;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The wanted list's JSON (docs/contract.md, Wanted flags and Enforcement work): written
 * from these records and documented from them, so the API document shows what is sent.
 */
final class WantedJson {

	private WantedJson() {
	}

	@Schema(name = "WantedPage", description = "A page of the wanted list")
	record Page(
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "Wanted cases matching the filters, on every page") long total,
			@Schema(requiredMode = RequiredMode.REQUIRED) List<Entry> items) {

		static Page of(WantedList.Page page) {
			return new Page(page.total(), page.items().stream().map(Entry::of).toList());
		}

	}

	@Schema(name = "WantedEntry", description = "A case wanted now")
	record Entry(@Schema(requiredMode = RequiredMode.REQUIRED) String caseId,
			@Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time",
					description = "occurredAt of the missed hearing that raised the flag") String wantedSince,
			@Schema(requiredMode = RequiredMode.REQUIRED, implementation = HearingType.class,
					description = "The type of the missed hearing") String reason,
			@Schema(requiredMode = RequiredMode.REQUIRED) Criminality criminality,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "ISO 3166-1 alpha-3, UNKNOWN or STATELESS") String nationality,
			@Schema(requiredMode = RequiredMode.REQUIRED) Region region,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
					description = "The team the case is assigned to; left out while unassigned") String team,
			@Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time",
					description = "When the warrant is next due for review") String reviewDue) {

		static Entry of(WantedList.Entry entry) {
			return new Entry(entry.caseId(), entry.wantedSince().toString(), entry.reason(), entry.criminality(),
					entry.nationality(), entry.region(), entry.team(), entry.reviewDue().toString());
		}

	}

}
