package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.BrokerUnavailableException.Condition;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outage log says when an outage starts and ends, once each, whatever the roles run into meanwhile. */
class OutageLogTest {

    @Test
    void aReadThatWorksDoesNotEndARefusalToWrite() {
        AtomicInteger backs = new AtomicInteger();
        OutageLog log = new OutageLog("h:1", () -> "used 2M of maxmemory 1M", backs::incrementAndGet);
        log.failed(new BrokerUnavailableException(Condition.OUT_OF_MEMORY, "out of memory", null));

        // Heartbeats and backlog reads go on working while Redis is full: they say nothing about writes.
        log.readSucceeded();
        assertThat(log.isDown()).isTrue();
        assertThat(backs).hasValue(0);

        log.succeeded();
        assertThat(log.isDown()).isFalse();
        assertThat(backs).hasValue(1);
    }

    @Test
    void aReadThatWorksEndsAnOutageOfReach() {
        AtomicInteger backs = new AtomicInteger();
        OutageLog log = new OutageLog("h:1", () -> "", backs::incrementAndGet);
        log.failed(new BrokerUnavailableException("connection refused", null));
        log.readSucceeded();
        assertThat(log.isDown()).isFalse();
        assertThat(backs).hasValue(1);
    }

    @Test
    void onAClusterACallThatReachedSomeQueuesDoesNotEndAnOutageOfAnother() {
        AtomicInteger backs = new AtomicInteger();
        OutageLog log = new OutageLog("h:1", () -> "", backs::incrementAndGet, true);
        log.failed(new BrokerUnavailableException("connection refused", null));

        // A settle batch, a renewal or a heartbeat on the live masters, while a queue's master is down.
        log.succeededOnSome();
        log.readSucceededOnSome();
        assertThat(log.isDown()).isTrue();
        assertThat(backs).hasValue(0);

        // A pass over every queue (claims, recovery, backlog) that met no failure.
        log.succeeded();
        assertThat(log.isDown()).isFalse();
        assertThat(backs).hasValue(1);
    }

    @Test
    void onOneServerAnyCallThatWorksEndsTheOutage() {
        AtomicInteger backs = new AtomicInteger();
        OutageLog log = new OutageLog("h:1", () -> "", backs::incrementAndGet, false);
        log.failed(new BrokerUnavailableException("connection refused", null));
        log.succeededOnSome();
        assertThat(log.isDown()).isFalse();
        assertThat(backs).hasValue(1);
    }
}
