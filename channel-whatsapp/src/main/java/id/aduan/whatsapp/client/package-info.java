/** Calls to the Cloud API and Twilio (sends, media downloads), the only home of Resilience4j. */
@NullMarked
package id.aduan.whatsapp.client;

import org.jspecify.annotations.NullMarked;
