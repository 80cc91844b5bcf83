package io.removaltracker.caseservice.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.caseservice.CaseServiceProperties;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the intake streams once the web server knows its port, which other instances use
 * to reach this one for the cases it holds; stops them with the application.
 */
public final class IntakeRuntime implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private final KafkaProperties kafka;

	private final CaseServiceProperties properties;

	private final String advertisedHost;

	private final IntakeListener listener;

	private final MeterRegistry meters;

	private volatile IntakeStreams streams;

	public IntakeRuntime(KafkaProperties kafka, CaseServiceProperties properties, String advertisedHost,
			IntakeListener listener, MeterRegistry meters) {
		this.kafka = kafka;
		this.properties = properties;
		this.advertisedHost = advertisedHost;
		this.listener = listener;
		this.meters = meters;
	}

	@Override
	public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.streams == null) {
			HostInfo self = new HostInfo(this.advertisedHost, event.getWebServer().getPort());
			this.streams = new IntakeStreams(this.kafka, this.properties, self, this.listener, this.meters);
		}
	}

	/** The running streams; {@link IntakeStreams.NotReadyException} before they start. */
	public IntakeStreams streams() {
		IntakeStreams current = this.streams;
		if (current == null) {
			throw new IntakeStreams.NotReadyException("The intake processor has not started yet");
		}
		return current;
	}

	public boolean isRunning() {
		IntakeStreams current = this.streams;
		return current != null && current.isRunning();
	}

	public String describeState() {
		IntakeStreams current = this.streams;
		return (current == null) ? "NOT_STARTED" : current.state().name();
	}

	@Override
	public synchronized void destroy() {
		if (this.streams != null) {
			this.streams.close();
		}
	}

}
