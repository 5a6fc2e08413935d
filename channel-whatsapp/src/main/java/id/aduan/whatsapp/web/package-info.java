/** The Cloud API and Twilio webhook endpoints and their answers while Kafka is away. */
@NullMarked
package id.aduan.whatsapp.web;

import org.jspecify.annotations.NullMarked;
