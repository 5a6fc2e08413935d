/**
 * Classification of Indonesian complaint text: case type, the agency's SLA class, topic and
 * division, each with a confidence and an explanation, abstaining below the agency's threshold.
 * {@link ComplaintClassifier} is the entry point; {@link TrainingCommand} retrains the model. No
 * framework: services wire it themselves.
 */
@NullMarked
package id.aduan.classification;

import org.jspecify.annotations.NullMarked;
