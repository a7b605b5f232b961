package dev.scatter.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import java.nio.charset.StandardCharsets;

/**
 * Wraps a log encoder and scrubs every secret from what it writes: the message, the exception and its causes,
 * in text or JSON (where a password may appear JSON-escaped). Whatever a class logs, and however, a password
 * cannot reach the log.
 */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> inner;
    private final Secrets secrets;

    RedactingEncoder(Encoder<ILoggingEvent> inner, Secrets secrets) {
        this.inner = inner;
        this.secrets = secrets;
    }

    @Override
    public byte[] headerBytes() {
        return inner.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] bytes = inner.encode(event);
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String clean = secrets.scrub(text);
        for (String uri : secrets.uris()) {
            clean = clean.replace(JsonEscapeUtil.jsonEscapeString(uri), JsonEscapeUtil.jsonEscapeString(
                    dev.scatter.broker.RedisUri.mask(uri)));
        }
        for (String password : secrets.passwords()) {
            clean = clean.replace(JsonEscapeUtil.jsonEscapeString(password), "***");
        }
        return clean.equals(text) ? bytes : clean.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return inner.footerBytes();
    }

    @Override
    public void start() {
        inner.start();
        super.start();
    }

    @Override
    public void stop() {
        inner.stop();
        super.stop();
    }
}
