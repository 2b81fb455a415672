/**
 * The public API of selfclassifier-java: configurations, results and interfaces that every implementation
 * (DJL, pure Java) shares. Nothing in this package or its sub-packages refers to a deep-learning engine.
 */
package io.github.selfclassifier.api;
