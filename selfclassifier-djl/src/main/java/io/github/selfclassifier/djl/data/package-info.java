/**
 * Datasets: in-memory image sets, image folders (one sub-folder per class, or unlabelled), IDX files (MNIST,
 * Fashion-MNIST) and a generated image set with known classes that needs no download.
 */
package io.github.selfclassifier.djl.data;
