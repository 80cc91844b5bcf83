package io.removaltracker.service;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the native memory of every RocksDB store in this JVM together. By default each
 * store of each task takes its own block cache (50 MiB) and up to three 16 MiB memtables,
 * so case-service's twelve stores could claim over a gigabyte outside the heap; the
 * pipeline benchmark measured 760 MiB resident at 500,000 open cases. Here all stores
 * share one cache of {@value #TOTAL_BYTES} bytes, memtables included, with index and
 * filter blocks counted in it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

	static {
		// Kafka Streams loads this class by name while it parses its settings, before it
		// opens a store and so before RocksDB's native library is loaded.
		RocksDB.loadLibrary();
	}

	static final long TOTAL_BYTES = 64L * 1024 * 1024;

	private static final long MEMTABLE_BYTES = 16L * 1024 * 1024;

	private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);

	private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

	@Override
	public void setConfig(String storeName, Options options, Map<String, Object> configs) {
		BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
		table.setBlockCache(CACHE);
		table.setCacheIndexAndFilterBlocks(true);
		table.setCacheIndexAndFilterBlocksWithHighPriority(true);
		table.setPinTopLevelIndexAndFilter(true);
		options.setTableFormatConfig(table);
		options.setWriteBufferManager(WRITE_BUFFERS);
		options.setWriteBufferSize(4L * 1024 * 1024);
		options.setMaxWriteBufferNumber(2);
	}

	@Override
	public void close(String storeName, Options options) {
		// The cache and the write-buffer manager are shared by every store: never closed.
	}

}
