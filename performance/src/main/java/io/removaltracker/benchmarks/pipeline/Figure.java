package io.removaltracker.benchmarks.pipeline;

/**
 * One line of the report: what was measured, its value, and the machine's own baseline
 * for it measured in the same run (NaN when none applies). {@code ratio} is value over
 * baseline.
 */
record Figure(String name, double value, String unit, double baseline, String baselineName) {

	static Figure of(String name, double value, String unit) {
		return new Figure(name, value, unit, Double.NaN, "");
	}

	double ratio() {
		return (Double.isNaN(this.baseline) || this.baseline == 0) ? Double.NaN : this.value / this.baseline;
	}

}
