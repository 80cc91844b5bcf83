package io.removaltracker.reporting.figures;

import io.removaltracker.events.common.Custody;

/** The keys of {@code byStatus}: every open case is in exactly one. */
public enum Status {

	IN_PRISON, DETAINED, IN_COMMUNITY, WANTED;

	/** A wanted case counts as wanted whatever its custody; any other by its custody. */
	static Status of(Custody custody, boolean wanted) {
		if (wanted) {
			return WANTED;
		}
		return switch (custody) {
			case IN_PRISON -> IN_PRISON;
			case DETAINED -> DETAINED;
			case IN_COMMUNITY -> IN_COMMUNITY;
		};
	}

}
