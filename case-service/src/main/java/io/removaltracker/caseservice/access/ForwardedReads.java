package io.removaltracker.caseservice.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The mark an instance puts on a read it passes to the instance holding the case: "I took
 * this request from this caller and recorded it". The holder then answers without
 * recording it again. The mark is signed with the shared key over the path, the caller
 * and the time, so a client cannot set it to read unrecorded, and a mark seen on the
 * network serves for one path and caller for a minute at most.
 */
public final class ForwardedReads {

	static final Duration VALID_FOR = Duration.ofMinutes(1);

	private static final String PURPOSE = "forwarded case read";

	private final SigningKey key;

	private final Clock clock;

	public ForwardedReads(SigningKey key, Clock clock) {
		this.key = key;
		this.clock = clock;
	}

	/** The header value for a read of {@code path} by {@code principal}, made now. */
	public String mark(String path, String principal) {
		String at = String.valueOf(this.clock.millis());
		return at + "." + this.key.sign(PURPOSE, path, principal, at);
	}

	/** Whether the mark is one an instance made for this path and caller, recently. */
	public boolean verifies(String mark, String path, String principal) {
		int dot = (mark != null) ? mark.indexOf('.') : -1;
		if (dot <= 0) {
			return false;
		}
		String at = mark.substring(0, dot);
		Instant madeAt;
		try {
			madeAt = Instant.ofEpochMilli(Long.parseLong(at));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		Duration age = Duration.between(madeAt, this.clock.instant()).abs();
		return age.compareTo(VALID_FOR) <= 0
				&& this.key.verifies(mark.substring(dot + 1), PURPOSE, path, principal, at);
	}

}
