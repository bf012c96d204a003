package dev.churnops.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately small inline-SVG chart writer for the report: line charts with axes, nice
 * ticks, labels, a legend and threshold markers, and horizontal bar charts. It exists so the
 * report needs no JavaScript charting library and nothing from the network; output depends
 * only on the inputs, so charts are byte-stable.
 */
final class SvgChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 380;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 84;
    private static final String AXIS = "#444444";
    private static final String GRID = "#e3e3e3";
    private static final String MARKER = "#d62728";

    private SvgChart() {
    }

    /** One polyline, with a dot at each point when {@code dots}; xs and ys are in data units. */
    record Series(String name, double[] xs, double[] ys, String color, boolean dashed, boolean dots) {
        Series {
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("Series '" + name + "' has " + xs.length + " x values but "
                        + ys.length + " y values; expected one y per x.");
            }
        }
    }

    /** A labelled threshold marker: a vertical line at x, or a dot at (x, y). */
    private record Marker(boolean vertical, double x, double y, String label, String dataValue) {
    }

    static LineChart line(String id, String title, String xLabel, String yLabel) {
        return new LineChart(id, title, xLabel, yLabel);
    }

    /** Builder for a line chart; everything is drawn in the order it was added. */
    static final class LineChart {
        private final String id;
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private double xMin = 0.0;
        private double xMax = 1.0;
        private double yMin = 0.0;
        private double yMax = 1.0;
        private final List<Series> series = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();

        private LineChart(String id, String title, String xLabel, String yLabel) {
            this.id = id;
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        LineChart xDomain(double min, double max) {
            double[] domain = widen(min, max);
            this.xMin = domain[0];
            this.xMax = domain[1];
            return this;
        }

        LineChart yDomain(double min, double max) {
            double[] domain = widen(min, max);
            this.yMin = domain[0];
            this.yMax = domain[1];
            return this;
        }

        LineChart series(String name, double[] xs, double[] ys, String color, boolean dashed) {
            series.add(new Series(name, xs, ys, color, dashed, false));
            return this;
        }

        /** A solid line with a dot at every point, for few points that each mean something (bins). */
        LineChart dottedSeries(String name, double[] xs, double[] ys, String color) {
            series.add(new Series(name, xs, ys, color, false, true));
            return this;
        }

        /** A labelled vertical line at {@code x}, e.g. the chosen threshold. */
        LineChart verticalMarker(double x, String label, String dataValue) {
            markers.add(new Marker(true, x, Double.NaN, label, dataValue));
            return this;
        }

        /** A labelled dot at ({@code x}, {@code y}), e.g. the operating point at the threshold. */
        LineChart pointMarker(double x, double y, String label, String dataValue) {
            markers.add(new Marker(false, x, y, label, dataValue));
            return this;
        }

        String render() {
            double plotWidth = WIDTH - LEFT - RIGHT;
            double plotHeight = HEIGHT - TOP - BOTTOM;
            double bottom = TOP + plotHeight;
            StringBuilder svg = new StringBuilder(8_192);
            open(svg, id, title, WIDTH, HEIGHT);

            double[] xTicks = niceTicks(xMin, xMax);
            double[] yTicks = niceTicks(yMin, yMax);
            int xDecimals = decimalsFor(xTicks);
            int yDecimals = decimalsFor(yTicks);
            svg.append("<g class=\"grid\" stroke=\"").append(GRID).append("\" stroke-width=\"1\">");
            for (double t : yTicks) {
                double y = yPixel(t);
                line(svg, LEFT, y, LEFT + plotWidth, y);
            }
            for (double t : xTicks) {
                double x = xPixel(t);
                line(svg, x, TOP, x, bottom);
            }
            svg.append("</g>");

            svg.append("<g class=\"axes\" stroke=\"").append(AXIS).append("\" stroke-width=\"1\">");
            line(svg, LEFT, bottom, LEFT + plotWidth, bottom);
            line(svg, LEFT, TOP, LEFT, bottom);
            for (double t : xTicks) {
                double x = xPixel(t);
                line(svg, x, bottom, x, bottom + 5);
            }
            for (double t : yTicks) {
                double y = yPixel(t);
                line(svg, LEFT - 5, y, LEFT, y);
            }
            svg.append("</g>");

            svg.append("<g class=\"tick-labels\" font-size=\"11\" fill=\"").append(AXIS).append("\">");
            for (double t : xTicks) {
                text(svg, xPixel(t), bottom + 18, "middle", Html.num(t, xDecimals));
            }
            for (double t : yTicks) {
                text(svg, LEFT - 8, yPixel(t) + 4, "end", Html.num(t, yDecimals));
            }
            svg.append("</g>");
            svg.append("<g class=\"axis-labels\" font-size=\"12\" fill=\"#222222\">");
            text(svg, LEFT + plotWidth / 2, bottom + 38, "middle", xLabel);
            svg.append("<text x=\"16\" y=\"").append(Html.coord(TOP + plotHeight / 2))
                    .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                    .append(Html.coord(TOP + plotHeight / 2)).append(")\">")
                    .append(Html.escape(yLabel)).append("</text>");
            svg.append("</g>");

            // Clip so a series that strays outside the domain cannot draw over the axes.
            String clipId = id + "-clip";
            svg.append("<clipPath id=\"").append(Html.escape(clipId)).append("\"><rect x=\"").append(LEFT)
                    .append("\" y=\"").append(TOP).append("\" width=\"").append(Html.coord(plotWidth))
                    .append("\" height=\"").append(Html.coord(plotHeight)).append("\"/></clipPath>");
            svg.append("<g clip-path=\"url(#").append(Html.escape(clipId)).append(")\">");
            for (Series s : series) {
                svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(s.color())
                        .append("\" stroke-width=\"2\"");
                if (s.dashed()) {
                    svg.append(" stroke-dasharray=\"5 4\"");
                }
                svg.append(" points=\"");
                boolean first = true;
                for (int i = 0; i < s.xs().length; i++) {
                    if (!Double.isFinite(s.xs()[i]) || !Double.isFinite(s.ys()[i])) {
                        continue;
                    }
                    if (!first) {
                        svg.append(' ');
                    }
                    first = false;
                    svg.append(Html.coord(xPixel(s.xs()[i]))).append(',').append(Html.coord(yPixel(s.ys()[i])));
                }
                svg.append("\"><title>").append(Html.escape(s.name())).append("</title></polyline>");
                for (int i = 0; s.dots() && i < s.xs().length; i++) {
                    if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) {
                        svg.append("<circle class=\"dot\" cx=\"").append(Html.coord(xPixel(s.xs()[i])))
                                .append("\" cy=\"").append(Html.coord(yPixel(s.ys()[i]))).append("\" r=\"3.5\" fill=\"")
                                .append(s.color()).append("\"/>");
                    }
                }
            }
            svg.append("</g>");

            for (Marker marker : markers) {
                String label = marker.label();
                double x = xPixel(marker.x());
                // Labels near the right edge are anchored at their end so they stay inside.
                boolean rightHalf = x > LEFT + plotWidth * 0.6;
                svg.append("<g class=\"threshold-marker\" data-threshold=\"").append(Html.escape(marker.dataValue()))
                        .append("\">");
                if (marker.vertical()) {
                    svg.append("<line x1=\"").append(Html.coord(x)).append("\" y1=\"").append(TOP)
                            .append("\" x2=\"").append(Html.coord(x)).append("\" y2=\"").append(Html.coord(bottom))
                            .append("\" stroke=\"").append(MARKER).append("\" stroke-width=\"1.5\"")
                            .append(" stroke-dasharray=\"3 3\"/>");
                    svg.append("<text font-size=\"11\" fill=\"").append(MARKER).append("\"");
                    appendTextPosition(svg, rightHalf ? x - 4 : x + 4, TOP + 12, rightHalf ? "end" : "start");
                    svg.append('>').append(Html.escape(label)).append("</text>");
                } else {
                    double y = yPixel(marker.y());
                    svg.append("<circle cx=\"").append(Html.coord(x)).append("\" cy=\"").append(Html.coord(y))
                            .append("\" r=\"5\" fill=\"").append(MARKER).append("\" stroke=\"#ffffff\"")
                            .append(" stroke-width=\"1.5\"/>");
                    svg.append("<text font-size=\"11\" fill=\"").append(MARKER).append("\"");
                    double labelY = y < TOP + 20 ? y + 18 : y - 9;
                    appendTextPosition(svg, rightHalf ? x - 8 : x + 8, labelY, rightHalf ? "end" : "start");
                    svg.append('>').append(Html.escape(label)).append("</text>");
                }
                svg.append("</g>");
            }

            svg.append("<g class=\"legend\" font-size=\"11\" fill=\"#222222\">");
            double legendX = LEFT;
            double legendY = bottom + 60;
            for (Series s : series) {
                svg.append("<line x1=\"").append(Html.coord(legendX)).append("\" y1=\"")
                        .append(Html.coord(legendY - 4)).append("\" x2=\"").append(Html.coord(legendX + 18))
                        .append("\" y2=\"").append(Html.coord(legendY - 4)).append("\" stroke=\"")
                        .append(s.color()).append("\" stroke-width=\"2\"")
                        .append(s.dashed() ? " stroke-dasharray=\"5 4\"" : "").append("/>");
                text(svg, legendX + 24, legendY, "start", s.name());
                // Monospace-free estimate of label width; good enough to keep items apart.
                legendX += 24 + 6.5 * s.name().length() + 18;
            }
            svg.append("</g>");
            svg.append("</svg>");
            return svg.toString();
        }

        private double xPixel(double x) {
            return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        private double yPixel(double y) {
            return TOP + (1.0 - (y - yMin) / (yMax - yMin)) * (HEIGHT - TOP - BOTTOM);
        }
    }

    /**
     * Horizontal bars from zero, one row per label, in the given order. Negative values extend
     * left of the zero line so signed coefficients read correctly.
     */
    static String horizontalBars(String id, String title, List<String> labels, double[] values, String valueLabel) {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException("horizontalBars got " + labels.size() + " labels but "
                    + values.length + " values; expected one value per label.");
        }
        int left = 200;
        int right = 72;
        int rowHeight = 24;
        int top = 40;
        int height = top + rowHeight * Math.max(1, labels.size()) + 48;
        double plotWidth = WIDTH - left - right;
        double min = 0.0;
        double max = 0.0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] domain = widen(min, max);
        double[] ticks = niceTicks(domain[0], domain[1]);
        double lo = Math.min(domain[0], ticks[0]);
        double hi = Math.max(domain[1], ticks[ticks.length - 1]);
        int decimals = decimalsFor(ticks);
        double plotBottom = top + rowHeight * Math.max(1, labels.size());

        StringBuilder svg = new StringBuilder(4_096);
        open(svg, id, title, WIDTH, height);
        svg.append("<g class=\"grid\" stroke=\"").append(GRID).append("\" stroke-width=\"1\">");
        for (double t : ticks) {
            double x = left + (t - lo) / (hi - lo) * plotWidth;
            line(svg, x, top, x, plotBottom);
        }
        svg.append("</g>");
        svg.append("<g class=\"tick-labels\" font-size=\"11\" fill=\"").append(AXIS).append("\">");
        for (double t : ticks) {
            double x = left + (t - lo) / (hi - lo) * plotWidth;
            text(svg, x, plotBottom + 16, "middle", Html.num(t, decimals));
        }
        svg.append("</g>");
        text(svg, left + plotWidth / 2, plotBottom + 36, "middle", valueLabel);

        double zero = left + (0.0 - lo) / (hi - lo) * plotWidth;
        svg.append("<g class=\"bars\" font-size=\"12\">");
        for (int i = 0; i < labels.size(); i++) {
            double v = values[i];
            double y = top + i * rowHeight;
            double end = left + (v - lo) / (hi - lo) * plotWidth;
            double x = Math.min(zero, end);
            String full = labels.get(i);
            // Long names are shortened to fit the label column; the full name stays in the tooltip.
            String shown = full.length() > 28 ? full.substring(0, 27) + "\u2026" : full;
            svg.append("<g class=\"bar\"><title>").append(Html.escape(full)).append(": ")
                    .append(Html.num(v, 4)).append("</title>");
            text(svg, left - 8, y + rowHeight / 2.0 + 4, "end", shown);
            svg.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y + 4))
                    .append("\" width=\"").append(Html.coord(Math.abs(end - zero))).append("\" height=\"")
                    .append(rowHeight - 8).append("\" fill=\"").append(v < 0 ? "#ff7f0e" : "#1f77b4").append("\"/>");
            text(svg, Math.max(zero, end) + 4, y + rowHeight / 2.0 + 4, "start", Html.num(v, 4));
            svg.append("</g>");
        }
        svg.append("</g>");
        svg.append("<line x1=\"").append(Html.coord(zero)).append("\" y1=\"").append(top).append("\" x2=\"")
                .append(Html.coord(zero)).append("\" y2=\"").append(Html.coord(plotBottom)).append("\" stroke=\"")
                .append(AXIS).append("\" stroke-width=\"1\"/>");
        svg.append("</svg>");
        return svg.toString();
    }

    /**
     * Tick values at 1, 2 or 5 times a power of ten, covering [min, max] with about five
     * steps: round numbers that a reader can interpolate between.
     */
    static double[] niceTicks(double min, double max) {
        double step = niceStep((max - min) / 5.0);
        double first = Math.ceil(min / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; ; i++) {
            double t = first + i * step;
            if (t > max + step * 1e-9) {
                break;
            }
            // Snap values like 0.30000000000000004 so labels and grid lines sit exactly.
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        double[] out = new double[ticks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ticks.get(i);
        }
        return out;
    }

    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
        return nice * magnitude;
    }

    /** Enough decimals to tell adjacent ticks apart, none more. */
    static int decimalsFor(double[] ticks) {
        if (ticks.length < 2) {
            return 2;
        }
        double step = ticks[1] - ticks[0];
        return Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    }

    /** A non-empty, finite domain; a single value gets a margin either side. */
    static double[] widen(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0.0, 1.0};
        }
        if (max > min) {
            return new double[] {min, max};
        }
        double pad = min == 0.0 ? 0.5 : Math.abs(min) * 0.1;
        return new double[] {min - pad, max + pad};
    }

    private static void open(StringBuilder svg, String id, String title, int width, int height) {
        String titleId = Html.escape(id + "-title");
        svg.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-labelledby=\"")
                .append(titleId).append("\" font-family=\"system-ui, sans-serif\">");
        svg.append("<title id=\"").append(titleId).append("\">").append(Html.escape(title)).append("</title>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"14\" font-weight=\"600\"")
                .append(" fill=\"#222222\">").append(Html.escape(title)).append("</text>");
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2) {
        svg.append("<line x1=\"").append(Html.coord(x1)).append("\" y1=\"").append(Html.coord(y1))
                .append("\" x2=\"").append(Html.coord(x2)).append("\" y2=\"").append(Html.coord(y2)).append("\"/>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String content) {
        svg.append("<text");
        appendTextPosition(svg, x, y, anchor);
        svg.append('>').append(Html.escape(content)).append("</text>");
    }

    private static void appendTextPosition(StringBuilder svg, double x, double y, String anchor) {
        svg.append(" x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y))
                .append("\" text-anchor=\"").append(anchor).append('"');
    }
}
