package io.removaltracker.caseservice.intake;

import java.util.Optional;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.service.ServiceUnavailableException;
import io.removaltracker.service.StreamsRuntime;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Which instance holds a case, and what its history store says when it is this one. */
public final class CaseQueries {

	private final StreamsRuntime runtime;

	public CaseQueries(StreamsRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Empty when this instance holds the case, or the instance that does.
	 * @throws ServiceUnavailableException while partitions are being assigned
	 */
	public Optional<HostInfo> ownerElsewhere(String caseId) {
		KeyQueryMetadata metadata = metadata(this.runtime.streams(), caseId);
		return metadata.activeHost().equals(this.runtime.self()) ? Optional.empty()
				: Optional.of(metadata.activeHost());
	}

	/** The history of a case held by this instance. */
	public CaseHistoryStore localHistory(String caseId) {
		KafkaStreams streams = this.runtime.streams();
		try {
			return new CaseHistoryStore(streams.store(StoreQueryParameters
				.fromNameAndType(CaseHistoryStore.NAME, QueryableStoreTypes.<String, CaseEvent>keyValueStore())
				.withPartition(metadata(streams, caseId).partition())));
		}
		catch (InvalidStateStoreException ex) {
			throw new ServiceUnavailableException("The case store is not queryable right now: " + ex.getMessage());
		}
	}

	private KeyQueryMetadata metadata(KafkaStreams streams, String caseId) {
		KeyQueryMetadata metadata = streams.queryMetadataForKey(CaseHistoryStore.NAME, caseId,
				Serdes.String().serializer());
		if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
			throw new ServiceUnavailableException(
					"No instance holds case partitions yet (state " + this.runtime.describeState() + ")");
		}
		return metadata;
	}

}
