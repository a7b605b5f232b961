package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.task.InvalidParametersException;
import org.junit.jupiter.api.Test;

class SvcParamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultsAreScikitLearns() throws Exception {
        SvcParams p = SvcParams.of(JSON.readTree("{}"));
        assertThat(p.c()).isEqualTo(1.0);
        assertThat(p.kernel()).isEqualTo("rbf");
        assertThat(p.degree()).isEqualTo(3);
        assertThat(p.coef0()).isEqualTo(0.0);
        // gamma 'scale': 1 / (features · variance of every element of the training rows)
        double[][] train = {{0, 2}, {4, 6}};
        assertThat(p.gammaFor(train)).isEqualTo(1.0 / (2 * 5.0));
        assertThat(SvcParams.of(JSON.readTree("{\"gamma\": \"auto\"}")).gammaFor(train)).isEqualTo(0.5);
        assertThat(SvcParams.of(JSON.readTree("{\"gamma\": 0.1}")).gammaFor(train)).isEqualTo(0.1);
        assertThat(p.gammaFor(new double[][] {{3, 3}, {3, 3}})).isEqualTo(1.0);
    }

    @Test
    void badParametersAreNamed() {
        expect("{\"c\": 1}", "the svc model has no parameter 'c': its parameters are C, kernel, gamma, degree, coef0");
        expect("{\"C\": 0}", "C must be a number > 0, not 0");
        expect("{\"kernel\": \"cubic\"}", "kernel must be one of linear, poly, rbf, sigmoid, not \"cubic\"");
        expect("{\"gamma\": \"big\"}", "gamma must be 'scale', 'auto' or a number >= 0");
        expect("{\"degree\": 2.5}", "degree must be a whole number");
        expect("{\"coef0\": \"x\"}", "coef0 must be a number");
    }

    private static void expect(String cell, String message) {
        assertThatThrownBy(() -> SvcParams.of(JSON.readTree(cell))).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining(message);
    }
}
