/**
 * Examinations and their predictions: stores each classified image (content-addressed) with the prediction made
 * about it and which model made it. Uses {@code inference} and {@code audit} through their boundaries.
 */
package org.strokescan.examination;
