package io.removaltracker.localstack.chaos;

import java.util.List;

/**
 * One scenario's row of the reliability table: what was sent, what came out, and how it
 * compares with the oracle.
 *
 * @param sent events sent (the load, the third-party producer and the recovery probes)
 * @param answers2xx {@code 201} and {@code 200} answers over HTTP
 * @param kafkaAcknowledged events the broker acknowledged on the intake topic
 * @param notAcknowledged events that never got an acknowledgement (given up)
 * @param onCaseEvents records of this scenario's cases on {@code case-events}
 * @param lost acknowledged events absent from {@code case-events}
 * @param doubled records beyond the first for one eventId
 * @param gaps sequence numbers missing below a case's highest
 * @param figureDifferences where {@code GET /api/v1/stats} differs from the oracle
 * (cumulative over the run)
 * @param wantedExpected the oracle's wanted count (cumulative)
 * @param wantedShown {@code GET /api/v1/wanted} total
 * @param rejected records of this scenario's cases on {@code case-intake-rejected}
 * @param undecodableSkipped records the services logged as skipped or rejected
 * undecodable during the scenario
 * @param http503 {@code 503} answers (retried)
 * @param http5xxOther other 5xx answers
 * @param recoverySeconds from the kill (or from the moment a frozen registry was let go)
 * until every part was ready and a new event was accepted over HTTP, or -1 when that did
 * not happen in time
 * @param settleSeconds from the end of the load until every acknowledged event was on
 * {@code case-events} and the figures and wanted list matched the oracle, or -1
 * @param notes what else was seen
 */
record Outcome(String id, String title, String fault, long sent, long answers2xx, long kafkaAcknowledged,
		long notAcknowledged, long onCaseEvents, long lost, long doubled, long gaps, List<String> figureDifferences,
		long wantedExpected, long wantedShown, long rejected, long undecodableSkipped, long http503, long http5xxOther,
		double recoverySeconds, double settleSeconds, List<String> notes) {

	boolean figuresEqual() {
		return this.figureDifferences.isEmpty();
	}

	/**
	 * No event lost or doubled, no gap, exact figures, nothing rejected for a fault, no
	 * 5xx but 503.
	 */
	boolean passed() {
		return this.lost == 0 && this.doubled == 0 && this.gaps == 0 && figuresEqual()
				&& this.wantedExpected == this.wantedShown && this.rejected == 0 && this.undecodableSkipped == 0
				&& this.http5xxOther == 0 && this.notAcknowledged == 0 && this.recoverySeconds >= 0
				&& this.settleSeconds >= 0;
	}

}
