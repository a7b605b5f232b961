package dev.scatter.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Writes a figure as PNG or SVG. XChart paints each chart onto a Graphics2D; a grid of charts is painted into
 * one canvas here (XChart's own encoders write one chart per file). The file appears whole or not at all: it is
 * written beside its target and moved into place.
 */
public final class ChartFiles {

    /** Digits past the hundredths in a path's coordinates. */
    private static final Pattern FINE_DECIMALS = Pattern.compile("(\\d\\.\\d{2})\\d+");

    private ChartFiles() {
    }

    public static void write(Figure figure, Path file) throws IOException {
        PlotFormat format = PlotFormat.of(file);
        Path absolute = file.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would carry over to the plot.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (format == PlotFormat.PNG) {
                    writePng(figure, out);
                } else {
                    writeSvg(figure, out);
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writePng(Figure figure, OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(figure, g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    public static void writeSvg(Figure figure, OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(figure, g);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, figure.width(), figure.height()))
                .writeTo(svg);
        out.write(finish(svg.toByteArray(), figure.title()));
    }

    private static void paint(Figure figure, Graphics2D g) {
        // The canvas is white where a short last row leaves cells empty.
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, figure.width(), figure.height());
        int w = figure.cellWidth();
        int h = figure.cellHeight();
        for (int i = 0; i < figure.charts().size(); i++) {
            Chart<?, ?> chart = figure.charts().get(i);
            Graphics2D cell = (Graphics2D) g.create((i % figure.columns()) * w, (i / figure.columns()) * h, w, h);
            try {
                chart.paint(cell, w, h);
            } finally {
                cell.dispose();
            }
        }
    }

    /**
     * XChart draws its text as outlines, so the SVG holds no words; a {@code <title>} gives it its name back for
     * viewers, search and screen readers. Those outlines are most of the file: their coordinates are cut to
     * hundredths of a pixel, which no screen shows, and the file to about half. The document is re-serialised
     * without its DOCTYPE, whose DTD is never fetched.
     */
    private static byte[] finish(byte[] svg, String title) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
            Element root = doc.getDocumentElement();
            Element titleElement = doc.createElementNS(root.getNamespaceURI(), "title");
            titleElement.setTextContent(title);
            root.insertBefore(titleElement, root.getFirstChild());
            NodeList paths = doc.getElementsByTagNameNS("*", "path");
            for (int i = 0; i < paths.getLength(); i++) {
                Element path = (Element) paths.item(i);
                path.setAttribute("d", FINE_DECIMALS.matcher(path.getAttribute("d")).replaceAll("$1"));
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IOException("could not finish the SVG: " + e.getMessage(), e);
        }
    }
}
