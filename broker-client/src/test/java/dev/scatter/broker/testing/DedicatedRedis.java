package dev.scatter.broker.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link RealRedis} for a server of the test's own, with the append-only file on, that the test may stop,
 * kill and restart. Without it a test shares one server with the rest of the run (and its own queue name).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER})
public @interface DedicatedRedis {

    /** A password the server requires. */
    String password() default "";
}
