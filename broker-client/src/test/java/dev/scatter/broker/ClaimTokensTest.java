package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plain claim's token never reads as a suspect's: claim-7 marks a suspect's lease by a token starting with "s",
 * and a plain lease taken for one would run alone and go back among the suspects when handed back.
 */
class ClaimTokensTest {

    @Test
    void noPlainClaimTokenStartsWithTheSuspectsMark() {
        Set<Character> firsts = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String token = ClaimTokens.next();
            assertThat(token).matches("[0-9a-z]{8}");
            assertThat(token).doesNotStartWith("s");
            firsts.add(token.charAt(0));
        }
        assertThat(firsts).as("every other first character is drawn").hasSize(35);
    }
}
