/**
 * Class hierarchies cut into levels of superclasses, for the superclass accuracy of the Self-Classifier paper:
 * {@link io.github.selfclassifier.metrics.hierarchy.ImageNetHierarchyFiles} reads the ImageNet hierarchy files,
 * {@link io.github.selfclassifier.metrics.hierarchy.ClassHierarchy} defines levels (longest path from the root)
 * and gives, per level, a {@link io.github.selfclassifier.metrics.hierarchy.LevelSuperclasses} with the
 * {@link io.github.selfclassifier.api.metrics.SuperclassMapping} that
 * {@link io.github.selfclassifier.metrics.ExactClusterMetrics} uses.
 */
package io.github.selfclassifier.metrics.hierarchy;
