/**
 * The nearest-neighbour augmentation of Self-Classifier: a FIFO queue of recent view-0 embeddings with their
 * dataset indices ({@link io.github.selfclassifier.djl.queue.NearestNeighborQueue}) and its plain-Java
 * checkpoint form ({@link io.github.selfclassifier.djl.queue.NearestNeighborQueueState}).
 */
package io.github.selfclassifier.djl.queue;
