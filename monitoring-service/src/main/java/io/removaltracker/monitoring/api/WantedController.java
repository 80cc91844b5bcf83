package io.removaltracker.monitoring.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.Team;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Region;
import io.removaltracker.monitoring.flags.WantedList;
import io.removaltracker.monitoring.flags.WantedQueries;
import io.removaltracker.service.ProblemException;
import io.removaltracker.service.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wanted list (docs/contract.md, Wanted flags and Enforcement work): each entry with
 * its team and review date, the filters and the priority order officers work by. Every
 * query parameter is checked; a bad one is a 400 problem naming it.
 */
@RestController
class WantedController {

	private static final String WANTED_PAGE = """
			{"total": 1, "items": [{"caseId": "C-2024-000117", "wantedSince": "2024-06-03T09:30:00Z",
			 "reason": "REPORTING", "criminality": "CRIMINAL", "nationality": "HTI", "region": "GREATER_TORONTO",
			 "team": "GTA-EAST-2", "reviewDue": "2025-06-03T09:30:00Z"}]}""";

	private final WantedQueries queries;

	private final Clock clock;

	WantedController(WantedQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping(path = "/api/v1/wanted", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The cases wanted now, filtered and paged",
			description = "Oldest wantedSince first (then caseId), or by priority: overdue reviews first, then "
					+ "criminality SERIOUS, CRIMINAL, NONE, then oldest first.")
	@Parameter(name = "criminality", in = ParameterIn.QUERY, schema = @Schema(implementation = Criminality.class))
	@Parameter(name = "region", in = ParameterIn.QUERY, schema = @Schema(implementation = Region.class))
	@Parameter(name = "nationality", in = ParameterIn.QUERY, description = Nationality.EXPECTED)
	@Parameter(name = "minYears", in = ParameterIn.QUERY, description = "Wanted at least this many calendar years",
			schema = @Schema(type = "integer", minimum = "0", maximum = "200"))
	@Parameter(name = "team", in = ParameterIn.QUERY, description = Team.EXPECTED)
	@Parameter(name = "unassigned", in = ParameterIn.QUERY, description = "Only the cases with no team",
			schema = @Schema(type = "string", allowableValues = "true"))
	@Parameter(name = "overdueReview", in = ParameterIn.QUERY, description = "Only the cases whose review is overdue",
			schema = @Schema(type = "string", allowableValues = "true"))
	@Parameter(name = "sort", in = ParameterIn.QUERY, description = "Left out: oldest first",
			schema = @Schema(type = "string", allowableValues = "priority"))
	@Parameter(name = "page", in = ParameterIn.QUERY, description = "From 0",
			schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
	@Parameter(name = "size", in = ParameterIn.QUERY,
			schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
	@ApiResponse(responseCode = "200", description = "The page asked for, and how many match",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WantedJson.Page.class),
					examples = @ExampleObject(name = "one wanted case", value = WANTED_PAGE)))
	@ProblemResponse(status = 400, when = "A query parameter is out of range (errors names it)")
	WantedJson.Page list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
		return WantedJson.Page.of(this.queries.find(query(params), this.clock.instant()));
	}

	@GetMapping(path = "/api/v1/wanted/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "One case, if it is wanted now")
	@ApiResponse(responseCode = "200", description = "The case is wanted now",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WantedJson.Entry.class)))
	@ProblemResponse(status = 404, when = "The case is not wanted now (or does not exist)")
	WantedJson.Entry one(@PathVariable String caseId) {
		return this.queries.entry(caseId)
			.map(WantedJson.Entry::of)
			.orElseThrow(() -> new ProblemException(404, "not-wanted", "Not wanted",
					"Case " + caseId + " is not wanted now"));
	}

	private static WantedList.Query query(Map<String, String> params) {
		Map<String, String> errors = new LinkedHashMap<>();
		Criminality criminality = parse(params, "criminality", errors, (text) -> Enum.valueOf(Criminality.class, text),
				"one of SERIOUS, CRIMINAL, NONE");
		Region region = parse(params, "region", errors, (text) -> Enum.valueOf(Region.class, text),
				"one of ATLANTIC, QUEBEC, NORTHERN_ONTARIO, GREATER_TORONTO, SOUTHERN_ONTARIO, PRAIRIE, PACIFIC");
		String nationality = parse(params, "nationality", errors, WantedController::nationality, Nationality.EXPECTED);
		Integer minYears = parse(params, "minYears", errors, (text) -> wholeNumber(text, 0, 200),
				"a whole number of years from 0 to 200");
		String team = parse(params, "team", errors, WantedController::team, Team.EXPECTED);
		Boolean unassigned = parse(params, "unassigned", errors, WantedController::onlyTrue, "true");
		Boolean overdue = parse(params, "overdueReview", errors, WantedController::onlyTrue, "true");
		WantedList.Order order = parse(params, "sort", errors, WantedController::order, "priority");
		Integer page = parse(params, "page", errors, (text) -> wholeNumber(text, 0, Integer.MAX_VALUE),
				"a whole number from 0");
		Integer size = parse(params, "size", errors, (text) -> wholeNumber(text, 1, 1000),
				"a whole number from 1 to 1000");
		if (!errors.isEmpty()) {
			throw new ProblemException(400, "invalid-query", "Invalid query",
					"Query parameters out of range: " + String.join(", ", errors.keySet()), errors);
		}
		return new WantedList.Query(criminality, region, nationality, minYears, team, Boolean.TRUE.equals(unassigned),
				Boolean.TRUE.equals(overdue), (order == null) ? WantedList.Order.OLDEST_FIRST : order,
				(page == null) ? 0 : page, (size == null) ? 100 : size);
	}

	private static <T> T parse(Map<String, String> params, String name, Map<String, String> errors,
			Function<String, T> parser, String expected) {
		String text = params.get(name);
		if (text == null) {
			return null;
		}
		try {
			return parser.apply(text.trim());
		}
		catch (IllegalArgumentException ex) {
			errors.put(name, "must be " + expected + ", not '" + text + "'");
			return null;
		}
	}

	private static int wholeNumber(String text, int min, int max) {
		int value = Integer.parseInt(text);
		if (value < min || value > max) {
			throw new IllegalArgumentException(text);
		}
		return value;
	}

	/**
	 * The contract's switch filters accept only {@code true}: leaving the parameter out
	 * is how a caller asks for no filter.
	 */
	private static boolean onlyTrue(String text) {
		if (!text.equals("true")) {
			throw new IllegalArgumentException(text);
		}
		return true;
	}

	private static WantedList.Order order(String text) {
		if (!text.equals("priority")) {
			throw new IllegalArgumentException(text);
		}
		return WantedList.Order.PRIORITY;
	}

	private static String team(String text) {
		if (!Team.isValid(text)) {
			throw new IllegalArgumentException(text);
		}
		return text;
	}

	private static String nationality(String text) {
		if (!Nationality.isValid(text)) {
			throw new IllegalArgumentException(text);
		}
		return text;
	}

}
