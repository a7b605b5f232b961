package dev.scatter.chaos;

import java.util.ArrayList;
import java.util.List;

/** Every fault case, in the sizes of the fast suite (run by verify) and of the long campaign (bin/chaos). */
public final class Campaign {

    private Campaign() {
    }

    /** A case by a short name the command line accepts. */
    public record Entry(String key, FaultCase fast, FaultCase campaign) {
    }

    public static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        all.add(new Entry("kills", RunnerKills.fast(), RunnerKills.campaign()));
        for (String mode : List.of("exit", "halt", "kill")) {
            all.add(new Entry("poison-" + mode, PoisonTask.fast(mode), PoisonTask.campaign(mode)));
        }
        all.add(new Entry("redis-short", RedisOutage.shortFast(), RedisOutage.shortCampaign()));
        all.add(new Entry("redis-long", RedisOutage.longFast(), RedisOutage.longCampaign()));
        all.add(new Entry("maxmemory", RedisOutOfMemory.fast(), RedisOutOfMemory.campaign()));
        all.add(new Entry("partition", NetworkPartition.fast(), NetworkPartition.campaign()));
        all.add(new Entry("clock-skew", ClockSkew.skewedFast(), ClockSkew.skewedCampaign()));
        all.add(new Entry("clock-dead-ahead", ClockSkew.deadAheadFast(), ClockSkew.deadAheadCampaign()));
        all.add(new Entry("rolling", RollingRestart.fast(), RollingRestart.campaign()));
        return all;
    }
}
