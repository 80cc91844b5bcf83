package io.removaltracker.monitoring.flags;

import io.removaltracker.events.wanted.WantedFlagEvent;

/** Told of every flag change and every event already seen, for metrics. */
public interface WantedListener {

	WantedListener NONE = new WantedListener() {
	};

	default void changed(WantedFlagEvent change) {
	}

	default void alreadySeen() {
	}

}
