package io.removaltracker.reporting.figures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every case id the figures have seen, each given a number in the order first seen (0, 1,
 * 2...), so what the figures keep per case can live in plain arrays indexed by that
 * number.
 * <p>
 * A decade of cases is about two million ids, and every one must stay known for good: a
 * record read twice must be recognised however long ago its case closed. As one
 * {@code String} and one hash-map entry each they would cost about 90 bytes a case; here
 * each id is its UTF-8 bytes, with a two-byte length, in large shared pages, found
 * through an open-addressing table of numbers: about 30 bytes a case for ids of 15
 * characters. Ids are never removed. Not thread-safe: {@link NationalFigures} guards it.
 */
final class CaseNumbers {

	private static final int PAGE_BITS = 20;

	private static final int PAGE_SIZE = 1 << PAGE_BITS;

	/**
	 * The longest id that fits the two-byte length; the contract allows 64 characters.
	 */
	private static final int MAX_ID_BYTES = 0xFFFF;

	private final List<byte[]> pages = new ArrayList<>();

	/** Where the next id goes: page number times {@link #PAGE_SIZE} plus the offset. */
	private int end;

	/** Where each number's id starts, as a position like {@link #end}. */
	private int[] starts = new int[1024];

	/** Each slot holds a number plus one, or 0 when empty; a power of two long. */
	private int[] slots = new int[2048];

	private int size;

	/** How many ids have been given a number. */
	int size() {
		return this.size;
	}

	/** The id's number, given now when the id is new. */
	int numberOf(String caseId) {
		byte[] id = caseId.getBytes(StandardCharsets.UTF_8);
		int mask = this.slots.length - 1;
		for (int slot = hash(id, 0, id.length) & mask;; slot = (slot + 1) & mask) {
			int held = this.slots[slot];
			if (held == 0) {
				return add(id, slot);
			}
			if (sameId(held - 1, id)) {
				return held - 1;
			}
		}
	}

	private int add(byte[] id, int slot) {
		if (id.length > MAX_ID_BYTES) {
			throw new IllegalArgumentException(
					"A case id of " + id.length + " bytes is longer than any the contract allows");
		}
		int number = this.size;
		if (number == this.starts.length) {
			this.starts = Arrays.copyOf(this.starts, number + (number >> 1));
		}
		this.starts[number] = store(id);
		this.slots[slot] = number + 1;
		this.size++;
		// Kept at most two thirds full, so a look-up rarely probes more than a few slots.
		if (this.size * 3L > this.slots.length * 2L) {
			rehash(this.slots.length * 2);
		}
		return number;
	}

	/**
	 * Copies the id into the pages, never across two of them; returns where it starts.
	 */
	private int store(byte[] id) {
		int needed = 2 + id.length;
		// Measured from the last page's start, so a page filled to its last byte reads
		// as full (PAGE_SIZE), not as the empty start of a page that does not exist yet.
		int offset = this.end - ((this.pages.size() - 1) << PAGE_BITS);
		if (this.pages.isEmpty() || offset + needed > PAGE_SIZE) {
			if ((long) this.pages.size() * PAGE_SIZE >= Integer.MAX_VALUE - PAGE_SIZE) {
				throw new IllegalStateException("More case ids than the figures can number: 2 GiB of ids");
			}
			this.pages.add(new byte[PAGE_SIZE]);
			this.end = (this.pages.size() - 1) << PAGE_BITS;
			offset = 0;
		}
		int start = this.end;
		byte[] page = this.pages.get(this.pages.size() - 1);
		page[offset] = (byte) (id.length >>> 8);
		page[offset + 1] = (byte) id.length;
		System.arraycopy(id, 0, page, offset + 2, id.length);
		this.end += needed;
		return start;
	}

	private boolean sameId(int number, byte[] id) {
		int start = this.starts[number];
		byte[] page = this.pages.get(start >>> PAGE_BITS);
		int offset = start & (PAGE_SIZE - 1);
		int length = ((page[offset] & 0xFF) << 8) | (page[offset + 1] & 0xFF);
		return length == id.length && Arrays.equals(page, offset + 2, offset + 2 + length, id, 0, id.length);
	}

	private void rehash(int length) {
		int[] grown = new int[length];
		int mask = length - 1;
		for (int number = 0; number < this.size; number++) {
			int start = this.starts[number];
			byte[] page = this.pages.get(start >>> PAGE_BITS);
			int offset = start & (PAGE_SIZE - 1);
			int idLength = ((page[offset] & 0xFF) << 8) | (page[offset + 1] & 0xFF);
			int slot = hash(page, offset + 2, idLength) & mask;
			while (grown[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			grown[slot] = number + 1;
		}
		this.slots = grown;
	}

	/**
	 * The bytes' hash, spread so that ids differing only in their last digits scatter.
	 */
	private static int hash(byte[] bytes, int from, int length) {
		int hash = 1;
		for (int i = from; i < from + length; i++) {
			hash = 31 * hash + bytes[i];
		}
		hash *= 0x9E3779B9;
		return hash ^ (hash >>> 16);
	}

}
