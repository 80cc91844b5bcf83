package io.removaltracker.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, {@code --name=value} or a bare
 * {@code --flag}, and plain words in between. Names not in the allowed set are refused
 * with a message naming them, so a typo never passes silently.
 */
public final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final List<String> words = new ArrayList<>();

	/**
	 * @param flags names that take no value
	 * @param valued names that take a value
	 */
	public Options(String[] args, Set<String> flags, Set<String> valued) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				this.words.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if (flags.contains(name)) {
				if (value != null) {
					throw new IllegalArgumentException("--" + name + " takes no value");
				}
				this.values.put(name, "true");
			}
			else if (valued.contains(name)) {
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException("--" + name + " needs a value");
					}
					value = args[++i];
				}
				this.values.put(name, value);
			}
			else {
				throw new IllegalArgumentException("unknown option --" + name);
			}
		}
	}

	public List<String> words() {
		return this.words;
	}

	public boolean flag(String name) {
		return this.values.containsKey(name);
	}

	public String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	public long number(String name, long fallback, long min, long max) {
		String text = this.values.get(name);
		if (text == null) {
			return fallback;
		}
		try {
			long value = Long.parseLong(text.replace("_", "").replace(",", ""));
			if (value < min || value > max) {
				throw new IllegalArgumentException(
						"--" + name + " must be from " + min + " to " + max + ", not " + text);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text + "'");
		}
	}

}
