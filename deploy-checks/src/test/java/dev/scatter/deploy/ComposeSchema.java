package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Compose Specification's own JSON schema (vendored, see schemas/README.md). It is strict already: every
 * object of the spec forbids properties it does not define, except x- extensions.
 */
final class ComposeSchema {

    static final String SCHEMA = "/schemas/compose-spec.json";

    private static final Schema COMPILED = load();

    private ComposeSchema() {
    }

    static List<String> problems(JsonNode composeFile) {
        return COMPILED.validate(composeFile).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream in = ComposeSchema.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the test resources");
            }
            JsonNode schema = new ObjectMapper().readTree(in);
            // The spec declares draft 2019-09 but names its parts with draft-04's "id"; Compose's own validator
            // ignores it, and so does this one (as an annotation), instead of refusing the schema.
            Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
            return SchemaRegistry.withDefaultDialect(dialect).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
