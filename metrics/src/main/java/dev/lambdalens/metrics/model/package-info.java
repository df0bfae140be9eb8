/**
 * The value types of the metrics API, named as in Powertools for AWS Lambda (Java) v2: dimension sets, units and
 * resolutions.
 */
package dev.lambdalens.metrics.model;
