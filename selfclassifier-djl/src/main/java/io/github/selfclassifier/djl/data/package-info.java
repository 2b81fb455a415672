/**
 * Datasets: in-memory image sets, IDX files (MNIST, Fashion-MNIST) and a generated image set with known
 * classes that needs no download.
 */
package io.github.selfclassifier.djl.data;
