package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.JobSpec;
import dev.scatter.task.TaskKinds;
import org.junit.jupiter.api.Test;

/** A kind a runner loads can be submitted: the task API and the broker name kinds by one rule. */
class KindNameRuleTest {

    @Test
    void theTaskApiAndTheBrokerShareTheKindNameRule() {
        assertThat(TaskKinds.KIND_NAME.pattern()).isEqualTo(JobSpec.KIND_NAME.pattern());
    }
}
