/**
 * Inference for apps: a trained-model file that either engine loads ({@link
 * io.github.selfclassifier.djl.inference.SelfClassifierModelFile}, also from training checkpoints), the
 * loaded model with a DJL translator and predictors ({@link
 * io.github.selfclassifier.djl.inference.SelfClassifierModel}), per-image results ({@link
 * io.github.selfclassifier.djl.inference.ClusterPrediction}: cluster, per-head probabilities, embedding) and
 * batched folder prediction to CSV and JSON. Preprocessing is the image-folder loader's, so predictions see
 * the pixels evaluation saw.
 */
package io.github.selfclassifier.djl.inference;
