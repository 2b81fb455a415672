/**
 * Reports of an evaluation for people and machines: {@link io.github.selfclassifier.djl.report.ClusterGridRenderer}
 * draws grids of sample images from the most accurate predicted clusters (the paper's qualitative figure),
 * {@link io.github.selfclassifier.djl.report.EvaluationReport} writes one self-contained HTML page with the
 * scores, the configuration and the grids, plus the same results as JSON
 * ({@link io.github.selfclassifier.djl.report.ReportData}). Pure Java: java.awt in headless mode and
 * javax.imageio, no engine needed.
 */
package io.github.selfclassifier.djl.report;
