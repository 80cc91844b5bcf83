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

	private final WantedQueries queries;

	private final Clock clock;

	WantedController(WantedQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping(path = "/api/v1/wanted", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> list(@RequestParam Map<String, String> params) {
		WantedList.Page page = this.queries.find(query(params), this.clock.instant());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("total", page.total());
		json.put("items", page.items().stream().map(WantedController::json).toList());
		return json;
	}

	@GetMapping(path = "/api/v1/wanted/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> one(@PathVariable String caseId) {
		return this.queries.entry(caseId)
			.map(WantedController::json)
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

	private static Map<String, Object> json(WantedList.Entry entry) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("caseId", entry.caseId());
		json.put("wantedSince", entry.wantedSince().toString());
		json.put("reason", entry.reason());
		json.put("criminality", entry.criminality().name());
		json.put("nationality", entry.nationality());
		json.put("region", entry.region().name());
		if (entry.team() != null) {
			json.put("team", entry.team());
		}
		json.put("reviewDue", entry.reviewDue().toString());
		return json;
	}

}
