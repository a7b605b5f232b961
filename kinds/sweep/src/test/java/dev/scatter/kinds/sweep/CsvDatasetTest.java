package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.task.InvalidParametersException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDatasetTest {

    @Test
    void parsesFeaturesLabelsAndFoldsWithClassesInSortedOrder() {
        Dataset d = parse("x, y ,label,fold\r\n1,2.5,\"b, the second\",0\n\n3,-4e1,a,1\n5,6,\"b, the second\",-1\n",
                "label", null, "fold");
        assertThat(d.features()).containsExactly("x", "y");
        assertThat(d.x()).isDeepEqualTo(new double[][] {{1, 2.5}, {3, -40}, {5, 6}});
        assertThat(d.classes()).containsExactly("a", "b, the second");
        assertThat(d.y()).containsExactly(1, 0, 1);
        assertThat(d.foldIds()).containsExactly(0, 1, -1);
    }

    @Test
    void numericLabelsSortAsNumbers() {
        Dataset d = parse("x,label\n1,10\n2,9\n3,10\n", "label", null, null);
        assertThat(d.classes()).containsExactly("9", "10");
        assertThat(d.y()).containsExactly(1, 0, 1);
    }

    @Test
    void chosenFeaturesComeInTheGivenOrder() {
        Dataset d = parse("a,b,c,label\n1,2,3,x\n4,5,6,y\n", "label", List.of("c", "a"), null);
        assertThat(d.features()).containsExactly("c", "a");
        assertThat(d.x()[1]).containsExactly(6, 4);
    }

    @Test
    void problemsNameTheColumnAndTheLine() {
        expect("x,label\n1,a\nabc,b\n", "label", null, "column 'x' of data.csv is not numeric: 'abc' on line 3");
        expect("x,label\n1,a\n,b\n", "label", null, "column 'x' of data.csv is not numeric: '' on line 3");
        expect("x,label\n1,a\nNaN,b\n", "label", null, "not numeric: 'NaN' on line 3");
        expect("x,label\n1,a\n2\n", "label", null, "line 3 of data.csv has 1 fields, the header has 2");
        expect("x,colour\n1,a\n", "label", null, "data.csv has no label column 'label': its columns are x, colour");
        expect("x,label\n1,a\n", "label", "f", "data.csv has no fold column 'f': its columns are x, label");
        expect("x,label\n1,a\n2,a\n", "label", null, "every row of data.csv has the label 'a'");
        expect("x,label\n", "label", null, "data.csv has a header but no rows");
        expect("", "label", null, "data.csv is empty");
        expect("label\na\nb\n", "label", null, "data.csv has no feature columns besides the label column");
        expect("x,x,label\n1,2,a\n", "label", null, "data.csv names column 'x' twice");
        expect("x,label\n\"1,a\n", "label", null, "line 2 of data.csv has a quote that is not closed");
    }

    @Test
    void theDemoIsTheSameOnEveryMachine() {
        byte[] csv = RgbaDemo.csv(1000);
        // The hash the reference script's Python port of the generator gives (reference.json, dataSha256).
        assertThat(dev.scatter.broker.Blobs.sha256(csv))
                .isEqualTo("4c1bfd5720f8fae1f952226346ef3bb99000ee5cb01e2c31ed88f56fd5fee774");
        Dataset d = CsvDataset.parse(csv, "demo:rgba", "label", null, null);
        assertThat(d.features()).containsExactly("r", "g", "b", "a");
        assertThat(d.classes()).containsExactly("blue", "red");
        assertThat(d.classCounts()).containsExactly(510, 490);
    }

    private static Dataset parse(String csv, String label, List<String> features, String foldColumn) {
        return CsvDataset.parse(csv.getBytes(StandardCharsets.UTF_8), "data.csv", label, features, foldColumn);
    }

    private static void expect(String csv, String label, String foldColumn, String message) {
        assertThatThrownBy(() -> parse(csv, label, null, foldColumn)).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining(message);
    }
}
