package io.removaltracker.serde.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry URLs of one client, in fail-over order, each with the credentials it may
 * carry ({@code http://user:secret@host:8081}) kept apart from the form shown in
 * messages.
 */
record RegistryEndpoints(List<URI> urls) {

	RegistryEndpoints {
		if (urls.isEmpty()) {
			throw new IllegalArgumentException("schema.registry.url names no registry");
		}
	}

	static RegistryEndpoints parse(String commaSeparated) {
		List<URI> urls = new ArrayList<>();
		for (String part : commaSeparated.split(",")) {
			String url = part.trim();
			if (url.isEmpty()) {
				continue;
			}
			URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw new IllegalArgumentException(
						"schema.registry.url '" + redact(uri) + "' must start with http://, https:// or mock://");
			}
			urls.add(uri);
		}
		return new RegistryEndpoints(urls);
	}

	/** The URL without user info, for messages and logs. */
	static String redact(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri.toString();
		}
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() < 0) ? "" : ":" + uri.getPort())
				+ ((uri.getRawPath() == null) ? "" : uri.getRawPath());
	}

	/**
	 * The target of a request, without user info (the HTTP client refuses it in URIs).
	 */
	static URI target(URI base, String path) {
		return URI.create(redact(base) + path);
	}

	String describe() {
		return String.join(", ", this.urls.stream().map(RegistryEndpoints::redact).toList());
	}

}
