package io.removaltracker.reporting.figures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaseNumbersTest {

	@Test
	void eachIdKeepsTheNumberItWasGivenWhenFirstSeen() {
		CaseNumbers numbers = new CaseNumbers();

		assertThat(numbers.numberOf("C-1")).isZero();
		assertThat(numbers.numberOf("C-2")).isEqualTo(1);
		assertThat(numbers.numberOf("C-1")).isZero();
		assertThat(numbers.numberOf("C-10")).isEqualTo(2);
		assertThat(numbers.size()).isEqualTo(3);
	}

	@Test
	void idsStayDistinctAcrossGrowthAndPages() {
		CaseNumbers numbers = new CaseNumbers();
		// About 70 bytes each, 300,000 of them: twenty pages and many times the first
		// table.
		int count = 300_000;
		for (int i = 0; i < count; i++) {
			assertThat(numbers.numberOf(longId(i))).isEqualTo(i);
		}
		for (int i = count - 1; i >= 0; i--) {
			assertThat(numbers.numberOf(longId(i))).isEqualTo(i);
		}
		assertThat(numbers.size()).isEqualTo(count);
	}

	@Test
	void anIdThatFillsAPageToItsLastByteLeavesTheNextForANewPage() {
		CaseNumbers numbers = new CaseNumbers();
		// 14 bytes and the two-byte length: 65,536 ids fill a 1 MiB page exactly, so
		// the 65,537th starts exactly at the next page's first byte.
		int count = 3 * 65_536 + 10;
		for (int i = 0; i < count; i++) {
			assertThat(numbers.numberOf(String.format("CASE-%09d", i))).isEqualTo(i);
		}
		for (int i = 0; i < count; i++) {
			assertThat(numbers.numberOf(String.format("CASE-%09d", i))).isEqualTo(i);
		}
		assertThat(numbers.size()).isEqualTo(count);
	}

	@Test
	void idsAreComparedByTheirWholeText() {
		CaseNumbers numbers = new CaseNumbers();

		int plain = numbers.numberOf("CASE-É");
		int prefix = numbers.numberOf("CASE-");
		int longer = numbers.numberOf("CASE-ÉÉ");

		assertThat(new int[] { plain, prefix, longer }).containsExactly(0, 1, 2);
		assertThat(numbers.numberOf("CASE-É")).isEqualTo(plain);
	}

	@Test
	void anIdTooLongForItsLengthIsRefused() {
		CaseNumbers numbers = new CaseNumbers();

		assertThatIllegalArgumentException().isThrownBy(() -> numbers.numberOf("x".repeat(70_000)));
		assertThat(numbers.size()).isZero();
	}

	private static String longId(int i) {
		return "CASE-" + "0".repeat(60) + "-" + i;
	}

}
