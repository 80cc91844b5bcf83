package io.removaltracker.registry;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than the limit is read: a declared length over it is answered
 * 413 before a byte of the body is read, and a body without a declared length (chunked)
 * is read up to one byte past the limit, then answered 413 or handed on from that buffer.
 * So a client can make the registry hold at most the limit in memory, however much it
 * sends.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter implements Ordered {

	/** After authentication, before any filter that could read the body. */
	static final int ORDER = BasicAuthenticationFilter.ORDER + 10;

	private final int limit;

	RequestBodyLimitFilter(long limit) {
		if (limit < 1 || limit > Integer.MAX_VALUE - 16) {
			throw new IllegalStateException(
					"registry.max-request-bytes must be between 1 B and 2 GB, not " + limit + " bytes");
		}
		this.limit = (int) limit;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			tooLarge(response, declared + " bytes");
			return;
		}
		if (declared >= 0) {
			// The container reads no further than the declared length.
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(this.limit + 1);
		if (body.length > this.limit) {
			tooLarge(response, "more than " + this.limit + " bytes");
			return;
		}
		chain.doFilter(new BufferedBody(request, body), response);
	}

	private void tooLarge(HttpServletResponse response, String size) throws IOException {
		// The rest of the body stays unread: closing the connection is cheaper than
		// draining it.
		response.setHeader(HttpHeaders.CONNECTION, "close");
		RegistryErrors.write(response, 413, 413, "Request body too large: " + size + ", the limit is " + this.limit
				+ " bytes (registry.max-request-bytes)");
	}

	/** The request with its body already read into memory, within the limit. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final int length;

		private final ServletInputStream in;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.length = body.length;
			this.in = new BufferedInput(new ByteArrayInputStream(body));
		}

		@Override
		public int getContentLength() {
			return this.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return this.in;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(this.in,
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

	private static final class BufferedInput extends ServletInputStream {

		private final ByteArrayInputStream in;

		BufferedInput(ByteArrayInputStream in) {
			this.in = in;
		}

		@Override
		public int read() {
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.in.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.in.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body is already read into memory");
		}

	}

}
