package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks that plot files are what they claim to be, and keeps copies for eyes when asked to. */
final class Images {

    /** Set (-Dplots.dir=/tmp/plots) to keep every plot a test draws, for looking at. */
    private static final String KEEP = System.getProperty("plots.dir");

    private Images() {
    }

    static BufferedImage png(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s decodes as an image", file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        keep(file);
        return image;
    }

    static Document svg(Path file, String title, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(title);
        assertThat(Files.readString(file)).contains(title);
        assertThat(parseLength(doc.getDocumentElement().getAttribute("width"))).isEqualTo(width);
        assertThat(parseLength(doc.getDocumentElement().getAttribute("height"))).isEqualTo(height);
        keep(file);
        return doc;
    }

    /** "900", "900px" or "900.0" as a whole number. */
    private static int parseLength(String attribute) {
        return (int) Math.round(Double.parseDouble(attribute.replaceAll("[a-z]+$", "")));
    }

    private static void keep(Path file) throws IOException {
        if (KEEP != null) {
            Path dir = Files.createDirectories(Path.of(KEEP));
            Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
